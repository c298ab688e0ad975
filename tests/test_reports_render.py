"""pipelines/lib/render.py: the URL fetcher, strict templates, fail-loud rendering, PDF variants.

Small documents, no warehouse: these run in seconds. Nothing is fetched from the network; the
URLs below point at a closed local port and must be refused before any connection is tried.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from pathlib import Path

import pypdf
import pytest

from pipelines.lib import paths, render

CREATED = dt.datetime(2025, 6, 1, tzinfo=dt.timezone(dt.timedelta(hours=1)))
# a 1x1 PNG
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def page(body: str, head: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Proef</title>'
        '<meta name="dcterms.created" content="2025-06-01T00:00:00+01:00">'
        f"<style>@font-face {{ font-family: Inter; src: url(fonts/Inter-Regular.otf); }} "
        f"body {{ font-family: Inter; }}</style>"
        f"{head}</head><body><h1>Proef</h1>{body}</body></html>"
    )


def to_pdf(
    html: str, variant: str = "pdf/ua-1", **kwargs: object
) -> tuple[bytes, int, tuple[str, ...]]:
    return render.html_to_pdf(html, created=CREATED, identifier=b"proef", variant=variant, **kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the URL fetcher


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///etc/hostname",
        "http://127.0.0.1:9/x",
        "https://127.0.0.1:9/x",
        "ftp://127.0.0.1:9/x",
        "file://127.0.0.1/etc/passwd",
        paths.STATIC_DIR.resolve().as_uri() + "/../../../etc/passwd",
        paths.STATIC_DIR.resolve().as_uri() + "/fonts/../../templates/base.html.j2",
        paths.STATIC_DIR.resolve().as_uri() + "/bestaat-niet.css",
    ],
)
def test_fetcher_raises_outside_static(url: str) -> None:
    with pytest.raises(render.ForbiddenURLError):
        render.StaticOnlyFetcher().fetch(url)


def test_fetcher_allows_static_files_and_data_urls() -> None:
    fetcher = render.StaticOnlyFetcher()
    font = fetcher.fetch((paths.STATIC_DIR / "fonts" / "Inter-Regular.otf").resolve().as_uri())
    assert font.read()[:4] == b"OTTO"
    data = fetcher.fetch("data:text/plain;base64," + base64.b64encode(b"hallo").decode())
    assert data.read() == b"hallo"
    assert fetcher.fetched == ["fonts/Inter-Regular.otf", "data:"]


def test_fetcher_refuses_a_symlink_out_of_static(tmp_path: Path) -> None:
    static = tmp_path / "static"
    static.mkdir()
    secret = tmp_path / "geheim.txt"
    secret.write_text("geheim", encoding="utf-8")
    (static / "link.css").symlink_to(secret)
    (static / "echt.css").write_text("p {}", encoding="utf-8")
    fetcher = render.StaticOnlyFetcher(static)
    assert fetcher.fetch((static / "echt.css").as_uri()).read() == b"p {}"
    with pytest.raises(render.ForbiddenURLError):
        fetcher.fetch((static / "link.css").as_uri())


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="file:///etc/passwd" alt="x">',
        '<a rel="attachment" href="file:///etc/hostname">bijlage</a>',
        '<img src="http://127.0.0.1:9/x" alt="x">',
        '<link rel="stylesheet" href="http://127.0.0.1:9/x">',
        "<style>@import url(http://127.0.0.1:9/x);</style>",
        '<div style="background: url(file:///etc/passwd)">x</div>',
    ],
)
def test_render_fails_when_a_document_points_outside(markup: str) -> None:
    with pytest.raises(render.ForbiddenURLError):
        to_pdf(page(markup))


def test_variant_with_attachments_refuses_a_hostile_link_too() -> None:
    with pytest.raises(render.ForbiddenURLError):
        to_pdf(page('<a rel="attachment" href="file:///etc/passwd">x</a>'), variant="pdf/a-3a")


# --------------------------------------------------------------------------- templates


def test_templates_are_strict_and_escape(tmp_path: Path) -> None:
    (tmp_path / "t.html.j2").write_text("<p>{{ naam }}</p>", encoding="utf-8")
    html = (
        render.environment(tmp_path)
        .get_template("t.html.j2")
        .render(naam='<img src="file:///etc/passwd">')
    )
    assert html == "<p>&lt;img src=&#34;file:///etc/passwd&#34;&gt;</p>"
    with pytest.raises(render.RenderError, match="naam"):
        render.render_html("t.html.j2", {}, templates_dir=tmp_path)


def test_nl_filters_in_templates(tmp_path: Path) -> None:
    (tmp_path / "t.html.j2").write_text(
        "{{ 12500 | getal }} {{ -0.5 | verandering }} {{ 118000000 | euro_mln }} "
        "{{ '2025-05' | maand_jaar }}",
        encoding="utf-8",
    )
    assert (
        render.render_html("t.html.j2", {}, templates_dir=tmp_path)
        == "12.500 −50,0% € 118 mln mei 2025"
    )


# --------------------------------------------------------------------------- PDF output


def test_pdf_ua_1_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(render.PDF_VARIANT_ENV, raising=False)
    assert render.pdf_variant() == "pdf/ua-1"
    pdf, pages, fetched = render.html_to_pdf(
        page("<p>12.500</p>"), created=CREATED, identifier=b"x"
    )
    assert pages == 1 and fetched == ("fonts/Inter-Regular.otf",)
    (tmp_path / "p.pdf").write_bytes(pdf)
    root = pypdf.PdfReader(tmp_path / "p.pdf").trailer["/Root"]
    assert (
        "/StructTreeRoot" in root and root["/Lang"] == "nl" and bool(root["/MarkInfo"]["/Marked"])
    )


@pytest.mark.parametrize("value", ["pdf/a-2a", "PDF/A-3A", "pdf/ua-1"])
def test_variant_setting(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(render.PDF_VARIANT_ENV, value)
    assert render.pdf_variant() == value.lower()


@pytest.mark.parametrize("value", ["pdf/a-1b", "pdf/ua-2", "pdfa"])
def test_unknown_variant_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(render.PDF_VARIANT_ENV, value)
    with pytest.raises(render.RenderError):
        render.pdf_variant()


def test_same_html_gives_the_same_bytes() -> None:
    html = page(
        "<p>Bedragen x € 1.000</p><table><thead><tr><th>a</th></tr></thead>"
        "<tbody><tr><td>1</td></tr></tbody></table>"
    )
    first, _, _ = to_pdf(html)
    second, _, _ = to_pdf(html)
    assert first == second
    assert b"/ID [(proef)" in first or b"proef" in first


def test_same_bytes_with_and_without_harfbuzz_subset(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without libharfbuzz-subset0 makes the same PDF. WeasyPrint sets its handle on the
    library to None when the library does not load; that is what this machine is made
    to look like."""
    import weasyprint.pdf.fonts

    html = page("<p>Bedragen x € 1.000; −50,0%; 12.500 vergunninghouders</p>")
    with_harfbuzz, _, _ = to_pdf(html)
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    without, _, _ = to_pdf(html)
    assert with_harfbuzz == without


