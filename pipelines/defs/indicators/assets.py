"""Indicators: `kpi_<name>` computes kpi.<name> (and its companion tables) from stg with the SQL in
sql/indicators/ (see pipelines/lib/indicators.py); each has a blocking `reconciliatie` check (parts
add up to totals, no negative stock, shares within 0..100%). `kpi_beleidsclaims` checks the
budget's claims (reports/beleidsclaims.yaml) on whatever the indicators hold.
"""

import datetime as dt
from typing import Any

import dagster as dg

from pipelines.defs.shared import MONTHLY, Warehouse, partition_month
from pipelines.lib import beleidsclaims, indicators, reconciliation, sqlfiles


def _deps(indicator: indicators.Indicator) -> list[dg.AssetKey]:
    keys = [dg.AssetKey("editie")]  # a month that is not reportable computes nothing
    for read in indicator.reads:
        layer, name = read.split(":", 1)
        keys.append(dg.AssetKey(f"{layer}_{name}"))
    return keys


def _metadata_value(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def build_indicator_asset(indicator: indicators.Indicator) -> dg.AssetsDefinition:
    @dg.asset(
        name=f"kpi_{indicator.name}",
        group_name="indicators",
        partitions_def=MONTHLY,
        deps=_deps(indicator),
        description=sqlfiles.header(indicator.sql_name),
        metadata={"tabellen": ", ".join(f"kpi.{t}" for t in indicator.tables)},
        kinds={"duckdb", "sql"},
    )
    def _compute(
        context: dg.AssetExecutionContext, warehouse_db: Warehouse
    ) -> dg.MaterializeResult:
        maand = partition_month(context)
        with warehouse_db.connect() as conn:
            rows = indicators.run(conn, indicator.name, maand)
            kerncijfers = indicators.headline(conn, indicator.name, maand)
        if not kerncijfers:
            context.log.info(f"kpi_{indicator.name}: geen gegevens voor {maand}")
        metadata: dict[str, Any] = {f"rijen_{table}": n for table, n in rows.items()}
        metadata |= {name: _metadata_value(v) for name, v in kerncijfers.items()}
        metadata["maand"] = maand
        return dg.MaterializeResult(metadata=metadata)

    return _compute


def build_reconciliation_check(asset_name: str, indicator: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=asset_name,
        name="reconciliatie",
        blocking=True,
        partitions_def=MONTHLY,
        description="Delen tellen op tot totalen, geen negatieve voorraad of achterstand, "
        "aandelen tussen 0 en 100%: "
        + ", ".join(r.name for r in reconciliation.RULES[indicator])
        + ".",
    )
    def _check(warehouse_db: Warehouse) -> dg.AssetCheckResult:
        with warehouse_db.connect() as conn:
            failures = reconciliation.check(conn, indicator)
        return dg.AssetCheckResult(
            passed=not failures,
            severity=dg.AssetCheckSeverity.ERROR,
            description=None if not failures else "\n".join(failures[:30]),
            metadata={"regels": len(reconciliation.RULES[indicator]), "afwijkingen": len(failures)},
        )

    return _check


@dg.asset(
    name="kpi_beleidsclaims",
    group_name="indicators",
    partitions_def=MONTHLY,
    deps=[f"kpi_{name}" for name in indicators.INDICATORS],
    description="De beleidsclaims uit de begroting 2026 (reports/beleidsclaims.yaml), "
    "gemeten op de indicatoren: status bevestigd, afwijkend of geen data (kpi.beleidsclaims).",
    metadata={"tabellen": "kpi.beleidsclaims"},
    kinds={"duckdb", "python"},
)
def kpi_beleidsclaims(
    context: dg.AssetExecutionContext, warehouse_db: Warehouse
) -> dg.MaterializeResult:
    claims = beleidsclaims.load_claims()
    with warehouse_db.connect() as conn:
        uitkomsten = beleidsclaims.evaluate(conn, claims)
        rows = beleidsclaims.write(conn, uitkomsten)
    for u in uitkomsten:
        context.log.info(
            f"{u.claim_id}: {u.status} (geclaimd {u.geclaimd}, gemeten {u.gemeten or '-'})"
        )
    tabel = "\n".join(
        ["| claim | geclaimd | gemeten | status |", "|---|---|---|---|"]
        + [f"| {u.claim_id} | {u.geclaimd} | {u.gemeten or '-'} | {u.status} |" for u in uitkomsten]
    )
    return dg.MaterializeResult(
        metadata={
            "rijen_beleidsclaims": rows,
            **{
                s.replace(" ", "_"): sum(u.status == s for u in uitkomsten)
                for s in beleidsclaims.STATUSSEN
            },
            "claims": dg.MetadataValue.md(tabel),
            "maand": partition_month(context),
        }
    )


indicator_assets = [build_indicator_asset(i) for i in indicators.INDICATORS.values()]
reconciliation_checks = [
    build_reconciliation_check(f"kpi_{name}", name) for name in indicators.INDICATORS
] + [build_reconciliation_check("kpi_beleidsclaims", "beleidsclaims")]
