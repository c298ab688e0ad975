"""The workbook beside each report PDF (`<document>-<jjjj-mm>.xlsx`): the document's numbered tables
for finance staff who take them into Excel.

- A first sheet "Inhoud" (document title, edition, month, the tables) and one sheet per table,
  named after its number ("Tabel 2.1"): title, unit line, column headers, the rows, then note,
  symbol legend and source line, as under the table in the PDF.
- Figures are numbers, exactly as published (the unit and rounding of the PDF, a percentage as a
  fraction), with a number format of the same precision (`#,##0`, `#,##0.0`, `0.0%`); Excel shows
  them with the reader's own separators. A CBS symbol (`*`, `**`, `.`) stands in its own column
  right of the figure, so the figures can be summed and the symbols filtered on; an unknown or
  suppressed figure is an empty cell with `.` beside it, never a number.
- Text is always written as text: a gemeentenaam from a delivery that starts with = + - @ is
  never a formula, a URL never a link.
- The same tables give the same bytes: the document dates are the edition's date and the zip
  entries carry XlsxWriter's fixed 1980 timestamp.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from pipelines.lib import formatting
from pipelines.lib.report_model import Cel, Tabel

INHOUD = "Inhoud"
TEKEN_KOP = "teken"  # the header of a symbol column (CBS: "verklaring van tekens")
TEKENS = "Tekens: "  # the legend line under a table with symbols
TOELICHTING = (
    "Cijfers staan als getal in de cel, afgerond zoals in de PDF; percentages als percentage. "
    "Tekens (* voorlopig, ** nader voorlopig, . onbekend of geheim) staan in een eigen kolom "
    "naast het cijfer."
)
_SHEET_VERBODEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_MAX = 31
_ZACHT_AFBREEKSTREEPJE = "\u00ad"
_KOP_RIJ = 2  # title and unit line above the headers
_INSPRINGEN = {"inspring": 1, "inspring2": 2}
_VET = frozenset({"totaal", "subtotaal", "groep"})


@dataclass(frozen=True)
class Document:
    """What the Inhoud sheet and the document properties say about the report."""

    titel: str
    editie: str
    maand: dt.date
    aangemaakt: dt.datetime
    organisatie: str = ""


def bladnaam(tabel: Tabel) -> str:
    """ "Tabel 2.1": the sheet name of a table (Excel: at most 31 characters, none of []:*?/\\)."""
    return _SHEET_VERBODEN.sub("-", f"Tabel {tabel.nummer}")[:_SHEET_MAX]


def _tekst(text: str) -> str:
    """Text as a cell shows it: without the soft hyphens that help the PDF break narrow columns."""
    return text.replace(_ZACHT_AFBREEKSTREEPJE, "")


def _is_onbekend(cel: Cel) -> bool:
    return cel.tekst == formatting.ONBEKEND


def _teken(cel: Cel) -> str:
    return formatting.ONBEKEND if _is_onbekend(cel) else cel.symbool


def _kolommen_met_teken(tabel: Tabel) -> set[int]:
    return {j for rij in tabel.rijen for j, cel in enumerate(rij.cellen) if _teken(cel)}


def _utc_naive(moment: dt.datetime) -> dt.datetime:
    """XlsxWriter writes the document dates as UTC without converting: give them in UTC."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None) if moment.tzinfo else moment


class _Opmaak:
    """One XlsxWriter format per combination used (a workbook holds a limited number)."""

    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        self.wb = wb
        self._cache: dict[tuple[Any, ...], Format] = {}
        self.titel = wb.add_format({"bold": True, "font_size": 12})
        self.eenheid = wb.add_format({"italic": True})
        kop = {"bold": True, "bottom": 1, "text_wrap": True, "valign": "bottom"}
        self.kop = wb.add_format(kop)
        self.kop_r = wb.add_format({**kop, "align": "right"})
        self.groep = wb.add_format({"bold": True, "align": "center", "bottom": 1})
        self.voet = wb.add_format({"italic": True, "font_size": 9})
        self.link = wb.add_format({"font_color": "#01689b", "underline": 1})

    def cel(
        self,
        *,
        getal: str = "",
        rechts: bool = False,
        vet: bool = False,
        inspringen: int = 0,
        terugloop: bool = False,
    ) -> Format:
        key = (getal, rechts, vet, inspringen, terugloop)
        if key not in self._cache:
            props: dict[str, Any] = {"valign": "top"}
            if getal:
                props["num_format"] = getal
            if rechts:
                props["align"] = "right"
            if vet:
                props["bold"] = True
            if inspringen:
                props["indent"] = inspringen
            if terugloop:
                props["text_wrap"] = True
            self._cache[key] = self.wb.add_format(props)
        return self._cache[key]


