"""Hostile text in a delivery reaches the reports as text: nothing is fetched, embedded or attached.

WeasyPrint's default URL fetcher would load any local file or URL a document points at (an
`<a rel="attachment" href="file:///etc/...">` embeds that file in the PDF). Here markup and URLs
travel in real deliveries through the real ingestion, staging and indicators to both reports:
a regeling in the budget table and a gemeentecode in a huisvesting delivery that the contract
rejects (its finding is shown in the data quality chapter) must come out escaped; a gemeentenaam
in the taakstelling circulaire does not reach the reports at all, which show the name of the
reference list. The warehouse holds only these few sources, so the other
chapters render their "no data" paths and stale-data warnings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pytest

from pipelines.lib import export, local_build, warehouse
from pipelines.lib.reports import document as documenten
from tests import leestekst
from tests.deliveries import sample_file

MAAND = dt.date(2025, 5, 1)
IMG = '<img src="file:///etc/passwd">'
ATTACH = '<a rel="attachment" href="file:///etc/hostname">bijlage</a>'
HTTP = "http://127.0.0.1:9/x"
GEMEENTENAAM = f"Amsterdam {IMG} {ATTACH} {HTTP}"
REGELING = (
    '<link rel="attachment" href="file:///etc/passwd">'
    f"<style>@import url({HTTP});</style>Vluchtelingenwerk"
)
BAD_CODE = '<img src="x" onerror="alert(1)">'


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(out.getvalue(), encoding="utf-8")


def _read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def _landing(root: Path) -> Path:
    landing = root / "landing"
    header, rows = _read_csv(sample_file("taakstelling", "taakstelling_2025-H1"))
    for row in rows:
        if row[1] == "GM0363":
            row[2] = GEMEENTENAAM
    _write_csv(landing / "taakstelling" / "taakstelling_2025-H1.csv", header, rows)
    for month in ("2025-01", "2025-02", "2025-03", "2025-04", "2025-05"):
        target = landing / "huisvesting_realisatie" / f"huisvesting_{month}.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(sample_file("huisvesting_realisatie", f"huisvesting_{month}"), target)
    header, rows = _read_csv(sample_file("huisvesting_realisatie", "huisvesting_2025-05"))
    rows[1][1] = BAD_CODE
    _write_csv(landing / "huisvesting_realisatie" / "huisvesting_2025-05_v2.csv", header, rows)
    for name in ("budgettaire_tabel_OWB2025.csv", "budgettaire_tabel_OWB2026.csv"):
        header, rows = _read_csv(sample_file("budgettaire_tabel", name.removesuffix(".csv")))
        for row in rows:
            if row[8] == "Vluchtelingenwerk Nederland":
                row[8] = REGELING
        _write_csv(landing / "budgettaire_tabel" / name, header, rows)
    return landing


@pytest.fixture(scope="module")
def rapporten(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("injectie")
    landing = _landing(root)
    db = root / "warehouse" / "ketenmonitor.duckdb"
    with warehouse.connect(db) as conn:
        statuses = {
            o.file.name: o.status for o in local_build.build_warehouse(conn, landing, MAAND)
        }
        built = {doc: build(conn, MAAND) for doc, build in documenten.DOCUMENTEN.items()}
    out = {}
    for doc, rapport in built.items():
        out[doc] = documenten.render_rapport(
            rapport, root / f"{doc}.pdf", root / f"{doc}.html", variant="pdf/ua-1"
        )
    # the archival variant with attachments: only our own tables' CSVs may be attached
    out["a3"] = documenten.render_rapport(
        built["begrotingsbijlage"], root / "a3.pdf", root / "a3.html", variant="pdf/a-3a"
    )
    return {"statuses": statuses, "rapporten": built, **out}


def test_the_hostile_deliveries_went_through_the_real_ingestion(rapporten: dict[str, Any]) -> None:
    assert rapporten["statuses"]["taakstelling_2025-H1.csv"] == "accepted"
    assert rapporten["statuses"]["budgettaire_tabel_OWB2025.csv"] == "accepted"
    assert rapporten["statuses"]["budgettaire_tabel_OWB2026.csv"] == "accepted"
    assert rapporten["statuses"]["huisvesting_2025-05_v2.csv"] == "rejected"


@pytest.mark.parametrize("doc", ["maandrapportage", "begrotingsbijlage"])
def test_markup_is_escaped_in_the_html_twin(rapporten: dict[str, Any], doc: str) -> None:
    html = rapporten[doc].html.read_text(encoding="utf-8")
    for raw in (IMG, ATTACH, '<link rel="attachment"', "<style>@import"):
        assert raw not in html
    if doc == "maandrapportage":
        assert "Amsterdam" in html and "etc/hostname" not in html and HTTP not in html
        assert (
            "&lt;img src=&#34;x&#34; onerror=&#34;alert(1)&#34;&gt;" in html
        )  # the rejected value
        assert f'href="{HTTP}"' not in html
    else:
        assert "&lt;link rel=&#34;attachment&#34; href=&#34;file:///etc/passwd&#34;&gt;" in html


def _first_column(pdf_path: Path, right_mm: float) -> str:
    """The text of every page's first table column (left of `right_mm` from the page edge), without
    whitespace: a long cell wraps over lines, and read across the page
    the other columns interleave."""
    with pdfplumber.open(pdf_path) as pdf:
        return "".join(
            re.sub(r"\s+", "", p.crop((0, 0, right_mm * 72 / 25.4, p.height)).extract_text() or "")
            for p in pdf.pages
        )


def _no_ws(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("doc", ["maandrapportage", "begrotingsbijlage"])
def test_markup_shows_as_text_in_the_pdf(rapporten: dict[str, Any], doc: str) -> None:
    if doc == "maandrapportage":
        # the annex row of Amsterdam carries the reference list's name, not the delivered markup
        column = _first_column(rapporten[doc].pdf, 26 + 0.25 * 162)
        assert "Amsterdam" in column and "etc/hostname" not in column
        # the rejected gemeentecode in the data quality chapter, as text
        with pdfplumber.open(rapporten[doc].pdf) as pdf:
            text = "".join(_no_ws(p.extract_text() or "") for p in pdf.pages)
        assert _no_ws(BAD_CODE) in text
    else:
        # the regeling in "Budgettaire gevolgen van beleid" (first column: 30% of the text width)
        assert _no_ws(REGELING) in _first_column(rapporten[doc].pdf, 26 + 0.30 * 162)


@pytest.mark.parametrize("doc", ["maandrapportage", "begrotingsbijlage", "a3"])
def test_nothing_is_fetched_embedded_or_attached(rapporten: dict[str, Any], doc: str) -> None:
    result = rapporten[doc]
    assert all(f.startswith("fonts/") for f in result.fetched), result.fetched
    data = result.pdf.read_bytes()
    reader = pypdf.PdfReader(result.pdf)
    passwd = Path("/etc/passwd").read_bytes() if Path("/etc/passwd").exists() else b"root:x:0:0"
    if doc == "a3":
        names = set(reader.attachments)
        assert names == {
            t.bestandsnaam for t in rapporten["rapporten"]["begrotingsbijlage"].tabellen
        }
        for contents in reader.attachments.values():
            assert passwd[:20] not in contents[0]
    else:
        assert b"/EmbeddedFile" not in data and b"/Filespec" not in data
        assert reader.attachments == {}
    assert b"/URI" not in data  # no link annotation to the hostile URL
    for page in reader.pages:
        assert passwd[:20] not in page.extract_text().encode()


def test_reports_render_with_most_sources_missing(rapporten: dict[str, Any]) -> None:
    html = (
        rapporten["maandrapportage"].html.read_text(encoding="utf-8").replace("<wbr>", "")
    )  # break hints in file names
    assert "Let op: verouderde gegevens CBS 83102NED." in html
    assert "Er zijn geen CBS-cijfers over asielverzoeken in de verslagperiode." in html
    # the rejected delivery is reported with its reason, the housing data stays the accepted one
    assert "huisvesting_2025-05_v2.csv" in html and "Afgewezen leveringen en de redenen" in html
    # a document with missing sources and a rejected delivery speaks to its reader too: no internal
    # names, paths, rule ids or "1 fouten"
    visible = re.sub(
        r"\s+", " ", re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", html, flags=re.DOTALL)
    )
    assert leestekst.problemen(visible) == []


def test_the_attached_csvs_neutralise_formulas_like_the_export() -> None:
    """Every CSV the product writes goes through one writer: the PDF/A-3a attachments too."""
    from pipelines.lib import csvsafe
    from pipelines.lib import report_model as rm

    hostile = ['=HYPERLINK("http://x")', "+SUM(A1)", "@cmd", "-2+3", "\tnaam"]
    tabel = rm.Tabel(
        "t",
        "1.1",
        "Gemeenten",
        [rm.Kolom("Naam", "l"), rm.Kolom("Aantal", "r")],
        [rm.Rij([rm.tekst(h), rm.getal(-5)]) for h in hostile],
        "Bron: test",
    )
    rows = list(csv.reader(io.StringIO(tabel.csv_bytes().decode("utf-8")), delimiter=";"))
    assert [r[0] for r in rows[1:]] == ["'" + h for h in hostile]
    assert {r[1] for r in rows[1:]} == {"-5"}, "a number stays a number"
    assert export.csv_safe is csvsafe.neutralise