def test_the_text_layer_keeps_figures_signs_and_brackets(tmp_path: Path) -> None:
    """The fonts go in whole; every figure, sign and bracket must still read back from the PDF (a
    screen reader, a search, a copy into Excel), with the report's own stylesheet."""
    css = (paths.STATIC_DIR / "print.css").read_text(encoding="utf-8")
    text = "Aantal 12.500 (−50,0%) t.o.v. +1.162; 4:3 € 118 mln [A-Z] 0123456789"
    pdf, _, _ = to_pdf(
        page(
            f"<p>{text}</p><table><tr><td class=r>−7,1%</td><td>(1.494)</td></tr></table>",
            head=f"<style>{css}</style>",
        )
    )
    target = tmp_path / "t.pdf"
    target.write_bytes(pdf)
    extracted = " ".join(p.extract_text() for p in pypdf.PdfReader(target).pages)
    assert text in extracted and "−7,1%" in extracted and "(1.494)" in extracted


def test_weasyprint_errors_fail_the_render_and_reach_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    png = "data:image/png;base64," + base64.b64encode(PNG).decode()
    logger = logging.getLogger("proef.render")
    with (
        caplog.at_level(logging.DEBUG, logger="proef.render"),
        pytest.raises(render.RenderError, match="alt"),
    ):
        to_pdf(
            page(f'<img src="{png}">'), logger=logger
        )  # an image without alt text: not accessible
    assert any("WeasyPrint" in r.getMessage() for r in caplog.records)
    to_pdf(page(f'<img src="{png}" alt="Een stip">'), logger=logger)  # with alt text it renders


def test_render_report_writes_pdf_and_html_twin(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    result = render.render_report(
        "base.html.j2",
        {
            "doc": {
                "titel": "Proef",
                "organisatie": "Org",
                "logo": None,
                "beschrijving": "b",
                "trefwoorden": ["a"],
                "code_versie": "0",
                "aangemaakt": CREATED.isoformat(),
                "ondertitel": "o",
                "onvolledig": None,
                "verslagmaand": CREATED.date().replace(day=1),
                "peildatum": CREATED.date(),
                "volledigheid": "volledig",
                "editie": "proef",
            },
            "css": "",
            "inhoud": [],
            "hoofdstukken": [],
            "legenda": [],
        },
        pdf_path=tmp_path / "out" / "proef.pdf",
        html_path=tmp_path / "out" / "proef.html",
        created=CREATED,
        identifier=b"proef",
        variant="pdf/ua-1",
    )
    assert result.pdf.read_bytes().startswith(b"%PDF-1.7")
    assert result.html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert result.pages >= 1 and result.seconds_per_page > 0
    assert not list((tmp_path / "out").glob(".*.tmp"))
