"""The workbook beside each report PDF, opened as finance staff would open it in Excel.

The documents come from the module warehouse of test_reports_documents.py (built once per session
and rendered by the Dagster report assets for 2025-05); the workbooks are read back with openpyxl.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pdfplumber
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from pipelines.lib import formatting, warehouse, werkboek
from pipelines.lib import report_model as rm
from pipelines.lib.contracts import SOURCES
from pipelines.lib.reports.bronnen import aangemaakt
from pipelines.lib.reports.document import DOCUMENTEN
from tests.rapportomgeving import MAAND

pytestmark = pytest.mark.slow  # the session's report environment

DOCS = ("maandrapportage", "begrotingsbijlage")
NUMBER_FORMAT = re.compile(r"^\+?(#,##0|0)(\.0+)?%?(;.*)?$")


@pytest.fixture(scope="module")
def rapporten(omgeving: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    """The documents built again from the warehouse, as the asset built them."""
    with warehouse.connect(omgeving["db"], read_only=True) as conn:
        return {
            doc: DOCUMENTEN[doc](
                conn,
                MAAND,
                **(
                    {"controles": dict.fromkeys(SOURCES, "onbekend")}
                    if doc == "maandrapportage"
                    else {}
                ),
            )
            for doc in DOCS
        }


def _pad(omgeving: dict[str, Any], doc: str, ext: str = "xlsx") -> Path:  # noqa: F811
    return omgeving["root"] / "reports" / f"{MAAND:%Y-%m}" / f"{doc}-{MAAND:%Y-%m}.{ext}"


@pytest.fixture(scope="module")
def boeken(omgeving: dict[str, Any]) -> dict[str, openpyxl.Workbook]:  # noqa: F811
    return {doc: openpyxl.load_workbook(_pad(omgeving, doc)) for doc in DOCS}


def _rijen(ws: Worksheet) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _kopregel(ws: Worksheet) -> int:
    """The row (1-based) of the column headers: the one just above the frozen pane."""
    return ws[ws.freeze_panes].row - 1


def test_workbook_beside_the_pdf_and_html_twin(omgeving: dict[str, Any]) -> None:  # noqa: F811
    for doc in DOCS:
        for ext in ("pdf", "html", "xlsx"):
            assert _pad(omgeving, doc, ext).is_file(), (doc, ext)
        assert zipfile.is_zipfile(_pad(omgeving, doc))


@pytest.mark.parametrize("doc", DOCS)
def test_one_sheet_per_table_of_the_pdf(
    boeken: dict[str, Any], rapporten: dict[str, Any], omgeving: dict[str, Any], doc: str
) -> None:  # noqa: F811
    wb = boeken[doc]
    tabellen = rapporten[doc].tabellen
    assert wb.sheetnames == ["Inhoud", *(f"Tabel {t.nummer}" for t in tabellen)]
    with pdfplumber.open(_pad(omgeving, doc, "pdf")) as pdf:
        tekst = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in pdf.pages))
    in_pdf = set(re.findall(r"Tabel ([A-Z0-9]+\.\d+) ", tekst))
    assert {t.nummer for t in tabellen} == in_pdf
    for t in tabellen:
        ws = wb[f"Tabel {t.nummer}"]
        assert ws["A1"].value == f"Tabel {t.nummer} {t.titel}"
        assert (
            re.sub(r"\s+", " ", t.titel)[:40] in tekst
        )  # the same title as the caption in the PDF
        assert ws["A2"].value == (t.eenheid or None)
        assert len(ws.title) <= 31 and not re.search(r"[\[\]:*?/\\]", ws.title)


def test_contents_sheet_names_document_edition_month_and_tables(
    boeken: dict[str, Any], rapporten: dict[str, Any]
) -> None:
    for doc in DOCS:
        rows = _rijen(boeken[doc]["Inhoud"])
        flat = [v for r in rows for v in r if v is not None]
        rapport = rapporten[doc]
        assert rows[0][0] == rapport.context["doc"]["titel"]
        assert ["Editie", rapport.context["doc"]["editie"]] == [v for v in rows[2] if v is not None]
        assert "mei 2025" in flat
        for t in rapport.tabellen:
            assert [t.nummer, t.titel] == next(r[:2] for r in rows if r[0] == t.nummer)


def test_budget_tables_have_the_unit_line_and_amounts_as_numbers(boeken: dict[str, Any]) -> None:
    ws = boeken["begrotingsbijlage"]["Tabel 1.1"]
    assert ws["A2"].value == formatting.BEDRAGEN_X1000
    kop = _kopregel(ws)
    getallen = [
        c
        for row in ws.iter_rows(min_row=kop + 1)
        for c in row
        if c.data_type == "n" and c.value is not None
    ]
    assert len(getallen) > 10
    assert all(isinstance(c.value, int) and c.number_format == "#,##0" for c in getallen)


@pytest.mark.parametrize("doc", DOCS)
def test_figures_are_numbers_with_the_precision_of_the_pdf(
    boeken: dict[str, Any], rapporten: dict[str, Any], doc: str
) -> None:
    for t in rapporten[doc].tabellen:
        ws = boeken[doc][f"Tabel {t.nummer}"]
        kop = _kopregel(ws)
        koppen = [c.value for c in ws[kop]]
        waarde_kolommen = [i for i, k in enumerate(koppen) if k != werkboek.TEKEN_KOP]
        for rij, cells in zip(t.rijen, ws.iter_rows(min_row=kop + 1), strict=False):
            for cel, xl in zip(rij.cellen, [cells[i] for i in waarde_kolommen], strict=True):
                if cel.is_getal and cel.waarde is not None:
                    assert xl.data_type == "n", (t.nummer, cel.tekst)
                    assert NUMBER_FORMAT.match(xl.number_format), xl.number_format
                    # what Excel shows in a Dutch locale is what the PDF shows
                    decimalen = len(xl.number_format.split(";")[0].partition(".")[2].rstrip("%"))
                    if xl.number_format.endswith("%") or "%;" in xl.number_format:
                        shown = formatting.getal(xl.value * 100, decimalen) + "%"
                    else:
                        shown = formatting.getal(xl.value, decimalen)
                    assert shown.lstrip("+") == cel.tekst.lstrip("+"), (
                        t.nummer,
                        cel.tekst,
                        xl.value,
                    )
                elif cel.tekst == formatting.ONBEKEND:
                    assert xl.value is None, (t.nummer, xl.coordinate)


def test_percentages_are_fractions_with_a_percent_format(boeken: dict[str, Any]) -> None:
    found = [
        c
        for ws in boeken["maandrapportage"].worksheets[1:]
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "n" and c.value is not None and c.number_format.endswith("%")
    ]
    assert found
    assert all(-10 < c.value < 10 for c in found)  # 0.938, not 93.8 or 93.82993781911935
    assert all(len(repr(c.value)) <= 8 for c in found), "no float noise"


@pytest.mark.parametrize("doc", DOCS)
def test_cbs_symbols_stand_apart_from_the_figures(boeken: dict[str, Any], doc: str) -> None:
    tekens = []
    for ws in boeken[doc].worksheets[1:]:
        kop = _kopregel(ws)
        for j, kopcel in enumerate(ws[kop]):
            if kopcel.value != werkboek.TEKEN_KOP:
                continue
            for row in ws.iter_rows(min_row=kop + 1, max_row=ws.max_row):
                teken, figuur = row[j].value, row[j - 1]
                if teken is None:
                    continue
                tekens.append(teken)
                assert teken in ("*", "**", formatting.ONBEKEND), (ws.title, teken)
                if teken == formatting.ONBEKEND:
                    assert figuur.value is None, (ws.title, figuur.coordinate)
                elif figuur.data_type == "n":
                    assert isinstance(figuur.value, int | float)
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.row > kop:
                    assert not re.fullmatch(r"[\d.,−-]+\*{1,2}", c.value), (
                        "a figure with its symbol as text"
                    )
    if doc == "maandrapportage":
        # in May 2025 all figures are final by now;
        # unknown ones (a quarter not yet complete) are there
        assert formatting.ONBEKEND in tekens


@pytest.mark.parametrize("doc", DOCS)
def test_source_line_under_each_table_and_frozen_headers(
    boeken: dict[str, Any], rapporten: dict[str, Any], doc: str
) -> None:
    for t in rapporten[doc].tabellen:
        ws = boeken[doc][f"Tabel {t.nummer}"]
        kolom_a = [r[0] for r in _rijen(ws)]
        assert kolom_a[-1] == t.bron
        if t.noot:
            assert t.noot in kolom_a[-4:]
        kop = _kopregel(ws)
        assert kop >= 3 and ws.freeze_panes in (f"A{kop + 1}", f"B{kop + 1}")
        assert ws.column_dimensions["A"].customWidth and ws.column_dimensions["A"].width >= 6


def test_same_tables_give_the_same_bytes(
    omgeving: dict[str, Any], rapporten: dict[str, Any]
) -> None:  # noqa: F811
    for doc in DOCS:
        published = _pad(omgeving, doc).read_bytes()
        assert rapporten[doc].werkboek_bytes() == published, doc
        with zipfile.ZipFile(io.BytesIO(published)) as z:
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            core = z.read("docProps/core.xml").decode()
        stamp = (
            rapporten[doc].created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        )  # the edition's date
        assert f">{stamp}</dcterms:created>" in core and f">{stamp}</dcterms:modified>" in core


# -------------------------------------------------------------------------- the workbook on its own


def _tabel(namen: list[str]) -> rm.Tabel:
    h = rm.Hoofdstuk(
        "bijlage-taakstelling", "A", "Taakstelling per gemeente", kopnummer="Bijlage A"
    )
    return h.tabel(
        "Achterstand per gemeente",
        [rm.Kolom("Gemeente", "l"), rm.Kolom("Achterstand"), rm.Kolom("Aandeel")],
        [
            rm.Rij(
                [
                    rm.tekst(n),
                    rm.getal(i * 1000 + 0.4, symbool="*" if i == 1 else ""),
                    rm.getal(None),
                ]
            )
            for i, n in enumerate(namen)
        ],
        "Bron: test",
        noot="Een noot.",
    )


def _document() -> werkboek.Document:
    return werkboek.Document(
        "Maandrapportage Migratieketen — mei 2025",
        "2025-05-0123456789ab",
        MAAND,
        aangemaakt(MAAND),
        "Ministerie van Asiel en Migratie",
    )


def test_delivered_text_that_looks_like_a_formula_stays_text() -> None:
    hostile = [
        '=HYPERLINK("http://127.0.0.1:9/x","klik")',
        "+SUM(A1:A9)",
        "-2+3",
        "@cmd",
        "http://127.0.0.1:9/y",
    ]
    data = werkboek.werkboek_bytes(_document(), [_tabel(hostile)])
    ws = openpyxl.load_workbook(io.BytesIO(data))["Tabel A.1"]
    kop = _kopregel(ws)
    cellen = [ws.cell(kop + 1 + i, 1) for i in range(len(hostile))]
    assert [c.value for c in cellen] == hostile
    assert all(c.data_type == "s" and c.hyperlink is None for c in cellen)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert all("<f>" not in z.read(n).decode() for n in sheets)


def test_suppressed_figure_is_an_empty_cell_with_its_symbol() -> None:
    ws = openpyxl.load_workbook(
        io.BytesIO(werkboek.werkboek_bytes(_document(), [_tabel(["Aa", "Bb"])]))
    )["Tabel A.1"]
    kop = _kopregel(ws)
    assert [c.value for c in ws[kop]] == ["Gemeente", "Achterstand", "teken", "Aandeel", "teken"]
    assert [c.value for c in ws[kop + 1]] == ["Aa", 0, None, None, "."]
    assert [c.value for c in ws[kop + 2]] == ["Bb", 1000, "*", None, "."]
    assert ws.cell(kop + 2, 2).number_format == "#,##0"
    # the legend names the symbols this table uses (. and *), not ** or − that it does not have
    assert [r[0] for r in _rijen(ws)][-3:] == [
        "Een noot.",
        werkboek.TEKENS
        + "; ".join(f"{s} = {b}" for s, b in formatting.SYMBOOL_LEGENDA if s in (".", "*")),
        "Bron: test",
    ]


def test_sheet_names_fit_excel() -> None:
    t = _tabel(["Aa"])
    t.nummer = "2.1:[ontwerp]/*?" + "x" * 40
    assert werkboek.bladnaam(t) == ("Tabel 2.1--ontwerp----" + "x" * 40)[:31]
