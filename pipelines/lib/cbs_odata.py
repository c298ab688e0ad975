"""CBS StatLine OData v3 client for table 83102NED (asielverzoeken en nareizigers).

Two ways in, one shape out:

- a delivery in the landing folder: ``<stem>.json`` (the ``TypedDataSet`` envelope) with its
  code lists ``<stem>.Perioden.json`` and ``<stem>.Nationaliteit.json`` beside it, falling back
  to ``Perioden.json`` / ``Nationaliteit.json`` in the same folder (``read_delivery``);
- the live OData service at a configurable base URL, following ``odata.nextLink``
  (``fetch_table``), written to the landing folder as such a delivery (``write_delivery``).

``rows_to_frame`` turns the rows into an all-Utf8 polars frame, values as delivered (keys
stripped of CBS's space padding). Typing is left to the data-contract validation so that a bad
value is reported with its row and column instead of failing here.
"""

from __future__ import annotations

import calendar
import contextlib
import http.client
import json
import os
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import polars as pl

TABLE = "83102NED"

GESLACHT_TOTAAL = "T001038"
LEEFTIJD_TOTAAL = "10000"
NATIONALITEIT_TOTAAL = "T001059"

DIMENSION_COLUMNS: tuple[str, ...] = ("Geslacht", "Leeftijd", "Nationaliteit", "Perioden")
MEASURE_COLUMNS: tuple[str, ...] = (
    "TotaalAsielverzoeken_1",
    "EersteAsielverzoekenPersonen_2",
    "VolgendeAsielverzoeken_3",
    "NareizigersPersonen_4",
)
DATASET_COLUMNS: tuple[str, ...] = ("ID", *DIMENSION_COLUMNS, *MEASURE_COLUMNS)
CODELIST_COLUMNS: tuple[str, ...] = ("PeriodenStatus", "PeriodenTitle", "NationaliteitTitle")
OUTPUT_COLUMNS: tuple[str, ...] = (*DATASET_COLUMNS, *CODELIST_COLUMNS)

CODELISTS: tuple[str, ...] = ("Perioden", "Nationaliteit")

PeriodKind = Literal["maand", "kwartaal", "jaar"]

_PERIOD_RE = re.compile(r"(?P<year>\d{4})(?P<kind>[A-Z]{2})(?P<number>\d{2})")
_PERIOD_KINDS: dict[str, tuple[PeriodKind, int, int]] = {
    "MM": ("maand", 1, 12),
    "KW": ("kwartaal", 1, 4),
    "JJ": ("jaar", 0, 0),
}
_PERIOD_HELP = "expected YYYYMMnn (month 01-12), YYYYKWnn (quarter 01-04) or YYYYJJ00 (year)"


class CbsOdataError(Exception):
    """A CBS OData file or response that cannot be used; the message says where, what and what to do."""


@dataclass(frozen=True)
class Period:
    """A CBS ``Perioden`` code such as ``2025MM05``, ``2025KW02`` or ``2025JJ00``."""

    code: str
    kind: PeriodKind
    year: int
    number: int
    start: date
    end: date


@dataclass
class FetchedTable:
    """All rows of one table and its code lists, every page merged.

    ``pages`` counts the ``TypedDataSet`` pages; ``metadata`` keeps the ``odata.metadata`` URL of
    each resource (``TypedDataSet``, ``Perioden``, ``Nationaliteit``) so a written delivery
    still says where it came from.
    """

    rows: list[dict[str, Any]]
    perioden: list[dict[str, Any]]
    nationaliteit: list[dict[str, Any]]
    pages: int
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Page:
    rows: list[dict[str, Any]]
    next_link: str | None
    metadata: str | None


# --- reading files ------------------------------------------------------------------------


def read_envelope(path: Path) -> list[dict[str, Any]]:
    """The ``value`` rows of one OData JSON file (UTF-8, with or without BOM)."""
    return _read_page(Path(path)).rows


