"""`editie`: after ingestion and staging, decide the edition of the partition's month.

It reads the deliveries register only (pipelines/lib/editie.py), so the month is judged on what
was accepted, never on files that were then rejected. A month without accepted data in any
monthly source is not reportable: the asset fails with the reason, every indicator, report and
the publication are skipped, and the failure alert names what is missing. A month with sources
missing is published as *onvolledig*. An edition that is already in the archive (same month,
inputs and code version) is not built again.
"""

import dagster as dg

from pipelines.defs.shared import MONTHLY, Warehouse, partition_month
from pipelines.lib import archief, editie
from pipelines.lib.contracts import SOURCES


@dg.asset(
    name="editie",
    group_name="editie",
    partitions_def=MONTHLY,
    deps=[f"stg_{s}" for s in SOURCES],
    description="De editie van de verslagmaand: de geaccepteerde leveringen waarop ze berust, "
    "de codeversie, en of elke bron de maand dekt (volledig of onvolledig). "
    "Een maand zonder geaccepteerde gegevens in een maandbron is niet rapporteerbaar: "
    "dan stopt de run hier en wordt niets gepubliceerd.",
    kinds={"duckdb", "python"},
)
def editie_asset(
    context: dg.AssetExecutionContext, warehouse_db: Warehouse
) -> dg.MaterializeResult:
    with warehouse_db.connect() as conn:
        ed = editie.bepaal(conn, partition_month(context))
    if not ed.rapporteerbaar:
        raise dg.Failure(
            description=editie.niet_rapporteerbaar_tekst(ed),
            metadata={"maand": partition_month(context), "rapporteerbaar": False},
        )
    bekend = archief.is_gepubliceerd(ed.id)
    if not bekend:
        archief.begin_bouw(ed.id)
    ontbrekend = editie.ontbrekend_tekst(ed)
    context.log.info(
        f"editie {ed.id}: {ed.status}"
        + (f"; ontbreekt: {ontbrekend}" if ontbrekend else "")
        + ("; al gepubliceerd, wordt niet opnieuw gemaakt" if bekend else "")
    )
    return dg.MaterializeResult(
        metadata={
            "editie": ed.id,
            "status": ed.status,
            "ontbrekend": ontbrekend or "geen",
            "leveringen": len(ed.invoer),
            "afgewezen_leveringen": len(ed.afgewezen),
            "al_gepubliceerd": bekend,
        }
    )
