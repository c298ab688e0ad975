"""The indicator assets and their blocking reconciliation checks as Dagster runs them."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.defs.indicators.assets import (
    indicator_assets,
    kpi_beleidsclaims,
    reconciliation_checks,
)
from pipelines.defs.shared import MONTHLY, Warehouse
from pipelines.lib import indicators, paths, warehouse
from tests.indicator_fixtures import add_raw, stage

PARTITION = "2025-05-01"
SOORTEN = ("zelfstandig_onder_toezicht", "gedwongen", "zelfstandig_zonder_toezicht")


def _by_name() -> dict[str, dg.AssetsDefinition]:
    return {a.key.to_user_string(): a for a in [*indicator_assets, kpi_beleidsclaims]}


def test_one_asset_and_one_blocking_check_per_indicator() -> None:
    assets = _by_name()
    assert set(assets) == {f"kpi_{name}" for name in indicators.INDICATORS} | {"kpi_beleidsclaims"}
    for name, asset in assets.items():
        assert asset.group_names_by_key[asset.key] == "indicators", name
        assert asset.partitions_def == MONTHLY, name
    # every indicator waits for the edition step: a month that is not reportable computes nothing
    assert {d.to_user_string() for d in assets["kpi_taakstelling_achterstand"].dependency_keys} == {
        "editie",
        "stg_taakstelling",
        "stg_huisvesting_realisatie",
    }
    assert {d.to_user_string() for d in assets["kpi_realisatie_vs_prognose"].dependency_keys} == {
        "editie",
        "kpi_instroom",
        "stg_mpp_prognose",
    }
    checks = {
        (s.asset_key.to_user_string(), s.name): s
        for c in reconciliation_checks
        for s in c.check_specs
    }
    assert set(checks) == {(name, "reconciliatie") for name in assets}
    assert all(spec.blocking for spec in checks.values())


def _warehouse_with_vertrek() -> None:
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        for jaar, (zot, gedwongen) in ((2024, (26, 17)), (2025, (25, 20))):
            add_raw(
                conn,
                "dtenv_vertrek",
                [
                    {"maand": f"{jaar}-{m:02d}", "vertreksoort": s, "aantal": a}
                    for m in range(1, 6)
                    for s, a in zip(SOORTEN, (zot, gedwongen, 40), strict=True)
                ],
                delivery_id=jaar,
            )
        stage(conn)


def test_materialize_with_checks(ketenmonitor_env: Path) -> None:
    _warehouse_with_vertrek()
    assets = _by_name()
    selection = [assets["kpi_vertrek"], assets["kpi_beleidsclaims"], *reconciliation_checks]
    with dg.DagsterInstance.ephemeral() as instance:
        result = dg.materialize(
            selection,
            partition_key=PARTITION,
            resources={"warehouse_db": Warehouse()},
            instance=instance,
            raise_on_error=False,
            selection=["kpi_vertrek", "kpi_beleidsclaims"],
        )
    assert result.success
    checks = {e.asset_key.to_user_string(): e for e in result.get_asset_check_evaluations()}
    assert checks["kpi_vertrek"].passed and checks["kpi_beleidsclaims"].passed
    vertrek = result.asset_materializations_for_node("kpi_vertrek")[0].metadata
    # May 2025: 25 + 20 = 45 aantoonbaar; Jan-May 2025 = 5 x 45 = 225 against 5 x 43 = 215: +4.65%
    assert vertrek["aantoonbaar"].value == 45 and vertrek["ytd_aantoonbaar"].value == 225
    assert vertrek["ytd_groei_pct"].value == round(100 * 10 / 215, 2)
    assert vertrek["rijen_vertrek"].value == 10
    claims = result.asset_materializations_for_node("kpi_beleidsclaims")[0].metadata
    assert (
        claims["rijen_beleidsclaims"].value == 8 and claims["geen_data"].value == 8
    )  # no full years here
    assert paths.warehouse_db().is_relative_to(ketenmonitor_env)


def test_failing_reconciliation_check(ketenmonitor_env: Path) -> None:
    _warehouse_with_vertrek()
    with warehouse.connect() as conn:
        indicators.run(conn, "vertrek", PARTITION)
        conn.execute(
            "update kpi.vertrek set aantoonbaar = aantoonbaar + 1 where maand = '2025-05-01'"
        )
    check = next(
        c
        for c in reconciliation_checks
        if any(s.asset_key.to_user_string() == "kpi_vertrek" for s in c.check_specs)
    )
    outcome = check(warehouse_db=Warehouse())
    assert not outcome.passed and outcome.severity == dg.AssetCheckSeverity.ERROR
    assert (
        "vertrek 2025-05-01: aantoonbaar 46 ≠ zelfstandig onder toezicht + gedwongen = 45"
        in outcome.description
    )