def is_codelist_file(path: Path) -> bool:
    """Whether ``path`` is a code-list file rather than a dataset (the landing scan skips these)."""
    name = Path(path).name
    return any(
        name == f"{codelist}.json" or name.endswith(f".{codelist}.json") for codelist in CODELISTS
    )


def codelist_paths(dataset_path: Path) -> tuple[Path, Path]:
    """The ``(Perioden, Nationaliteit)`` code-list files that belong to ``dataset_path``."""
    dataset_path = Path(dataset_path)
    perioden, nationaliteit = (_codelist_path(dataset_path, name) for name in CODELISTS)
    return perioden, nationaliteit


def read_delivery(dataset_path: Path) -> pl.DataFrame:
    """Read a landed delivery (dataset plus its code lists) into the frame of ``rows_to_frame``."""
    dataset_path = Path(dataset_path)
    perioden_path, nationaliteit_path = codelist_paths(dataset_path)
    dataset, perioden, nationaliteit = (
        _read_complete_page(path) for path in (dataset_path, perioden_path, nationaliteit_path)
    )
    return rows_to_frame(dataset.rows, perioden.rows, nationaliteit.rows)


def _codelist_path(dataset_path: Path, codelist: str) -> Path:
    own = dataset_path.with_name(f"{dataset_path.stem}.{codelist}.json")
    shared = dataset_path.with_name(f"{codelist}.json")
    for candidate in (own, shared):
        if candidate.is_file():
            return candidate
    raise CbsOdataError(
        f"{dataset_path}: code list {codelist} not found (looked for {own.name} and "
        f"{shared.name} in {dataset_path.parent}); deliver the {codelist} code list of "
        f"table {TABLE} beside the dataset"
    )


def _read_page(path: Path) -> _Page:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CbsOdataError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CbsOdataError(
            f"{path}: not valid UTF-8 (byte {exc.start}); deliver the OData JSON as UTF-8"
        ) from exc
    return _parse_page(text, str(path), remedy="deliver a complete CBS OData v3 JSON response")


def _read_complete_page(path: Path) -> _Page:
    page = _read_page(path)
    # A landed file that still points at a next page holds only part of the table; loading it
    # would silently under-count, so it is refused rather than read.
    if page.next_link is not None:
        raise CbsOdataError(
            f"{path}: holds one page of a paged OData response (odata.nextLink = "
            f"{page.next_link}); deliver all pages merged into one file (fetch_table and "
            f"write_delivery do this)"
        )
    return page


def _parse_page(text: str, source: str, *, remedy: str) -> _Page:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CbsOdataError(
            f"{source}: invalid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}); {remedy}"
        ) from exc
    if not isinstance(document, dict) or not isinstance(document.get("value"), list):
        raise CbsOdataError(
            f'{source}: not an OData envelope (expected an object with a "value" array); {remedy}'
        )
    rows: list[Any] = document["value"]
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise CbsOdataError(
                f"{source}: value[{index}] is {type(row).__name__}, expected an object; {remedy}"
            )
    next_link = document.get("odata.nextLink")
    if next_link is not None and not isinstance(next_link, str):
        raise CbsOdataError(f"{source}: odata.nextLink is not a string; {remedy}")
    metadata = document.get("odata.metadata")
    return _Page(rows, next_link, metadata if isinstance(metadata, str) else None)


# --- periods ------------------------------------------------------------------------------


