"""The two reports, rendered from a real warehouse and read back as a reader (or a checker) would.

One warehouse per module: a subset of the embedded sample deliveries goes through the real
ingestion (contract validation, register), the real staging and indicator SQL and the claims
evaluator; then the Dagster report assets render both documents for 2025-05. Everything is written
under tmp_path; nothing is fetched.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pytest

from pipelines.lib import warehouse
from pipelines.lib.contracts import SOURCES
from pipelines.lib.reports import document as documenten
from tests import leestekst
from tests.rapportomgeving import MAAND

pytestmark = pytest.mark.slow  # the session's report environment


def _pages_text(pdf: Path) -> list[str]:
    """Each page's text as pdfplumber extracts it
    (lines kept; cells of one table row share a line)."""
    with pdfplumber.open(pdf) as doc:
        return [p.extract_text() or "" for p in doc.pages]


@pytest.fixture(scope="module")
def maand_tekst(omgeving: dict[str, Any]) -> list[str]:
    return _pages_text(omgeving["maand_pdf"])


@pytest.fixture(scope="module")
def begr_tekst(omgeving: dict[str, Any]) -> list[str]:
    return _pages_text(omgeving["begr_pdf"])


def _flat(pages: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(pages))


def _contents(pages: list[str]) -> list[tuple[str, int]]:
    """The entries of the table of contents (page 2): (title as printed, page number)."""
    assert pages[1].splitlines()[1].startswith("Inhoud") or "Inhoud" in pages[1][:40]
    entries = []
    for line in pages[1].splitlines():
        if m := re.match(r"^(\S.*?)\s*\.{3,}\s*(\d+)$", line.strip()):
            entries.append((re.sub(r"\s+", " ", m[1]), int(m[2])))
    return entries


# ----------------------------------------------------------------------- output and metadata


def test_assets_write_pdf_and_html_twin_per_month(omgeving: dict[str, Any]) -> None:
    for key in ("maand_pdf", "maand_html", "begr_pdf", "begr_html"):
        assert omgeving[key].is_file(), omgeving[key]
    html = omgeving["maand_html"].read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    assert omgeving["run"]["paginas"] == len(pypdf.PdfReader(omgeving["maand_pdf"]).pages)
    assert omgeving["run"]["pdf_variant"] == "pdf/ua-1"


def test_page_counts(maand_tekst: list[str], begr_tekst: list[str]) -> None:
    # cover, contents, 11 chapters, the annex of 342 gemeenten (several pages) and the colofon
    assert 20 <= len(maand_tekst) <= 40, len(maand_tekst)
    assert 6 <= len(begr_tekst) <= 14, len(begr_tekst)


def test_cover_title_and_organisation(maand_tekst: list[str], begr_tekst: list[str]) -> None:
    assert "Maandrapportage Migratieketen — mei 2025" in _flat(maand_tekst[:1])
    assert "Ministerie van Asiel en Migratie" in maand_tekst[0]
    assert "Begrotingsbijlage Asiel en Migratie — mei 2025" in _flat(begr_tekst[:1])


@pytest.mark.parametrize("document", ["maand", "begr"])
def test_contents_point_to_the_pages_chapters_start_on(
    document: str, maand_tekst: list[str], begr_tekst: list[str]
) -> None:
    pages = maand_tekst if document == "maand" else begr_tekst
    entries = _contents(pages)
    assert len(entries) >= (14 if document == "maand" else 5), pages[1]
    numbers = [n for _, n in entries]
    assert numbers == sorted(numbers) and numbers[0] == 3
    for title, page in entries:
        body = re.sub(r"\s+", " ", pages[page - 1])
        assert title in body, f"{title!r} staat niet op pagina {page}"
        if page - 2 > 1:  # not on the page before (unless that is the contents)
            assert title not in re.sub(r"\s+", " ", pages[page - 2]), (
                f"{title!r} begint al voor pagina {page}"
            )


def test_running_header_with_chapter_title_and_page_x_of_y(maand_tekst: list[str]) -> None:
    total = len(maand_tekst)
    for n, text in enumerate(maand_tekst[1:], start=2):
        assert f"Pagina {n} van {total}" in text
    for title, page in _contents(maand_tekst):
        if re.match(r"^(\d+|Bijlage [A-Z]) ", title):  # chapters, not their sections
            assert maand_tekst[page - 1].splitlines()[0].startswith(title), (title, page)


def test_figures_in_the_reports(maand_tekst: list[str], begr_tekst: list[str]) -> None:
    alles, begroting = _flat(maand_tekst), _flat(begr_tekst)
    assert "12.500" in alles  # the budget's taakstelling claim, formatted nl_NL
    assert "Bedragen x € 1.000" in alles  # the taskforce table
    assert (
        "Tabel 1.1 Budgettaire gevolgen van beleid artikel 37 Migratie (Bedragen x € 1.000)"
        in begroting
    )
    assert "€ 118 mln" in alles
    assert "−" in alles  # a real minus sign, not a hyphen, in negative figures
    assert "Bron: CBS 83102NED, levering 12 november 2026; bewerking Ketenmonitor" in alles
    for jaar in range(2023, 2030):  # t-2 .. t+4 of begroting 2025 and 2026
        assert str(jaar) in begroting


def test_claims_are_confirmed_where_the_data_supports_them(
    maand_tekst: list[str], omgeving: dict[str, Any]
) -> None:
    with warehouse.connect(omgeving["db"], read_only=True) as conn:
        claims = conn.execute(
            "select claim_id, status from kpi.beleidsclaims order by volgorde"
        ).fetchall()
    rows: dict[int, str] = {}
    for text in maand_tekst[2:]:
        if "Toetsing beleidsclaims" not in text.splitlines()[0]:
            continue
        for line in text.splitlines():
            if m := re.match(r"^(\d+) 2\.1\.\d .*?(bevestigd|afwijkend|geen data)", line):
                rows[int(m[1])] = m[2]
    assert len(rows) == len(claims) >= 8
    for i, (claim_id, status) in enumerate(claims, start=1):
        assert rows[i] == status, claim_id
    status = dict(claims)
    for claim_id in ("instroom_eerste_kwartaal_2025", "vertrek_groei_2024", "rtb_einde"):
        assert status[claim_id] == "bevestigd", claim_id  # the fixture holds the data for these
    assert status["naturalisatietermijn"] == "geen data"  # a policy parameter
    # The May 2025 edition rests on the budget of 2025: the 2026 budget's ramp is not in it yet.
    with warehouse.connect(omgeving["db"], read_only=True) as conn:
        assert conn.execute("select max(begrotingsjaar) from kpi.taskforce_budget").fetchall() == [
            (2025,)
        ]


def test_annex_lists_all_342_gemeenten(maand_tekst: list[str], omgeving: dict[str, Any]) -> None:
    codes = {code for text in maand_tekst for code in re.findall(r"\bGM\d{4}\b", text)}
    assert len(codes) == 342, len(codes)
    assert "Totaal (342 gemeenten)" in _flat(maand_tekst)
    html = omgeving["maand_html"].read_text(encoding="utf-8")
    annex_html = html[html.index('id="bijlage-taakstelling"') : html.index('id="colofon"')]
    assert annex_html.count("<tr") == 1 + 342 + 1  # header, gemeenten, total


def test_repeated_table_header_on_annex_pages(maand_tekst: list[str]) -> None:
    annex_pages = [t for t in maand_tekst if re.search(r"\bGM\d{4}\b", t)]
    assert len(annex_pages) >= 4
    for text in annex_pages:  # the header row repeats on every page of the long table
        assert "Gemeente Code" in re.sub(r"\s+", " ", text)


def test_disclosure_control_ind_figures_rounded_to_tens(omgeving: dict[str, Any]) -> None:
    html = omgeving["maand_html"].read_text(encoding="utf-8")
    chapter = html[html.index('id="ind-afhandeling"') : html.index('id="vertrek"')]
    table = chapter[chapter.index("Asielzaken per maand") :]
    cells = re.findall(r'<td class="r">([0-9.]+)</td>', table)
    assert len(cells) > 10
    for cell in cells:
        assert int(cell.replace(".", "")) % 10 == 0, cell


def test_colofon_has_edition_inputs_and_no_run_id(
    omgeving: dict[str, Any], maand_tekst: list[str]
) -> None:
    colofon = _flat([t for t in maand_tekst if "Verantwoording en colofon" in t])
    assert "Partitie 2025-05" in colofon
    assert re.search(r"Editie 2025-05-[0-9a-f]{12}", colofon)
    assert "Versie programmatuur" in colofon
    run_id = omgeving["run"]["run_id"]
    for pdf in (omgeving["maand_pdf"], omgeving["begr_pdf"]):
        assert run_id.encode() not in pdf.read_bytes()
    assert run_id not in omgeving["maand_html"].read_text(encoding="utf-8")


# ----------------------------------------------------------------------- PDF/UA, fonts, determinism


@pytest.mark.parametrize("key", ["maand_pdf", "begr_pdf"])
def test_pdf_ua_markers(omgeving: dict[str, Any], key: str) -> None:
    reader = pypdf.PdfReader(omgeving[key])
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "nl"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title.startswith(("Maandrapportage", "Begrotingsbijlage"))
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp
    # the edition's own date: its newest input is the CBS snapshot of 12 November 2026
    assert reader.metadata["/CreationDate"].startswith("D:20261112000000")


def test_svg_figures_have_alt_text_and_tables_have_headers(omgeving: dict[str, Any]) -> None:
    reader = pypdf.PdfReader(omgeving["maand_pdf"])
    figures, th = [], 0
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, pypdf.generic.ArrayObject):
            stack.extend(node)
            continue
        if not isinstance(node, pypdf.generic.DictionaryObject):
            continue
        if node.get("/S") == "/Figure":
            figures.append(node.get("/Alt"))
        if node.get("/S") == "/TH":
            th += 1
        if "/K" in node:
            stack.append(node["/K"])
    assert len(figures) >= 8
    assert all(alt and len(alt) > 40 for alt in figures), figures
    assert th > 50
    html = omgeving["maand_html"].read_text(encoding="utf-8")
    assert html.count('role="img"') == len(figures)
    assert html.count("<title>") == len(figures) + 1 and html.count("<desc>") == len(figures)
    assert '<th scope="col"' in html and '<th scope="row"' in html


@pytest.mark.parametrize("key", ["maand_pdf", "begr_pdf"])
def test_fonts_embedded(omgeving: dict[str, Any], key: str) -> None:
    reader = pypdf.PdfReader(omgeving[key])
    descriptors = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            parts = [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]
            for part in parts:
                if "/FontDescriptor" in part:
                    d = part["/FontDescriptor"].get_object()
                    descriptors[d["/FontName"]] = d
    assert len(descriptors) >= 2
    for name, d in descriptors.items():
        assert "/FontFile2" in d or "/FontFile3" in d, name
        assert "Inter" in name  # the self-hosted OFL font, no system fallback


def test_same_inputs_give_byte_identical_documents(
    omgeving: dict[str, Any], tmp_path: Path
) -> None:
    with warehouse.connect(omgeving["db"], read_only=True) as conn:
        for document, key in (("begrotingsbijlage", "begr_pdf"), ("maandrapportage", "maand_pdf")):
            rapport = documenten.DOCUMENTEN[document](
                conn,
                MAAND,
                **(
                    {"controles": {s: "onbekend" for s in SOURCES}}
                    if document == "maandrapportage"
                    else {}
                ),
            )
            result = documenten.render_rapport(
                rapport,
                tmp_path / f"{document}.pdf",
                tmp_path / f"{document}.html",
                variant="pdf/ua-1",
            )
            assert result.pdf.read_bytes() == omgeving[key].read_bytes(), document
            assert result.html.read_bytes() == omgeving[key.replace("pdf", "html")].read_bytes()


# ----------------------------------------------------------------------- archival variants


def test_pdf_a_3a_variant_attaches_every_table_as_csv(
    omgeving: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KETENMONITOR_PDF_VARIANT", "pdf/a-3a")
    with warehouse.connect(omgeving["db"], read_only=True) as conn:
        rapport = documenten.begrotingsbijlage(conn, MAAND)
    result = documenten.render_rapport(rapport, tmp_path / "b.pdf", tmp_path / "b.html")
    assert result.variant == "pdf/a-3a"
    reader = pypdf.PdfReader(result.pdf)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "nl"  # PDF/A-3a is tagged too
    attachments = reader.attachments
    assert len(attachments) == len(rapport.tabellen) >= 5
    name = rapport.tabellen[0].bestandsnaam
    csv_text = attachments[name][0].decode("utf-8")
    assert csv_text.splitlines()[0].startswith(";2023;2024;2025") or ";" in csv_text.splitlines()[0]
    assert len(root["/AF"]) == len({ref.idnum for ref in root["/AF"]}) == len(rapport.tabellen)
    # deterministic too: the attachments carry the fixed date of the edition,
    # not the time of rendering
    for ref in root["/AF"]:
        params = ref.get_object()["/EF"]["/F"].get_object()["/Params"]
        assert params["/ModDate"] == params["/CreationDate"] == "D:20261111230000Z"
        assert ref.get_object()["/AFRelationship"] == "/Data"


def test_pdf_a_2a_variant(omgeving: dict[str, Any], tmp_path: Path) -> None:
    with warehouse.connect(omgeving["db"], read_only=True) as conn:
        rapport = documenten.begrotingsbijlage(conn, MAAND)
    result = documenten.render_rapport(
        rapport, tmp_path / "b.pdf", tmp_path / "b.html", variant="pdf/a-2a"
    )
    data = result.pdf.read_bytes()
    reader = pypdf.PdfReader(result.pdf)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert b"/EmbeddedFile" not in data


# ----------------------------------------------------------------------- reader-facing text


def _visible_html(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return re.sub(
        r"\s+", " ", re.sub(r"<(style|script)\b.*?</\1>|<[^>]+>", " ", html, flags=re.DOTALL)
    )


def test_no_internal_names_paths_rule_ids_or_wrong_plurals_for_the_reader(
    omgeving: dict[str, Any], maand_tekst: list[str], begr_tekst: list[str]
) -> None:
    """Finance staff read the PDF: no table names of the warehouse (kpi., stg.), no repository
    paths, no rule ids of the contracts or Great Expectations, and no "1 dagen" / "bestand(en)"."""
    for name, text in (
        ("maandrapportage.pdf", _flat(maand_tekst)),
        ("begrotingsbijlage.pdf", _flat(begr_tekst)),
        ("maandrapportage.html", _visible_html(omgeving["maand_html"])),
        ("begrotingsbijlage.html", _visible_html(omgeving["begr_html"])),
    ):
        assert leestekst.problemen(text) == [], name


def test_a_legend_names_only_the_symbols_its_table_uses(omgeving: dict[str, Any]) -> None:
    html = omgeving["maand_html"].read_text(encoding="utf-8")
    tables = re.findall(
        r'<figure class="tabel[^"]*" id="(tabel-[\d-]+)">(.*?)</figure>', html, flags=re.DOTALL
    )
    with_legend = 0
    for table_id, body in tables:
        legend = re.search(r'<p class="legenda">(.*?)</p>', body, flags=re.DOTALL)
        if legend is None:
            continue
        with_legend += 1
        named = set(re.findall(r"<span>(\S+) = ", legend.group(1)))
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", body.split("<tbody>")[1], flags=re.DOTALL)
        used = {s for c in cells for s in re.findall(r'<span class="sym">(\*\*?)</span>', c)}
        used |= {c.strip() for c in cells if c.strip() in (".", "\u2212")}
        used |= {
            c.split("<")[0].strip() for c in cells if c.split("<")[0].strip() in (".", "\u2212")
        }
        assert named and named <= used, (table_id, named, used)
    assert with_legend >= 2


def test_threshold_claims_read_as_thresholds(maand_tekst: list[str]) -> None:
    """ "50%" against a measured 160,9% would read as a contradiction;
    the claim is "more than 50%"."""
    assert "meer dan 50%" in _flat(maand_tekst)


_MAANDEN = {
    m: i
    for i, m in enumerate(
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        start=1,
    )
}


def _datum(tekst: str) -> dt.date:
    dag, maand, jaar = tekst.split()
    return dt.date(int(jaar), _MAANDEN[maand], int(dag))


def test_opgemaakt_is_not_before_any_delivery_the_document_cites(
    maand_tekst: list[str], begr_tekst: list[str]
) -> None:
    maanden = "|".join(_MAANDEN)
    for pages in (maand_tekst, begr_tekst):
        text = _flat(pages)
        opgemaakt = _datum(
            re.search(rf"Opgemaakt (\d{{1,2}} (?:{maanden}) \d{{4}})", text).group(1)
        )
        cited = [
            _datum(d) for d in re.findall(rf"levering (\d{{1,2}} (?:{maanden}) \d{{4}})", text)
        ]
        assert cited and opgemaakt >= max(cited)
        assert opgemaakt > MAAND  # and after the month it reports on
        assert "Peildatum 31 mei 2025" in text


def test_datakwaliteit_lists_every_source_on_one_page(maand_tekst: list[str]) -> None:
    page = next(p for p in maand_tekst if "Tabel 11.1" in p)
    after = page.split("Tabel 11.1", 1)[1]
    assert "Bron: leveringenregister" in after, "Tabel 11.1 runs onto the next page"
