"""A backfill over a range of months: every partition runs (in sequence, in process) and is materialized.

The three-month backfill runs the `inlezen` job (ingest + staging, ~20 steps) to keep the suite fast;
`ketenmonitor backfill` runs every job through the same code path (`cli.execute_partition`) and the
monthly job itself is run end to end in tests/test_cli.py.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines import cli
from tests.deliveries import write_good

MONTHS = ["2025-03-01", "2025-04-01", "2025-05-01"]


def test_backfill_of_three_months(ketenmonitor_env: Path, capsys) -> None:
    write_good("dtenv_vertrek", ketenmonitor_env / "landing")  # a small landing keeps it fast

    assert cli.main(["backfill", "--van", "2025-03", "--tot", "2025-05", "--job", "inlezen"]) == 0
    out = capsys.readouterr().out
    summary = out.split("Backfill samengevat:")[1].strip().splitlines()
    assert [line.split()[:2] for line in summary] == [
        ["2025-03", "geslaagd"], ["2025-04", "geslaagd"], ["2025-05", "geslaagd"]]
    assert out.count("ok           raw_dtenv_vertrek ") == 3

    with dg.DagsterInstance.get() as instance:
        runs = instance.get_runs(filters=dg.RunsFilter(job_name="inlezen"))
        assert sorted(r.tags["dagster/partition"] for r in runs) == MONTHS
        assert all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)
        for asset in ("raw_dtenv_vertrek", "stg_dtenv_vertrek", "raw_coa_bezetting", "stg_coa_bezetting"):
            assert set(MONTHS) <= instance.get_materialized_partitions(dg.AssetKey(asset)), asset


def test_backfill_rejects_an_empty_or_reversed_range(ketenmonitor_env: Path) -> None:
    assert cli.main(["backfill", "--van", "2025-05", "--tot", "2025-03"]) == 2
    assert cli.main(["backfill", "--van", "2019-01", "--tot", "2019-03"]) == 2
