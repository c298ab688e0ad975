"""What a fresh process pays to validate a delivery: Great Expectations' import of scipy.stats
(for an expectation no contract uses) is deferred until something reads from it, and scipy.stats
still works when something does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipelines.lib import paths

SCRIPT = """
import json, sys
from pathlib import Path
from pipelines.lib.contracts import load_contract
from pipelines.lib.validation import validate_delivery
result = validate_delivery(load_contract("ind_zaken"), Path(sys.argv[1]))
executed = "scipy.stats._stats_py" in sys.modules
from scipy import stats
import scipy.stats as again
print(json.dumps({
    "accepted": result.accepted,
    "scipy_stats_executed_by_validation": executed,
    "entropy": round(float(stats.entropy([0.5, 0.5], [0.25, 0.75])), 6),
    "same_module": stats is again,
}))
"""


def test_validation_does_not_execute_scipy_stats_and_it_still_works(tmp_path: Path) -> None:
    delivery = tmp_path / "ind_zaken_2026-09.csv"
    delivery.write_text(
        "zaak_id,procedure,nationaliteit,gebeurtenis,datum\n"
        "00000000000000a1,asiel_eerste,SYR,aanvraag,2026-09-01\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(delivery)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(paths.PROJECT_ROOT), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {
        "accepted": True,
        "scipy_stats_executed_by_validation": False,
        "entropy": 0.143841,
        "same_module": True,
    }
