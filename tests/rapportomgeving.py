"""The shared report environment: a subset of the embedded sample deliveries through the real
ingestion, staging, indicator SQL and claims evaluator, then both documents rendered for 2025-05 by
the Dagster report assets. Built once per test session (see `omgeving` in conftest.py)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import dagster as dg
import pytest

from pipelines.defs.publish.assets import published_snapshot
from pipelines.defs.reports.assets import report_begrotingsbijlage, report_maandrapportage
from pipelines.defs.shared import Warehouse
from pipelines.lib import local_build, paths, warehouse
from tests.deliveries import sample_file

MAAND = dt.date(2025, 5, 1)
PARTITION = "2025-05-01"


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# The deliveries the module warehouse is built from (a subset of data/sample/landing, for speed).
SUBSET: dict[str, list[str]] = {
    "cbs_asielverzoeken": [
        "83102NED_2026-11-12.json",
        "83102NED_2026-11-12.Perioden.json",
        "83102NED_2026-11-12.Nationaliteit.json",
    ],
    "taakstelling": ["taakstelling_2024-H2.csv", "taakstelling_2025-H1.csv"],
    "huisvesting_realisatie": [f"huisvesting_{m}.csv" for m in _months("2024-07", "2025-05")],
    "dtenv_vertrek": [f"dtenv_vertrek_{m}.csv" for m in _months("2023-01", "2025-05")],
    "coa_bezetting": [f"coa_bezetting_{m}.csv" for m in _months("2024-10", "2025-05")],
    "oekraine_opvang": [f"oekraine_opvang_{m}.csv" for m in _months("2024-10", "2025-05")],
    "ind_zaken": [f"ind_zaken_{m}.parquet" for m in _months("2025-03", "2025-05")],
    "mpp_prognose": None,  # all editions
    "budgettaire_tabel": None,
    "rijksfinancien_begrotingsstaten": None,
}


def build_warehouse(db: Path, landing: Path, maand: dt.date) -> None:
    """Ingest `landing` through the real pipeline code and compute every indicator for `maand`."""
    with warehouse.connect(db) as conn:
        outcomes = local_build.build_warehouse(conn, landing, maand, all_ind_months=True)
    assert all(o.status == "accepted" for o in outcomes), [
        o.describe() for o in outcomes if o.status != "accepted"
    ]


def gedeelde_map(tmp_path_factory: pytest.TempPathFactory, naam: str) -> Path:
    """A folder all xdist workers of this session share (the session's base temp), so an expensive
    fixture is built once per session rather than once per worker."""
    base = tmp_path_factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / naam


def eenmalig(root: Path, build: Callable[[Path], None]) -> Path:
    """Run `build(root)` once across processes: the first takes a lock file, the others wait."""
    klaar = root / ".klaar"
    lock = root.parent / f".{root.name}.lock"
    root.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + 900
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            if klaar.exists():
                return root
            if time.monotonic() > deadline:
                raise TimeoutError(f"{lock} blijft bezet") from None
            time.sleep(0.5)
    try:
        if not klaar.exists():
            if root.exists():
                shutil.rmtree(root)
            root.mkdir()
            build(root)
            klaar.touch()
    finally:
        os.close(fd)
        lock.unlink()
    return root


def bouw(root: Path) -> None:
    """The module warehouse under `root` and both reports rendered for MAAND by
    the Dagster assets."""
    landing = root / "landing"
    for source, names in SUBSET.items():
        src = paths.SAMPLE_LANDING_DIR / source
        (landing / source).mkdir(parents=True)
        # sample files carry their delivery date after the period:
        # taakstelling_2024-H2_2024-06-01.csv
        chosen = [
            src / n if (src / n).exists() else sample_file(source, n.rsplit(".", 1)[0])
            for n in names or ()
        ]
        for f in sorted(src.iterdir()) if names is None else chosen:
            shutil.copy2(f, landing / source / f.name)
    db = root / "warehouse" / "ketenmonitor.duckdb"
    build_warehouse(db, landing, MAAND)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KETENMONITOR_REPORTS_DIR", str(root / "reports"))
        mp.setenv("KETENMONITOR_WAREHOUSE_DIR", str(root / "warehouse"))
        for name in ("KETENMONITOR_PDF_VARIANT", "KETENMONITOR_ORGANISATIE", "KETENMONITOR_LOGO"):
            mp.delenv(name, raising=False)
        result = dg.materialize(  # the reports become visible with the edition's snapshot
            [report_maandrapportage, report_begrotingsbijlage, published_snapshot],
            partition_key=PARTITION,
            resources={"warehouse_db": Warehouse(database=str(db))},
        )
    assert result.success
    mat = result.asset_materializations_for_node("report_maandrapportage")[0]
    info = {
        "run_id": result.run_id,
        "paginas": mat.metadata["paginas"].value,
        "pdf_variant": mat.metadata["pdf_variant"].value,
    }
    (root / "run.json").write_text(json.dumps(info), encoding="utf-8")
