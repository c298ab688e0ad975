"""A backfill over a range of months:
every partition runs (in sequence, in process) and is materialized.

The three-month backfill runs the `inlezen` job (ingest + staging, ~20 steps) to keep the suite
fast; `ketenmonitor backfill` runs every job through the same code path
(`pipelines.cli.draaien.execute_partition`) and the monthly job itself is run end to end in
tests/test_cli.py.
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines import cli
from tests.deliveries import write_good


def test_backfill_of_inlezen_is_one_run_over_all_months(ketenmonitor_env: Path, capsys) -> None:
    """Ingest and staging are not partitioned (they take every delivery, whatever month it covers):
    a backfill of `inlezen` over a range of months is one run, not one per month doing the same."""
    write_good("dtenv_vertrek", ketenmonitor_env / "landing")  # a small landing keeps it fast

    assert cli.main(["backfill", "--van", "2025-03", "--tot", "2025-05", "--job", "inlezen"]) == 0
    out = capsys.readouterr().out
    summary = out.split("Backfill samengevat:")[1].strip().splitlines()
    assert [line.split()[:2] for line in summary] == [["alles", "geslaagd"]]
    assert out.count("ok           raw_dtenv_vertrek ") == 1

    with dg.DagsterInstance.get() as instance:
        runs = instance.get_runs(filters=dg.RunsFilter(job_name="inlezen"))
        assert len(runs) == 1 and "dagster/partition" not in runs[0].tags
        assert runs[0].status == dg.DagsterRunStatus.SUCCESS
        for asset in (
            "raw_dtenv_vertrek",
            "stg_dtenv_vertrek",
            "raw_coa_bezetting",
            "stg_coa_bezetting",
        ):
            assert instance.get_latest_materialization_event(dg.AssetKey(asset)) is not None, asset


def test_backfill_rejects_an_empty_or_reversed_range(ketenmonitor_env: Path) -> None:
    assert cli.main(["backfill", "--van", "2025-05", "--tot", "2025-03"]) == 2
    assert cli.main(["backfill", "--van", "2019-01", "--tot", "2019-03"]) == 2