def _max_breedte(kol: int) -> int:
    """The widest a column gets (in characters); longer text wraps."""
    return 60 if kol == 0 else 40


def _breedte(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def _tabelblad(ws: Worksheet, tabel: Tabel, opmaak: _Opmaak) -> None:
    met_teken = _kolommen_met_teken(tabel)
    # The sheet column of each table column, and of its symbol column (None: it has no symbols).
    posities: list[tuple[int, int | None]] = []
    kolom = 0
    for j in range(len(tabel.kolommen)):
        if j in met_teken:
            posities.append((kolom, kolom + 1))
            kolom += 2
        else:
            posities.append((kolom, None))
            kolom += 1
    breedtes = [0] * kolom

    ws.write_string(0, 0, f"Tabel {tabel.nummer} {_tekst(tabel.titel)}", opmaak.titel)
    if tabel.eenheid:
        ws.write_string(1, 0, tabel.eenheid, opmaak.eenheid)

    rij = _KOP_RIJ
    if tabel.kolomgroepen:
        j = 0
        for groep in tabel.kolomgroepen:
            eerste = posities[j][0]
            laatste_pos = posities[min(j + groep.breedte, len(posities)) - 1]
            laatste = laatste_pos[1] if laatste_pos[1] is not None else laatste_pos[0]
            if laatste > eerste:
                ws.merge_range(rij, eerste, rij, laatste, _tekst(groep.kop), opmaak.groep)
            else:
                ws.write_string(rij, eerste, _tekst(groep.kop), opmaak.groep)
            j += groep.breedte
        rij += 1
    for j, k in enumerate(tabel.kolommen):
        waarde_kol, teken_kol = posities[j]
        kop = _tekst(k.kop)
        ws.write_string(rij, waarde_kol, kop, opmaak.kop_r if k.uitlijning == "r" else opmaak.kop)
        langste_woord = max(
            (len(w) for w in kop.split()), default=0
        )  # a header wraps between words
        breedtes[waarde_kol] = max(breedtes[waarde_kol], langste_woord + 1)
        if teken_kol is not None:
            ws.write_string(rij, teken_kol, TEKEN_KOP, opmaak.kop)
            breedtes[teken_kol] = len(TEKEN_KOP) + 1
    kopregel = rij
    rij += 1

    for r in tabel.rijen:
        vet = r.soort in _VET
        regels = 1
        for j, cel in enumerate(r.cellen[: len(posities)]):
            waarde_kol, teken_kol = posities[j]
            inspringen = _INSPRINGEN.get(r.soort, 0) if j == 0 else 0
            teken = _teken(cel)
            if cel.is_getal and cel.waarde is not None:
                fmt = opmaak.cel(getal=cel.formaat, rechts=True, vet=vet)
                ws.write_number(rij, waarde_kol, cel.waarde, fmt)
                breedte = len(cel.tekst)
            elif _is_onbekend(cel) or cel.is_getal or not cel.tekst:  # unknown, suppressed or empty
                ws.write_blank(
                    rij, waarde_kol, None, opmaak.cel(getal=cel.formaat, rechts=True, vet=vet)
                )
                breedte = 0
            else:
                text = _tekst(cel.tekst)
                terugloop = "\n" in text or len(text) > _max_breedte(waarde_kol)
                fmt = opmaak.cel(
                    rechts=cel.uitlijning == "r",
                    vet=vet,
                    inspringen=inspringen,
                    terugloop=terugloop,
                )
                ws.write_string(rij, waarde_kol, text, fmt)  # never a formula or a link
                breedte = _breedte(text) + 2 * inspringen
                regels = max(regels, text.count("\n") + 1)
            breedtes[waarde_kol] = max(breedtes[waarde_kol], breedte + 2)
            if teken_kol is not None and teken:
                ws.write_string(rij, teken_kol, teken, opmaak.cel(vet=vet))
        if regels > 1:
            ws.set_row(rij, 15 * regels)
        rij += 1
    laatste_rij = rij - 1

    rij += 1
    voet = [tabel.noot] if tabel.noot else []
    if (tabel.legenda or met_teken) and (
        symbolen := tabel.symbolen
    ):  # only the symbols this table uses
        voet.append(TEKENS + "; ".join(f"{s} = {b}" for s, b in symbolen))
    voet.append(tabel.bron)
    for regel in voet:
        ws.write_string(rij, 0, regel, opmaak.voet)
        rij += 1

    for kol, breedte in enumerate(breedtes):
        ws.set_column(kol, kol, min(max(breedte, 6), _max_breedte(kol)))
    ws.freeze_panes(kopregel + 1, 1 if tabel.rijkoppen else 0)
    if laatste_rij > kopregel:
        ws.autofilter(kopregel, 0, laatste_rij, kolom - 1)
    ws.repeat_rows(_KOP_RIJ, kopregel)
    ws.fit_to_pages(1, 0)
    if kolom > 6:
        ws.set_landscape()
    ws.set_paper(9)  # A4


def _inhoud(
    ws: Worksheet, doc: Document, tabellen: Sequence[Tabel], namen: Sequence[str], opmaak: _Opmaak
) -> None:
    ws.write_string(0, 0, doc.titel, opmaak.titel)
    gegevens = [("Editie", doc.editie), ("Verslagmaand", formatting.maand_jaar(doc.maand))]
    if doc.organisatie:
        gegevens.append(("Organisatie", doc.organisatie))
    rij = 2
    for label, waarde in gegevens:
        ws.write_string(rij, 0, label, opmaak.kop)
        ws.write_string(rij, 1, waarde)
        rij += 1
    rij += 1
    ws.write_string(rij, 0, "Tabel", opmaak.kop)
    ws.write_string(rij, 1, "Titel", opmaak.kop)
    ws.write_string(rij, 2, "Eenheid", opmaak.kop)
    kopregel = rij
    for tabel, naam in zip(tabellen, namen, strict=True):
        rij += 1
        ws.write_url(
            rij, 0, f"internal:'{naam}'!A1", opmaak.link, string=tabel.nummer, tip=f"Naar {naam}"
        )
        ws.write_string(rij, 1, _tekst(tabel.titel))
        if tabel.eenheid:
            ws.write_string(rij, 2, tabel.eenheid)
    rij += 2
    ws.write_string(rij, 0, TOELICHTING, opmaak.voet)
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, min(max((len(t.titel) for t in tabellen), default=20) + 2, 90))
    ws.set_column(2, 2, 20)
    ws.freeze_panes(kopregel + 1, 0)


