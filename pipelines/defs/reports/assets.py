"""Reports: `report_maandrapportage` and `report_begrotingsbijlage`, one PDF (+ HTML twin and Excel
workbook) per month.

Both read the warehouse only (kpi.* and the deliveries register, never a delivery file) through
pipelines/lib/document.py and render with pipelines/lib/render.py into the edition's build
folder (pipelines/lib/archief.py); beside each PDF goes the workbook of its tables
(pipelines/lib/werkboek.py: a sheet per table, figures as numbers). `published_snapshot` makes them
visible, with the snapshot, as `reports_output_dir()/<yyyy-mm>/<document>-<yyyy-mm>.pdf`, `.html`
and `.xlsx`. An edition already in the archive is not rendered again. PDF/UA-1 by default, an
archival PDF/A variant with KETENMONITOR_PDF_VARIANT. The PDF carries an edition id derived from
the input deliveries and the code version; the run id stays in the run log and the metadata.
"""

import datetime as dt
from typing import Any

import dagster as dg

from pipelines.defs.shared import MONTHLY, Warehouse, contract_check_status, partition_month
from pipelines.lib import archief, catalogus, editie
from pipelines.lib.reports import document as documenten


def _deps(document: str) -> list[str]:
    """The kpi assets the document reads (pipelines/lib/catalogus.py)."""
    return [catalogus.kpi_asset(i) for i in catalogus.DOCUMENTEN[document].indicatoren]


def _render(
    context: dg.AssetExecutionContext, warehouse_db: Warehouse, document: str, **opties: Any
) -> dg.MaterializeResult:
    maand = dt.date.fromisoformat(partition_month(context) + "-01")
    with warehouse_db.connect() as conn:
        ed = editie.bepaal(conn, maand)
        if archief.is_gepubliceerd(ed.id):
            context.log.info(
                f"{document} {maand:%Y-%m}: editie {ed.id} is al gepubliceerd; niet opnieuw gemaakt"
            )
            return dg.MaterializeResult(metadata={"editie": ed.id, "status": "ongewijzigd"})
        rapport = documenten.DOCUMENTEN[document](conn, maand, **opties)
    if rapport.context["doc"]["editie"] != ed.id:  # one edition id for documents and snapshot
        raise RuntimeError(
            f"{document}: editie {rapport.context['doc']['editie']} wijkt af van {ed.id}"
        )
    pdf_path, html_path = documenten.uitvoer_paden(
        document, maand, archief.bouwmap_rapporten(ed.id), per_maand=False
    )
    result = documenten.render_rapport(rapport, pdf_path, html_path, logger=context.log)
    context.log.info(f"{document} {maand:%Y-%m}: editie {ed.id} (run {context.run_id})")
    return dg.MaterializeResult(
        metadata={
            "editie": ed.id,
            "status": "nieuw",
            "paginas": result.pages,
            "pdf_variant": result.variant,
            "tabellen": len(rapport.tabellen),
            "werkboek": result.werkboek.name if result.werkboek else "",
            "bytes": result.size_bytes,
            "seconden": round(result.seconds, 2),
            "seconden_per_pagina": round(result.seconds_per_page, 3),
        }
    )


@dg.asset(
    name="report_maandrapportage",
    group_name="reports",
    partitions_def=MONTHLY,
    deps=_deps("maandrapportage"),
    description="Maandrapportage Migratieketen (PDF + HTML, de tabellen als Excel-werkboek): "
    "kerncijfers, een hoofdstuk per thema, toetsing beleidsclaims, bijstellingen, "
    "datakwaliteit en bronnen, bijlage taakstelling per gemeente, colofon.",
    kinds={"pdf", "html", "excel"},
)
def report_maandrapportage(
    context: dg.AssetExecutionContext, warehouse_db: Warehouse
) -> dg.MaterializeResult:
    return _render(
        context,
        warehouse_db,
        "maandrapportage",
        controles=contract_check_status(context.instance, context.partition_key),
    )


@dg.asset(
    name="report_begrotingsbijlage",
    group_name="reports",
    partitions_def=MONTHLY,
    deps=_deps("begrotingsbijlage"),
    description="Begrotingsbijlage (PDF + HTML, de tabellen als Excel-werkboek): "
    "budgettaire gevolgen van beleid per artikel (bedragen x € 1.000, t-2 .. t+4), "
    "begrotingsstaten met realisatie en verschil, en de opbouw van de taskforce.",
    kinds={"pdf", "html", "excel"},
)
def report_begrotingsbijlage(
    context: dg.AssetExecutionContext, warehouse_db: Warehouse
) -> dg.MaterializeResult:
    return _render(context, warehouse_db, "begrotingsbijlage")
