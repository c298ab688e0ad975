"""HTML -> PDF for the reports: Jinja2 templates, WeasyPrint, and the rules that keep it safe.

- Jinja2 with `StrictUndefined` and autoescape on: a missing value fails the render, and
  every value from the warehouse reaches the page as text, never as markup.
- WeasyPrint gets a URL fetcher that allows only `data:` URLs and files under
  `reports/static/`. Anything else (another local file, any network URL) raises and the
  render stops: WeasyPrint's default fetcher would embed any local file it is pointed at.
- Errors WeasyPrint logs (a missing alt text, an unusable resource) fail the render too;
  its log is forwarded to the caller's logger (the Dagster run log).
- Deterministic output: the template carries fixed metadata dates derived from the reporting
  month, the PDF identifier is the edition id, attachments carry fixed dates. The same
  inputs give the same bytes.
- PDF/UA-1 (tagged, accessible) by default; an archival variant by setting
  `KETENMONITOR_PDF_VARIANT` = `pdf/a-2a` or `pdf/a-3a` (the latter with each table's CSV
  attached). WeasyPrint cannot combine PDF/A and PDF/UA in one pass; the PDF/A-a variants
  are tagged as well.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import mimetypes
import os
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import jinja2
from markupsafe import Markup, escape
from weasyprint import HTML, Attachment
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from pipelines.lib import breekpunt, formatting, instellingen, paths

PDF_VARIANTS: tuple[str, ...] = ("pdf/ua-1", "pdf/a-2a", "pdf/a-3a")
DEFAULT_PDF_VARIANT = "pdf/ua-1"
PDF_VARIANT_ENV = "KETENMONITOR_PDF_VARIANT"


class RenderError(RuntimeError):
    """The report could not be rendered as it should be; nothing was written."""


class ForbiddenURLError(FatalURLFetchingError):
    """A report tried to load a URL outside `data:` and `reports/static/`.

    A `FatalURLFetchingError` (a BaseException): WeasyPrint does not swallow it into a
    warning, so the render stops.
    """


def pdf_variant() -> str:
    """The PDF variant from `KETENMONITOR_PDF_VARIANT` (default PDF/UA-1)."""
    value = instellingen.waarde(PDF_VARIANT_ENV).lower() or DEFAULT_PDF_VARIANT
    if value not in PDF_VARIANTS:
        raise RenderError(f"{PDF_VARIANT_ENV}={value!r}: kies uit {', '.join(PDF_VARIANTS)}")
    return value


class StaticOnlyFetcher(URLFetcher):
    """Fetches `data:` URLs and files under the static folder; raises on anything else."""

    def __init__(self, static_dir: Path | None = None) -> None:
        super().__init__(
            allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=True
        )
        self.static_dir = (static_dir or paths.STATIC_DIR).resolve()
        self.fetched: list[str] = []

    def _static_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if path.is_relative_to(self.static_dir) and path.is_file():
            return path
        return None

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            self.fetched.append("data:")
            return super().fetch(url, headers)
        if scheme == "file" and (path := self._static_path(url)) is not None:
            self.fetched.append(path.relative_to(self.static_dir).as_posix())
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})
        raise ForbiddenURLError(
            f"URL geweigerd: {url!r}. Rapporten laden alleen data:-URL's en bestanden onder "
            f"{self.static_dir}"
        )


# --------------------------------------------------------------------------- templates


def environment(templates_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment of the reports: strict, autoescaping, with the nl_NL filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir or paths.TEMPLATES_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        getal=formatting.getal,
        getal_teken=formatting.getal_teken,
        procent=formatting.procent,
        verandering=formatting.verandering,
        euro_mln=formatting.euro_mln,
        euro_mld=formatting.euro_mld,
        euro_kort=formatting.euro_kort,
        euro_x1000=formatting.euro_x1000,
        bedrag=formatting.bedrag,
        cel=formatting.cel,
        maand_jaar=formatting.maand_jaar,
        datum=formatting.datum,
        halfjaar=formatting.halfjaar,
        bestandsnaam=bestandsnaam,
    )
    return env


def bestandsnaam(text: str) -> Markup:
    """A file name that may wrap in a narrow column: a break opportunity (<wbr>) after each _, so it
    breaks between its parts (ind_zaken_2026-10_ / 2026-11-05.parquet), not mid-word; the text
    copies unchanged."""
    return Markup(str(escape(text)).replace("_", "_<wbr>"))


def render_html(
    template_name: str, context: Mapping[str, Any], templates_dir: Path | None = None
) -> str:
    try:
        return environment(templates_dir).get_template(template_name).render(**context)
    except jinja2.UndefinedError as exc:
        raise RenderError(f"{template_name}: {exc}") from exc


# --------------------------------------------------------------------------- logging

# Known, harmless: without the system's libharfbuzz-subset WeasyPrint subsets fonts with fontTools
# (slower, same result). Logged at debug so a run log does not cry wolf every month.
_KNOWN_HARMLESS = ("Using fontTools instead of HarfBuzz-Subset",)


class _Forward(logging.Handler):
    def __init__(self, target: logging.Logger | logging.LoggerAdapter | None) -> None:
        super().__init__(logging.DEBUG)
        self.target = target
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        level = record.levelno
        if record.name.startswith("weasyprint.progress") and " - Page " in message:
            return  # a line per page and layout pass, each a Dagster event; the steps suffice
        if record.name.startswith("weasyprint.progress") or message.startswith(_KNOWN_HARMLESS):
            level = logging.DEBUG
        if level >= logging.ERROR:
            self.errors.append(message)
        if self.target is not None:
            self.target.log(level, f"WeasyPrint: {message}")


@contextlib.contextmanager
def _source_date_epoch(moment: dt.datetime) -> Iterator[None]:
    """fontTools stamps subset fonts with the current time unless SOURCE_DATE_EPOCH is set."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


