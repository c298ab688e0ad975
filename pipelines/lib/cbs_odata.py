"""CBS StatLine OData v3 client for table 83102NED (asielverzoeken en nareizigers).

Two ways in, one shape out:

- a delivery in the landing folder: ``<stem>.json`` (the ``TypedDataSet`` envelope) with its
  code lists ``<stem>.Perioden.json`` and ``<stem>.Nationaliteit.json`` beside it, falling back
  to ``Perioden.json`` / ``Nationaliteit.json`` in the same folder (``read_delivery``);
- the live OData service at a configurable base URL, following ``odata.nextLink`` on that same
  host only, within one overall deadline and a cap on bytes (``cbs_ophalen.fetch_table``),
  written to the landing folder as such a delivery (``write_delivery``).

``rows_to_frame`` turns the rows into an all-Utf8 polars frame, values as delivered (keys
stripped of CBS's space padding). Typing is left to the data-contract validation so that a bad
value is reported with its row and column instead of failing here.

Messages are Dutch and name files by their name only (never a folder of this machine): they
reach chain partners through `valideer`, the quarantine and the reports.
"""

from __future__ import annotations

import calendar
import contextlib
import json
import os
import re
import tempfile
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
_PERIOD_HELP = "verwacht JJJJMMnn (maand 01-12), JJJJKWnn (kwartaal 01-04) of JJJJJJ00 (jaar)"


class CbsOdataError(Exception):
    """A CBS OData file or response that cannot be used;
    the message says where, what and what to do."""


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
    # The dataset first: a broken envelope is that defect, not a missing code list.
    dataset = _read_complete_page(dataset_path)
    perioden, nationaliteit = (_read_complete_page(path) for path in codelist_paths(dataset_path))
    return rows_to_frame(dataset.rows, perioden.rows, nationaliteit.rows)


def _codelist_path(dataset_path: Path, codelist: str) -> Path:
    own = dataset_path.with_name(f"{dataset_path.stem}.{codelist}.json")
    shared = dataset_path.with_name(f"{codelist}.json")
    for candidate in (own, shared):
        if candidate.is_symlink():
            raise CbsOdataError(
                f"de codelijst {candidate.name} is een symbolische koppeling (symlink) "
                f"en wordt niet gelezen; lever de codelijst zelf aan naast {dataset_path.name}"
            )
        if candidate.is_file():
            return candidate
    raise CbsOdataError(
        f"de codelijst {codelist} ontbreekt (gezocht: {own.name} en {shared.name} naast "
        f"{dataset_path.name}); lever de codelijst {codelist} van tabel {TABLE} mee in dezelfde map"
    )


_FILE_REMEDY = "lever een volledig CBS OData v3 JSON-antwoord aan"


def _read_page(path: Path) -> _Page:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CbsOdataError(
            f"{path.name}: het bestand is niet leesbaar ({exc.strerror or 'onbekende fout'})"
        ) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CbsOdataError(
            f"{path.name}: geen geldige UTF-8 (byte {exc.start}); lever de OData-JSON aan als UTF-8"
        ) from exc
    return _parse_page(text, path.name, remedy=_FILE_REMEDY)


def _read_complete_page(path: Path) -> _Page:
    page = _read_page(path)
    # A landed file that still points at a next page holds only part of the table; loading it
    # would silently under-count, so it is refused rather than read.
    if page.next_link is not None:
        raise CbsOdataError(
            f"{path.name}: bevat één pagina van een OData-antwoord in delen (er staat een "
            f"odata.nextLink in); lever alle pagina's samengevoegd in één bestand aan"
        )
    return page


class _DuplicateMember(ValueError):
    pass


def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two equal members silently; a second "value" array would then
    # replace the first without anyone noticing.
    document: dict[str, Any] = {}
    for key, value in pairs:
        if key in document:
            raise _DuplicateMember(key)
        document[key] = value
    return document


_JSON_TYPES = {
    "dict": "een object",
    "list": "een lijst",
    "str": "een tekst",
    "int": "een getal",
    "float": "een getal",
    "bool": "een waarheidswaarde",
    "NoneType": "null",
}


def _parse_page(text: str, source: str, *, remedy: str) -> _Page:
    try:
        document = json.loads(text, object_pairs_hook=_unique_members)
    except _DuplicateMember as exc:
        raise CbsOdataError(
            f'{source}: het JSON-lid "{exc.args[0]}" komt twee keer voor in hetzelfde object; '
            f"welke van de twee geldt is niet te zeggen; {remedy}"
        ) from exc
    except json.JSONDecodeError as exc:
        raise CbsOdataError(
            f"{source}: ongeldige JSON op regel {exc.lineno}, kolom {exc.colno}; {remedy}"
        ) from exc
    if not isinstance(document, dict) or not isinstance(document.get("value"), list):
        raise CbsOdataError(
            f'{source}: geen OData-envelop (verwacht een object met een lijst "value"); {remedy}'
        )
    rows: list[Any] = document["value"]
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise CbsOdataError(
                f"{source}: value[{index}] is "
                f"{_JSON_TYPES.get(type(row).__name__, 'geen object')}, verwacht een object "
                f"per rij; {remedy}"
            )
    next_link = document.get("odata.nextLink")
    if next_link is not None and not isinstance(next_link, str):
        raise CbsOdataError(f"{source}: odata.nextLink is geen tekst; {remedy}")
    metadata = document.get("odata.metadata")
    return _Page(rows, next_link, metadata if isinstance(metadata, str) else None)


# --- periods ------------------------------------------------------------------------------


def parse_period(code: str) -> Period:
    """Parse a CBS ``Perioden`` key (surrounding padding allowed) into a :class:`Period`."""
    stripped = code.strip()
    match = _PERIOD_RE.fullmatch(stripped)
    if match is None:
        raise ValueError(f"ongeldige CBS-periodecode {code!r}: {_PERIOD_HELP}")
    kind_code, year, number = match["kind"], int(match["year"]), int(match["number"])
    if kind_code not in _PERIOD_KINDS:
        raise ValueError(
            f"ongeldige CBS-periodecode {code!r}: onbekende periodesoort "
            f"{kind_code!r}; {_PERIOD_HELP}"
        )
    kind, low, high = _PERIOD_KINDS[kind_code]
    if not low <= number <= high:
        raise ValueError(
            f"ongeldige CBS-periodecode {code!r}: {kind}nummer moet "
            f"{low:02d}-{high:02d} zijn, niet {number:02d}; {_PERIOD_HELP}"
        )
    if year < 1:
        raise ValueError(f"ongeldige CBS-periodecode {code!r}: het jaar moet 0001 of later zijn")
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
            f"ongeldige bestandsnaam {stem!r} voor een levering: gebruik een gewone naam die niet "
            f"met een punt begint en geen codelijstnaam is ({', '.join(CODELISTS)})"
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