def parse_period(code: str) -> Period:
    """Parse a CBS ``Perioden`` key (surrounding padding allowed) into a :class:`Period`."""
    stripped = code.strip()
    match = _PERIOD_RE.fullmatch(stripped)
    if match is None:
        raise ValueError(f"invalid CBS period code {code!r}: {_PERIOD_HELP}")
    kind_code, year, number = match["kind"], int(match["year"]), int(match["number"])
    if kind_code not in _PERIOD_KINDS:
        raise ValueError(
            f"invalid CBS period code {code!r}: unknown period type {kind_code!r}; {_PERIOD_HELP}"
        )
    kind, low, high = _PERIOD_KINDS[kind_code]
    if not low <= number <= high:
        raise ValueError(
            f"invalid CBS period code {code!r}: {kind} number must be "
            f"{low:02d}-{high:02d}, got {number:02d}; {_PERIOD_HELP}"
        )
    if year < 1:
        raise ValueError(f"invalid CBS period code {code!r}: year must be 0001 or later")
    first_month, last_month = _month_span(kind, number)
    start = date(year, first_month, 1)
    end = date(year, last_month, calendar.monthrange(year, last_month)[1])
    return Period(stripped, kind, year, number, start, end)


def _month_span(kind: PeriodKind, number: int) -> tuple[int, int]:
    if kind == "maand":
        return number, number
    if kind == "kwartaal":
        return 3 * number - 2, 3 * number
    return 1, 12


# --- rows to frame ------------------------------------------------------------------------


