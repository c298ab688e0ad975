"""Assembling and rendering a document: cover, contents, chapters, workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import duckdb
from markupsafe import Markup

from pipelines.lib import (
    paths,
    werkboek,
)
from pipelines.lib import report_model as rm
from pipelines.lib.formatting import (
    maand_jaar,
)
from pipelines.lib.perioden import month_end
from pipelines.lib.render import (
    CsvAttachment,
    RenderedReport,
    pdf_variant,
    render_report,
    write_atomic,
)
from pipelines.lib.reports.begrotingsbijlage import begrotingsstaten, budgettaire_gevolgen
from pipelines.lib.reports.begrotingsbijlage import taskforce as taskforce_bijlage
from pipelines.lib.reports.bronnen import (
    Bronnen,
    aangemaakt,
    bronnen,
    editie_leveringen,
    onvolledig_omslag,
    volledigheid,
)
from pipelines.lib.reports.colofon import colofon
from pipelines.lib.reports.hoofdstuk import MaandData
from pipelines.lib.reports.instellingen import logo_data_url, organisatie
from pipelines.lib.reports.maandrapportage import (
    beleidsclaims,
    bijlage_taakstelling,
    bijstellingen,
    datakwaliteit,
    ind,
    instroom,
    kerncijfers,
    oekraine,
    opvang,
    prognose,
    taskforce,
    vertrek,
)
from pipelines.lib.versioning import code_version


@dataclass
class Rapport:
    """Everything the renderer needs for one document."""

    template: str
    context: dict[str, Any]
    created: dt.datetime
    identifier: bytes
    tabellen: list[rm.Tabel] = field(default_factory=list)
    maand: dt.date | None = None

    @property
    def attachments(self) -> list[CsvAttachment]:
        return [
            CsvAttachment(t.bestandsnaam, f"Tabel {t.nummer} {t.titel}", t.csv_bytes())
            for t in self.tabellen
        ]

    def werkboek_bytes(self) -> bytes:
        """The tables as an Excel workbook (pipelines/lib/werkboek.py), dated like the PDF."""
        doc = self.context["doc"]
        maand = self.maand or dt.date.fromisoformat(doc["editie"][:7] + "-01")
        return werkboek.werkboek_bytes(
            werkboek.Document(doc["titel"], doc["editie"], maand, self.created, doc["organisatie"]),
            self.tabellen,
        )


def _css() -> str:
    return (paths.STATIC_DIR / "print.css").read_text(encoding="utf-8")


def _inhoud(hoofdstukken: Sequence[rm.Hoofdstuk]) -> list[rm.InhoudRegel]:
    out = []
    for h in hoofdstukken:
        out.append(rm.InhoudRegel(h.id, h.kopnummer, h.titel))
        out.extend(h.subs)
    return out


def _rapport(
    template: str,
    document: str,
    titel: str,
    ondertitel: str,
    beschrijving: str,
    trefwoorden: list[str],
    b: Bronnen,
    hoofdstukken: list[rm.Hoofdstuk],
) -> Rapport:
    eid = b.editie_id
    created = aangemaakt(b.maand, editie_leveringen(b))
    doc = {
        "titel": titel,
        "ondertitel": ondertitel,
        "organisatie": organisatie(),
        "logo": logo_data_url(),
        "beschrijving": beschrijving,
        "trefwoorden": trefwoorden,
        "code_versie": code_version(),
        "aangemaakt": created.isoformat(),
        "editie": eid,
        "onvolledig": onvolledig_omslag(b, document),
        "verslagmaand": b.maand,
        "peildatum": month_end(b.maand),
        "volledigheid": volledigheid(b, document),
    }
    context = {
        "doc": doc,
        "css": Markup(_css()),
        "inhoud": _inhoud(hoofdstukken),
        "hoofdstukken": hoofdstukken,
    }
    tabellen = [t for h in hoofdstukken for t in h.tabellen]
    return Rapport(template, context, created, eid.encode(), tabellen, b.maand)


def maandrapportage(
    conn: duckdb.DuckDBPyConnection, maand: dt.date, controles: Mapping[str, str] | None = None
) -> Rapport:
    """The Maandrapportage Migratieketen of `maand` (first day of the month). `controles`: per
    source the outcome of its blocking contract check,
    when the caller knows it (the Dagster asset does)."""
    maand = maand.replace(day=1)
    b = bronnen(conn, maand)
    d = MaandData(conn, maand, b, controles)
    builders: list[Callable[[MaandData, str], rm.Hoofdstuk]] = [
        kerncijfers.hoofdstuk,
        instroom.hoofdstuk,
        opvang.hoofdstuk,
        ind.hoofdstuk,
        vertrek.hoofdstuk,
        taskforce.hoofdstuk,
        oekraine.hoofdstuk,
        prognose.hoofdstuk,
        beleidsclaims.hoofdstuk,
        bijstellingen.hoofdstuk,
        datakwaliteit.hoofdstuk,
    ]
    hoofdstukken = [build(d, str(i)) for i, build in enumerate(builders, start=1)]
    hoofdstukken.append(bijlage_taakstelling.hoofdstuk(d, "A"))
    titel = f"Maandrapportage Migratieketen — {maand_jaar(maand)}"
    hoofdstukken.append(colofon(b, "B", "maandrapportage", titel))
    return _rapport(
        "maandrapportage.html.j2",
        "maandrapportage",
        titel,
        "Ketenmonitor Asiel en Migratie",
        "Maandelijkse rapportage over instroom, opvang, afhandeling en vertrek in de "
        f"migratieketen, {maand_jaar(maand)}.",
        ["migratieketen", "asiel", "opvang", "ketenmonitor", maand.strftime("%Y-%m")],
        b,
        hoofdstukken,
    )


def begrotingsbijlage(conn: duckdb.DuckDBPyConnection, maand: dt.date) -> Rapport:
    """The Begrotingsbijlage of `maand`: budgettaire gevolgen per artikel,
    begrotingsstaten, taskforce."""
    maand = maand.replace(day=1)
    b = bronnen(conn, maand)
    hoofdstukken = [
        budgettaire_gevolgen.hoofdstuk(conn, b, "1"),
        begrotingsstaten.hoofdstuk(conn, b, "2"),
        taskforce_bijlage.hoofdstuk(conn, b, "3"),
    ]
    titel = f"Begrotingsbijlage Asiel en Migratie — {maand_jaar(maand)}"
    hoofdstukken.append(colofon(b, "A", "begrotingsbijlage", titel))
    return _rapport(
        "begrotingsbijlage.html.j2",
        "begrotingsbijlage",
        titel,
        "Ketenmonitor Asiel en Migratie",
        "Budgettaire gevolgen van beleid, begrotingsstaten en taskforce van hoofdstuk XX Asiel en "
        f"Migratie, {maand_jaar(maand)}.",
        ["begroting", "asiel en migratie", "hoofdstuk XX", "ketenmonitor", maand.strftime("%Y-%m")],
        b,
        hoofdstukken,
    )


DOCUMENTEN: dict[str, Callable[..., Rapport]] = {
    "maandrapportage": maandrapportage,
    "begrotingsbijlage": begrotingsbijlage,
}


def uitvoer_paden(
    document: str, maand: dt.date, out_dir: Path | None = None, *, per_maand: bool = True
) -> tuple[Path, Path]:
    """<out_dir>/<yyyy-mm>/<document>-<yyyy-mm>.pdf (without the month folder if not `per_maand`)
    and its HTML twin beside it; the workbook goes beside them too (`werkboek_pad`)."""
    if document not in DOCUMENTEN:
        raise KeyError(f"onbekend document {document!r}")
    folder = out_dir or paths.reports_output_dir()
    if per_maand:
        folder = folder / f"{maand:%Y-%m}"
    stem = f"{document}-{maand:%Y-%m}"
    return folder / f"{stem}.pdf", folder / f"{stem}.html"


def werkboek_pad(pdf_path: Path) -> Path:
    """The workbook of a report: <document>-<yyyy-mm>.xlsx beside its PDF."""
    return pdf_path.with_suffix(".xlsx")


def render_rapport(
    rapport: Rapport,
    pdf_path: Path,
    html_path: Path,
    *,
    variant: str | None = None,
    logger: Any = None,
) -> RenderedReport:
    """Render a built report to its PDF (variant from the setting unless given), HTML twin and,
    beside the PDF, the workbook of its tables. The workbook is made first, so a table it cannot
    hold stops the render before anything is written."""
    variant = variant or pdf_variant()
    xlsx = rapport.werkboek_bytes()
    result = render_report(
        rapport.template,
        rapport.context,
        pdf_path=pdf_path,
        html_path=html_path,
        created=rapport.created,
        identifier=rapport.identifier,
        variant=variant,
        attachments=rapport.attachments if variant == "pdf/a-3a" else (),
        logger=logger,
    )
    xlsx_path = werkboek_pad(pdf_path)
    write_atomic(xlsx_path, xlsx)
    return replace(result, werkboek=xlsx_path)


def maak_document(
    conn: duckdb.DuckDBPyConnection,
    document: str,
    maand: dt.date,
    *,
    out_dir: Path | None = None,
    variant: str | None = None,
    logger: Any = None,
) -> RenderedReport:
    """Build and render one document of `maand` from the warehouse behind `conn`."""
    rapport = DOCUMENTEN[document](conn, maand.replace(day=1))
    pdf_path, html_path = uitvoer_paden(document, maand, out_dir)
    return render_rapport(rapport, pdf_path, html_path, variant=variant, logger=logger)
