"""Ingestion as Dagster runs it: real `dg.materialize` runs over the ingest and staging assets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from pipelines.defs.ingest.assets import contract_checks, deliveries_checks, ingest_assets
from pipelines.defs.shared import Warehouse
from pipelines.defs.staging.assets import staging_assets
from pipelines.lib import paths, warehouse
from pipelines.lib.contracts import SOURCES
from tests.deliveries import mutate_csv, write_good

pytestmark = pytest.mark.slow  # real Dagster runs


def _materialize(selection: list, instance: dg.DagsterInstance) -> dg.ExecuteInProcessResult:
    return dg.materialize(
        selection,  # ingest and staging are not partitioned: they take every month there is
        resources={"warehouse_db": Warehouse()},
        instance=instance,
        raise_on_error=False,
    )


def _check_results(
    result: dg.ExecuteInProcessResult,
) -> dict[tuple[str, str], dg.AssetCheckEvaluation]:
    return {
        (e.asset_key.to_user_string(), e.check_name): e
        for e in result.get_asset_check_evaluations()
    }


def test_bad_delivery_is_quarantined_and_other_sources_still_load(ketenmonitor_env: Path) -> None:
    landing = ketenmonitor_env / "landing"
    for source in SOURCES:
        write_good(source, landing)
    bad = landing / "coa_bezetting" / "coa_bezetting_2025-06.csv"
    bad.write_text(
        (landing / "coa_bezetting" / "coa_bezetting_2025-05.csv").read_text(encoding="utf-8-sig")
    )
    mutate_csv(bad, 1, "peildatum", "2025-06-30", ";")
    mutate_csv(bad, 2, "opvangsoort", "boot", ";")

    with dg.DagsterInstance.ephemeral() as instance:
        result = _materialize(
            [*ingest_assets, *staging_assets, *contract_checks, *deliveries_checks], instance
        )

    assert result.success, "a rejected delivery is not a failed run"
    checks = _check_results(result)
    leveringen = checks[("raw_coa_bezetting", "leveringen")]
    assert not leveringen.passed and leveringen.severity == dg.AssetCheckSeverity.WARN
    assert "coa_bezetting_2025-06.csv" in leveringen.metadata["details"].value
    assert "boot" in leveringen.metadata["details"].value
    assert all(checks[(f"raw_{s}", "contract")].passed for s in SOURCES)
    assert all(checks[(f"raw_{s}", "leveringen")].passed for s in SOURCES if s != "coa_bezetting")

    with warehouse.connect(read_only=True) as conn:
        statuses = dict(conn.execute("select file_name, status from meta.deliveries").fetchall())
        coa_months = conn.execute("select distinct maand from stg.coa_bezetting").fetchall()
        loaded = {s: conn.execute(f"select count(*) from stg.{s}").fetchone()[0] for s in SOURCES}
    assert statuses["coa_bezetting_2025-06.csv"] == "rejected"
    assert sum(1 for s in statuses.values() if s == "accepted") == len(SOURCES)
    assert [str(m[0]) for m in coa_months] == ["2025-05-01"], (
        "nothing of the rejected month reached stg"
    )
    assert all(n > 0 for n in loaded.values()), loaded
    assert (paths.quarantine_dir() / "coa_bezetting").is_dir()


def test_failing_blocking_check_stops_downstream(ketenmonitor_env: Path) -> None:
    landing = ketenmonitor_env / "landing"
    write_good("coa_bezetting", landing)
    selection = [
        a
        for a in ingest_assets + staging_assets + contract_checks
        if any("coa_bezetting" in k.to_user_string() for k in a.keys)
        or any("coa_bezetting" in k.asset_key.to_user_string() for k in a.check_keys)
    ]

    with dg.DagsterInstance.ephemeral() as instance:
        assert _materialize(selection, instance).success
        # Corrupt what was accepted behind the pipeline's back: raw now holds rows the
        # register does not know, and a row that breaks the contract.
        with warehouse.connect() as conn:
            conn.execute(
                "insert into raw.coa_bezetting select peildatum, 'boot', locaties, capaciteit, "
                "bezetting, waarvan_vergunninghouders, kostprijs_per_plek_per_jaar, 999, 1, "
                "_periode from raw.coa_bezetting limit 1"
            )
            conn.execute(
                "update raw.coa_bezetting set opvangsoort = 'boot' where opvangsoort = 'hotel'"
            )
        result = _materialize(selection, instance)

    assert not result.success
    check = _check_results(result)[("raw_coa_bezetting", "contract")]
    assert not check.passed and check.severity == dg.AssetCheckSeverity.ERROR
    assert "levering 999" in check.description and "boot" in check.description
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert "raw_coa_bezetting" in materialized
    assert "stg_coa_bezetting" not in materialized, "the blocking check must stop staging"


def test_code_location_loads_with_dg_check_defs(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DAGSTER_HOME": str(tmp_path),
        "KETENMONITOR_WAREHOUSE_DIR": str(tmp_path / "wh"),
    }
    dg_bin = Path(sys.executable).with_name("dg")
    result = subprocess.run(
        [str(dg_bin), "check", "defs"],
        check=False,
        cwd=paths.PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All definitions loaded successfully" in result.stdout + result.stderr