def rows_to_frame(
    rows: Sequence[Mapping[str, Any]],
    perioden_rows: Sequence[Mapping[str, Any]],
    nationaliteit_rows: Sequence[Mapping[str, Any]],
) -> pl.DataFrame:
    """The dataset rows as an all-Utf8 frame with code-list status and titles joined on.

    Values are kept as delivered (strings stripped, integers as their decimal text, JSON null as
    null); a field missing from a row is null, a field missing from every row an all-null column.
    Rows keep their delivered order.
    """
    perioden = _codelist_index(perioden_rows)
    nationaliteit = _codelist_index(nationaliteit_rows)
    columns: dict[str, list[str | None]] = {
        name: [_cell(row.get(name)) for row in rows] for name in DATASET_COLUMNS
    }
    periods = columns["Perioden"]
    columns["PeriodenStatus"] = [_lookup(perioden, key, "Status") for key in periods]
    columns["PeriodenTitle"] = [_lookup(perioden, key, "Title") for key in periods]
    columns["NationaliteitTitle"] = [
        _lookup(nationaliteit, key, "Title") for key in columns["Nationaliteit"]
    ]
    return pl.DataFrame(columns, schema={name: pl.Utf8 for name in OUTPUT_COLUMNS})


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _codelist_index(rows: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    index: dict[str, Mapping[str, Any]] = {}
    for row in rows:
        key = _cell(row.get("Key"))
        if key is not None:
            index.setdefault(key, row)
    return index


def _lookup(index: Mapping[str, Mapping[str, Any]], key: str | None, field_name: str) -> str | None:
    entry = index.get(key) if key is not None else None
    return _cell(entry.get(field_name)) if entry is not None else None


# --- fetching from the OData service ------------------------------------------------------


def fetch_table(
    base_url: str,
    table: str = TABLE,
    *,
    timeout: float = 30.0,
    max_pages: int = 1000,
) -> FetchedTable:
    """Fetch a table's ``TypedDataSet`` and its Perioden and Nationaliteit code lists.

    ``base_url`` is the OData root, e.g. ``https://opendata.cbs.nl/ODataApi/odata``. Every
    ``odata.nextLink`` is followed until none is left; each resource may take at most
    ``max_pages`` pages.
    """
    root = f"{base_url.rstrip('/')}/{urllib.parse.quote(table)}"
    fetched = {
        resource: _fetch_resource(f"{root}/{resource}?$format=json", timeout, max_pages)
        for resource in ("TypedDataSet", *CODELISTS)
    }
    dataset = fetched["TypedDataSet"]
    return FetchedTable(
        rows=dataset.rows,
        perioden=fetched["Perioden"].rows,
        nationaliteit=fetched["Nationaliteit"].rows,
        pages=dataset.pages,
        metadata={name: res.metadata for name, res in fetched.items() if res.metadata},
    )


@dataclass(frozen=True)
class _Resource:
    rows: list[dict[str, Any]]
    pages: int
    metadata: str | None


def _fetch_resource(url: str, timeout: float, max_pages: int) -> _Resource:
    first_url = url
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []
    metadata: str | None = None
    next_url: str | None = url
    while next_url is not None:
        if next_url in seen:
            raise CbsOdataError(
                f"{first_url}: odata.nextLink loops back to {next_url}, a page already fetched; "
                f"the service is paging wrongly: retry later or report it to CBS"
            )
        if len(seen) >= max_pages:
            raise CbsOdataError(
                f"{first_url}: more than {max_pages} pages (next: {next_url}); raise max_pages "
                f"if the table really is that large"
            )
        seen.add(next_url)
        page = _parse_page(
            _http_get(next_url, timeout),
            next_url,
            remedy="the service did not return an OData v3 JSON response: check the base URL",
        )
        rows.extend(page.rows)
        metadata = metadata or page.metadata
        next_url = urllib.parse.urljoin(next_url, page.next_link) if page.next_link else None
    return _Resource(rows, len(seen), metadata)


def _http_get(url: str, timeout: float) -> str:
    # urlopen also opens file:// and ftp:// URLs; a nextLink must not be able to make us read
    # local files.
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise CbsOdataError(f"{url}: only http and https URLs are fetched; check the base URL")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body: bytes = response.read()
    except urllib.error.HTTPError as exc:
        raise CbsOdataError(
            f"{url}: HTTP {exc.code} {exc.reason}; check the base URL and table id, or retry "
            f"later if the service is down"
        ) from exc
    except TimeoutError as exc:
        raise _timeout_error(url, timeout) from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise _timeout_error(url, timeout) from exc
        raise CbsOdataError(
            f"{url}: cannot connect ({exc.reason}); check the base URL and the network"
        ) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise CbsOdataError(f"{url}: request failed ({exc!r}); retry later") from exc
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CbsOdataError(f"{url}: response is not UTF-8 (byte {exc.start})") from exc


def _timeout_error(url: str, timeout: float) -> CbsOdataError:
    return CbsOdataError(
        f"{url}: no response within {timeout:g} s; retry later or raise the timeout"
    )


# --- writing a delivery -------------------------------------------------------------------


def write_delivery(fetched: FetchedTable, landing_dir: Path, stem: str) -> Path:
    """Write ``fetched`` into ``landing_dir`` as ``<stem>.json`` plus its two code lists.

    Each file is one OData envelope with all pages merged into ``value``, written atomically.
    Returns the dataset path.
    """
    landing_dir = Path(landing_dir)
    dataset_path = landing_dir / f"{stem}.json"
    if (
        not stem
        or stem.startswith(".")
        or Path(stem).name != stem
        or is_codelist_file(dataset_path)
    ):
        raise CbsOdataError(
            f"invalid delivery stem {stem!r}: use a plain file name that does not start with a "
            f"dot and is not a code-list name ({', '.join(CODELISTS)})"
        )
    landing_dir.mkdir(parents=True, exist_ok=True)
    # Code lists first: once the dataset file appears, a landing scan finds its code lists.
    for codelist, rows in (
        ("Perioden", fetched.perioden),
        ("Nationaliteit", fetched.nationaliteit),
    ):
        document = _envelope(fetched.metadata.get(codelist), rows)
        _write_json_atomic(landing_dir / f"{stem}.{codelist}.json", document)
    _write_json_atomic(dataset_path, _envelope(fetched.metadata.get("TypedDataSet"), fetched.rows))
    return dataset_path


def _envelope(metadata: str | None, rows: list[dict[str, Any]]) -> dict[str, Any]:
    document: dict[str, Any] = {} if metadata is None else {"odata.metadata": metadata}
    document["value"] = rows
    return document


def _write_json_atomic(path: Path, document: Mapping[str, Any]) -> None:
    text = json.dumps(document, ensure_ascii=False) + "\n"
    # The temporary name ends in .tmp, so a landing scan for *.json never picks up a half file.
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)  # mkstemp creates 0600; landed files must stay readable
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