def werkboek_bytes(doc: Document, tabellen: Sequence[Tabel]) -> bytes:
    """The workbook of a document with these tables, as .xlsx bytes."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    wb.set_properties(
        {
            "title": doc.titel,
            "subject": f"Tabellen bij {doc.titel}",
            "author": doc.organisatie,
            "company": doc.organisatie,
            "keywords": f"ketenmonitor, {doc.maand:%Y-%m}, {doc.editie}",
            "comments": f"Editie {doc.editie}",
            "created": _utc_naive(doc.aangemaakt),  # XlsxWriter writes this as created and modified
        }
    )
    wb.set_custom_property("Editie", doc.editie)
    opmaak = _Opmaak(wb)
    inhoud = wb.add_worksheet(INHOUD)
    namen: list[str] = []
    for tabel in tabellen:
        naam = bladnaam(tabel)
        n = 2
        while naam.lower() in {
            x.lower() for x in (INHOUD, *namen)
        }:  # Excel compares sheet names case-blind
            suffix = f" ({n})"
            naam = bladnaam(tabel)[: _SHEET_MAX - len(suffix)] + suffix
            n += 1
        namen.append(naam)
        _tabelblad(wb.add_worksheet(naam), tabel, opmaak)
    _inhoud(inhoud, doc, tabellen, namen, opmaak)
    wb.close()
    return out.getvalue()