@contextlib.contextmanager
def forward_weasyprint_log(
    target: logging.Logger | logging.LoggerAdapter | None,
) -> Iterator[_Forward]:
    """Send WeasyPrint's log records to `target` (e.g. Dagster's `context.log`)
    and collect errors."""
    logger = logging.getLogger("weasyprint")
    handler = _Forward(target)
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if target is not None else logging.WARNING)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


# --------------------------------------------------------------------------- PDF


@dataclass(frozen=True)
class CsvAttachment:
    """A table's data, attached to the PDF/A-3a variant as `name` (relationship Data)."""

    name: str
    description: str
    content: bytes


@dataclass(frozen=True)
class RenderedReport:
    pdf: Path
    html: Path
    pages: int
    seconds: float
    variant: str
    size_bytes: int
    fetched: tuple[str, ...]
    werkboek: Path | None = None  # the tables as an Excel workbook beside the PDF

    @property
    def seconds_per_page(self) -> float:
        return self.seconds / self.pages if self.pages else 0.0


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file beside `path`: a reader sees the old file or
    the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as out:
        out.write(data[: len(data) // 2])
        out.flush()
        breekpunt.punt("rapport.half_geschreven", path.name)
        out.write(data[len(data) // 2 :])
    tmp.replace(path)


def _dedupe_associated_files(document: Any, pdf: Any) -> None:
    """WeasyPrint 70 lists each PDF/A-3 attachment twice in the catalog's /AF; once is right."""
    if "AF" in pdf.catalog:
        seen: list[Any] = []
        for ref in pdf.catalog["AF"]:
            if ref not in seen:
                seen.append(ref)
        pdf.catalog["AF"][:] = seen


def html_to_pdf(
    html: str,
    *,
    created: dt.datetime,
    identifier: bytes,
    variant: str | None = None,
    attachments: Sequence[CsvAttachment] = (),
    logger: logging.Logger | logging.LoggerAdapter | None = None,
    static_dir: Path | None = None,
) -> tuple[bytes, int, tuple[str, ...]]:
    """Render HTML to PDF bytes; returns (pdf, page count, fetched static resources)."""
    variant = variant or pdf_variant()
    if variant not in PDF_VARIANTS:
        raise RenderError(f"onbekende PDF-variant {variant!r}")
    fetcher = StaticOnlyFetcher(static_dir)
    base_url = (static_dir or paths.STATIC_DIR).resolve().as_uri() + "/"
    with forward_weasyprint_log(logger) as log, _source_date_epoch(created):
        document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()
        # The fonts go in whole: no subsetter runs, so the PDF is the same byte for byte whether the
        # machine has HarfBuzz's subsetter or would fall back to fontTools (their subsets differ),
        # and writing is no slower. Their cmap holds the tabular figures (tools/fonts_tabular.py)
        # and the CSS turns contextual alternates off, so the text layer keeps every character.
        options: dict[str, Any] = {
            "pdf_variant": variant,
            "pdf_identifier": identifier,
            "full_fonts": True,
        }
        if variant == "pdf/a-3a" and attachments:
            # WeasyPrint writes these dates with a "Z": give them in UTC
            stamp = created.astimezone(dt.UTC) if created.tzinfo else created
            options["attachments"] = [
                Attachment(
                    string=a.content,
                    name=a.name,
                    description=a.description,
                    created=stamp,
                    modified=stamp,
                    relationship="Data",
                    url_fetcher=fetcher,
                )
                for a in attachments
            ]
        pdf = document.write_pdf(finisher=_dedupe_associated_files, **options)
    if log.errors:
        raise RenderError("WeasyPrint meldde fouten:\n" + "\n".join(f"- {e}" for e in log.errors))
    return pdf, len(document.pages), tuple(sorted(set(fetcher.fetched)))


def render_report(
    template_name: str,
    context: Mapping[str, Any],
    *,
    pdf_path: Path,
    html_path: Path,
    created: dt.datetime,
    identifier: bytes,
    variant: str | None = None,
    attachments: Sequence[CsvAttachment] = (),
    logger: logging.Logger | logging.LoggerAdapter | None = None,
) -> RenderedReport:
    """Render a template to its PDF and its HTML twin (written only when both succeed)."""
    variant = variant or pdf_variant()
    start = time.perf_counter()
    html = render_html(template_name, context)
    pdf, pages, fetched = html_to_pdf(
        html,
        created=created,
        identifier=identifier,
        variant=variant,
        attachments=attachments,
        logger=logger,
    )
    seconds = time.perf_counter() - start
    write_atomic(html_path, html.encode("utf-8"))
    write_atomic(pdf_path, pdf)
    if logger is not None:
        logger.info(
            f"{pdf_path.name}: {pages} pagina's, {variant}, {seconds:.1f} s "
            f"({seconds / max(pages, 1):.2f} s/pagina)"
        )
    return RenderedReport(pdf_path, html_path, pages, seconds, variant, len(pdf), fetched)
