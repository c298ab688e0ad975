"""`published_snapshot`: the last step of the monthly run, the analysts' read-only snapshot.

It depends on every indicator and report asset, so it runs only when they all succeeded, and on
every staging asset, so the deliveries register it copies is complete; the lists come from the
catalogue (pipelines/lib/catalogus.py).
"""

import dagster as dg

from pipelines.defs.shared import MONTHLY, Warehouse, contract_check_status, partition_month
from pipelines.lib import archief, catalogus, editie, publish
from pipelines.lib.contracts import SOURCES

INDICATOR_ASSETS: tuple[str, ...] = tuple(catalogus.kpi_asset(i) for i in catalogus.INDICATOREN)
REPORT_ASSETS: tuple[str, ...] = tuple(d.asset for d in catalogus.DOCUMENTEN.values())
PUBLISH_DEPS: tuple[str, ...] = (
    "editie",
    *INDICATOR_ASSETS,
    *REPORT_ASSETS,
    *(f"stg_{s}" for s in SOURCES),
)


@dg.asset(
    name="published_snapshot",
    group_name="publish",
    partitions_def=MONTHLY,
    deps=list(PUBLISH_DEPS),
    description="De editie van de verslagmaand voor analisten en lezers, "
    "in één keer zichtbaar: snapshot (schema rapportage, met tabel- en kolomcommentaar, "
    "alleen aggregaten, niets na de verslagmaand), Parquet en de rapporten, gearchiveerd in "
    "warehouse/published/edities/<jjjj-mm>/. Actueel (warehouse/published/ketenmonitor.duckdb en "
    "parquet/) is altijd de nieuwste rapporteerbare maand.",
    kinds={"duckdb", "parquet"},
)
def published_snapshot(
    context: dg.AssetExecutionContext, warehouse_db: Warehouse
) -> dg.MaterializeResult:
    checks = contract_check_status(context.instance, context.partition_key)
    maand = partition_month(context)
    with warehouse_db.connect() as conn:
        ed = editie.bepaal(conn, maand)
        result = None
        if not archief.is_gepubliceerd(ed.id):
            result = publish.publish_snapshot(
                conn,
                run_id=context.run_id,
                editie=ed,
                target_dir=archief.bouwmap(ed.id),
                checks=checks,
            )
    schakeling = archief.schakel(
        ed.id,
        maand,
        {
            "editie": ed.id,
            "maand": maand,
            "status": ed.status,
            "ontbrekend": [f"{d.naam} ({d.reden})" for d in ed.ontbrekend],
            "codeversie": ed.code_versie,
            "invoer_sha256": ed.invoer_sha256,
            "leveringen": [
                {
                    "bron": lev.source,
                    "bestand": lev.file_name,
                    "sha256": lev.sha256,
                    "status": lev.status,
                }
                for lev in ed.invoer + ed.afgewezen
            ],
            "run_id": context.run_id,
        },
    )
    context.log.info(schakeling.toelichting)
    if result is not None:
        for name, reason in result.skipped.items():
            context.log.info(f"kpi.{name} niet gepubliceerd: {reason}")
    return dg.MaterializeResult(
        metadata={
            "editie": ed.id,
            "status": ed.status,
            "publicatie": "nieuw" if schakeling.nieuw else "ongewijzigd",
            "actueel": schakeling.huidig or "-",
            "toelichting": schakeling.toelichting,
            "snapshot": dg.MetadataValue.path(str(archief.snapshot_van(maand))),
            "codeversie": ed.code_versie,
            "tabellen": dg.MetadataValue.md(
                "\n".join(f"- rapportage.{t}: {result.rows.get(t, 0)} rijen" for t in result.tables)
                if result
                else "ongewijzigd"
            ),
        }
    )


@dg.asset_check(
    asset="published_snapshot",
    name="alleen_aggregaten_en_gedocumenteerd",
    partitions_def=MONTHLY,
    description="De snapshot van de editie (alleen-lezen geopend) heeft geen kolom zaak_id, "
    "alleen schema rapportage, commentaar op elke tabel en kolom, geen rij na de verslagmaand, "
    "en is de editie van deze run.",
)
def published_snapshot_check(
    context: dg.AssetCheckExecutionContext, warehouse_db: Warehouse
) -> dg.AssetCheckResult:
    maand = partition_month(context)
    with warehouse_db.connect() as conn:
        expected = editie.bepaal(conn, maand).id
    problems = publish.snapshot_problems(archief.snapshot_van(maand), expected)
    return dg.AssetCheckResult(
        passed=not problems,
        severity=dg.AssetCheckSeverity.ERROR,
        description="\n".join(problems[:20]) or None,
        metadata={"problemen": len(problems), "editie": expected},
    )
