"""The monthly schedule and the jobs, as the Dagster daemon and UI see them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import dagster as dg
import pytest

from pipelines.definitions import defs
from pipelines.defs.shared import Instellingen

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(scope="module")
def definitions() -> dg.Definitions:
    with dg.instance_for_test():  # load against a live instance, whatever earlier tests left behind
        return defs()


def test_code_location_has_jobs_schedule_and_sensors(definitions: dg.Definitions) -> None:
    repo = definitions.get_repository_def()
    assert {"maandelijkse_run", "inlezen"} <= set(repo.job_names)
    assert [s.name for s in repo.schedule_defs] == ["maandelijkse_run_schedule"]
    assert {s.name for s in repo.sensor_defs} >= {"landing_sensor", "meld_mislukte_run"}
    assert (
        repo.get_schedule_def("maandelijkse_run_schedule").default_status
        == dg.DefaultScheduleStatus.RUNNING
    )
    assert repo.get_sensor_def("meld_mislukte_run").default_status == dg.DefaultSensorStatus.RUNNING


def test_jobs_run_in_process_and_select_the_right_assets(definitions: dg.Definitions) -> None:
    monthly = definitions.resolve_job_def("maandelijkse_run")
    inlezen = definitions.resolve_job_def("inlezen")
    assert monthly.executor_def is dg.in_process_executor
    assert inlezen.executor_def is dg.in_process_executor
    assert (
        monthly.partitions_def is not None
        and monthly.partitions_def.get_partition_keys()[0] == "2022-01-01"
    )
    monthly_assets = {k.to_user_string() for k in monthly.asset_layer.executable_asset_keys}
    assert {"raw_coa_bezetting", "stg_coa_bezetting", "published_snapshot"} <= monthly_assets
    inlezen_assets = {k.to_user_string() for k in inlezen.asset_layer.executable_asset_keys}
    assert inlezen_assets and all(k.startswith(("raw_", "stg_")) for k in inlezen_assets)
    assert (
        monthly.tags.get("ketenmonitor/warehouse")
        == inlezen.tags.get("ketenmonitor/warehouse")
        == "schrijver"
    )


def test_schedule_is_the_10th_at_0700_amsterdam_for_the_previous_month(
    definitions: dg.Definitions,
) -> None:
    schedule = definitions.resolve_schedule_def("maandelijkse_run_schedule")
    assert schedule.cron_schedule == "0 7 10 * *"
    assert schedule.execution_timezone == "Europe/Amsterdam"
    for when, expected in [
        (datetime(2026, 11, 10, 7, 0, tzinfo=AMSTERDAM), "2026-10-01"),
        (datetime(2026, 1, 10, 7, 0, tzinfo=AMSTERDAM), "2025-12-01"),
        (datetime(2026, 4, 10, 7, 0, tzinfo=AMSTERDAM), "2026-03-01"),  # after the DST switch
    ]:
        context = dg.build_schedule_context(
            scheduled_execution_time=when,
            repository_def=definitions.get_repository_def(),
            resources={"instellingen": Instellingen()},
        )
        requests = schedule.evaluate_tick(context).run_requests
        assert [r.partition_key for r in requests] == [expected]
        assert requests[0].job_name == "maandelijkse_run"


def test_a_new_dagster_home_queues_warehouse_writers_one_at_a_time(tmp_path, monkeypatch) -> None:
    """DuckDB allows one writer process: runs tagged as warehouse writers (both jobs, and CLI runs)
    must be limited to one at a time, or a multi-month backfill from the UI fails on
    the file lock."""
    from pipelines.cli import omgeving
    from pipelines.defs.ops import jobs
    from pipelines.lib.schrijver import WAREHOUSE_TAG

    home = tmp_path / "dagster_home"
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    omgeving.prepare_environment()
    assert jobs.maandelijkse_run.tags == jobs.inlezen.tags == WAREHOUSE_TAG
    with dg.DagsterInstance.get() as instance:
        limits = instance.get_concurrency_config().run_queue_config.tag_concurrency_limits
        assert {"key": next(iter(WAREHOUSE_TAG)), "limit": 1} in limits
        assert instance.run_coordinator.__class__.__name__ == "QueuedRunCoordinator"
    assert "enabled: false" in (home / "dagster.yaml").read_text()
