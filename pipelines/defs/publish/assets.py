"""`published_snapshot`: the last step of the monthly run, the analysts' read-only snapshot.

It depends on every indicator and report asset, so it runs only when they all succeeded, and on
every staging asset, so the deliveries register it copies is complete. The list is fixed here
(definitions cannot see other modules' assets); tests/test_publish.py fails when a kpi_* or
report_* asset exists that is not in it.
"""


import dagster as dg

from pipelines.defs.shared import MONTHLY, Warehouse, contract_check_status
from pipelines.lib import publish
from pipelines.lib.contracts import SOURCES

INDICATOR_ASSETS: tuple[str, ...] = (
    "kpi_instroom",
    "kpi_opvang",
    "kpi_taakstelling_achterstand",
    "kpi_vertrek",
    "kpi_taskforce_budget",
    "kpi_ind_afhandeling",
    "kpi_oekraine",
    "kpi_realisatie_vs_prognose",
    "kpi_begroting",
    "kpi_beleidsclaims",
    "kpi_bijstellingen",
)
REPORT_ASSETS: tuple[str, ...] = ("report_maandrapportage", "report_begrotingsbijlage")
PUBLISH_DEPS: tuple[str, ...] = (*INDICATOR_ASSETS, *REPORT_ASSETS, *(f"stg_{s}" for s in SOURCES))

@dg.asset(
    name="published_snapshot",
    group_name="publish",
    partitions_def=MONTHLY,
    deps=list(PUBLISH_DEPS),
    description="Alleen-lezen snapshot voor analisten: warehouse/published/ketenmonitor.duckdb (schema "
    "rapportage, met tabel- en kolomcommentaar) en warehouse/published/parquet/. Alleen aggregaten.",
    kinds={"duckdb", "parquet"},
)
def published_snapshot(context: dg.AssetExecutionContext, warehouse_db: Warehouse) -> dg.MaterializeResult:
    checks = contract_check_status(context.instance, context.partition_key)
    with warehouse_db.connect() as conn:
        result = publish.publish_snapshot(
            conn, run_id=context.run_id, partition=context.partition_key, checks=checks
        )
    for name, reason in result.skipped.items():
        context.log.info(f"kpi.{name} niet gepubliceerd: {reason}")
    context.log.info(f"snapshot {result.snapshot} ({len(result.tables)} tabellen), parquet {result.parquet_dir}")
    return dg.MaterializeResult(
        metadata={
            "snapshot": dg.MetadataValue.path(str(result.snapshot)),
            "parquet": dg.MetadataValue.path(str(result.parquet_dir)),
            "editie": result.edition,
            "codeversie": result.code_version,
            "tabellen": dg.MetadataValue.md("\n".join(
                f"- rapportage.{t}: {result.rows.get(t, 0)} rijen" for t in result.tables)),
            "niet_gepubliceerd": dg.MetadataValue.md(
                "\n".join(f"- kpi.{k}: {v}" for k, v in result.skipped.items()) or "geen"),
        }
    )


@dg.asset_check(
    asset="published_snapshot",
    name="alleen_aggregaten_en_gedocumenteerd",
    partitions_def=MONTHLY,
    description="De gepubliceerde snapshot (alleen-lezen geopend) heeft geen kolom zaak_id, alleen schema "
    "rapportage, commentaar op elke tabel en kolom, en komt van deze run.",
)
def published_snapshot_check(context: dg.AssetCheckExecutionContext) -> dg.AssetCheckResult:
    problems: list[str] = []
    with publish.connect_snapshot() as conn:
        missing = conn.execute(
            "select table_schema || '.' || table_name || '.' || column_name from information_schema.columns "
            "where lower(column_name) = 'zaak_id' or table_schema <> 'rapportage' and table_schema not in "
            "('information_schema', 'pg_catalog')"
        ).fetchall()
        problems += [f"niet toegestaan: {m[0]}" for m in missing]
        undocumented = conn.execute(
            "select table_name || '.' || column_name from duckdb_columns() "
            "where schema_name = 'rapportage' and (comment is null or comment = '')"
        ).fetchall()
        problems += [f"geen commentaar: {u[0]}" for u in undocumented]
        run_ids = conn.execute("select run_id from rapportage.publicatie").fetchall()
    if [r[0] for r in run_ids] != [context.run.run_id]:
        problems.append(f"publicatie komt niet van deze run: {run_ids}")
    return dg.AssetCheckResult(
        passed=not problems,
        severity=dg.AssetCheckSeverity.ERROR,
        description="\n".join(problems[:20]) or None,
        metadata={"problemen": len(problems)},
    )
