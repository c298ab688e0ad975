"""CBS StatLine OData v3 client for table 83102NED (asielverzoeken en nareizigers).

Two ways in, one shape out:

- a delivery in the landing folder: ``<stem>.json`` (the ``TypedDataSet`` envelope) with its
  code lists ``<stem>.Perioden.json`` and ``<stem>.Nationaliteit.json`` beside it, falling back
  to ``Perioden.json`` / ``Nationaliteit.json`` in the same folder (``read_delivery``);
- the live OData service at a configurable base URL, following ``odata.nextLink`` on that same
  host only, within one overall deadline and a cap on bytes (``fetch_table``), written to the
  landing folder as such a delivery (``write_delivery``).

``rows_to_frame`` turns the rows into an all-Utf8 polars frame, values as delivered (keys
stripped of CBS's space padding). Typing is left to the data-contract validation so that a bad
value is reported with its row and column instead of failing here.

Messages are Dutch and name files by their name only (never a folder of this machine): they
reach chain partners through `valideer`, the quarantine and the reports.
"""

from __future__ import annotations

import calendar
import contextlib
import http.client
import json
import os
import re
import socket
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import polars as pl

from pipelines.lib import instellingen

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

DEFAULT_DEADLINE_S = 30.0
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
_CHUNK = 64 * 1024
_MAX_REDIRECTS = 5


def deadline_from_env() -> float:
    """KETENMONITOR_CBS_DEADLINE_S: seconds one whole fetch
    (all pages, both code lists) may take."""
    return _positive_env("KETENMONITOR_CBS_DEADLINE_S", DEFAULT_DEADLINE_S)


def max_bytes_from_env() -> int:
    """KETENMONITOR_CBS_MAX_BYTES: the most bytes one whole fetch may bring in."""
    return int(_positive_env("KETENMONITOR_CBS_MAX_BYTES", DEFAULT_MAX_BYTES))


def _positive_env(name: str, default: float) -> float:
    raw = instellingen.waarde(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise CbsOdataError(
            f"instelling {name}={raw!r} is geen getal; gebruik bijvoorbeeld {default:g}"
        ) from None
    if value <= 0:
        raise CbsOdataError(f"instelling {name} moet groter dan 0 zijn, niet {raw}")
    return value


def fetch_table(
    base_url: str,
    table: str = TABLE,
    *,
    timeout: float | None = None,
    max_bytes: int | None = None,
    max_pages: int = 1000,
) -> FetchedTable:
    """Fetch a table's ``TypedDataSet`` and its Perioden and Nationaliteit code lists.

    ``base_url`` is the OData root, e.g. ``https://opendata.cbs.nl/ODataApi/odata``. Every
    ``odata.nextLink`` is followed until none is left, but only to the host of ``base_url``;
    each resource may take at most ``max_pages`` pages. ``timeout`` is one deadline in seconds
    for the whole fetch, however the server trickles its bytes (default: deadline_from_env());
    ``max_bytes`` caps what all responses together may bring (default: max_bytes_from_env()).
    """
    seconds = deadline_from_env() if timeout is None else timeout
    budget = _Budget(
        time.monotonic() + seconds,
        seconds,
        max_bytes if max_bytes is not None else max_bytes_from_env(),
    )
    base = urllib.parse.urlsplit(base_url.rstrip("/"))
    if base.scheme not in ("http", "https") or not base.netloc:
        raise CbsOdataError(
            f"de CBS-adresinstelling {base_url!r} is geen http(s)-adres; "
            "zet KETENMONITOR_CBS_ODATA_URL op de OData-basis, bijvoorbeeld "
            "https://opendata.cbs.nl/ODataApi/odata"
        )
    root = f"{base_url.rstrip('/')}/{urllib.parse.quote(table)}"
    fetched = {
        resource: _fetch_resource(f"{root}/{resource}?$format=json", base, budget, max_pages)
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


@dataclass
class _Budget:
    """What is left of one fetch: the moment it must end and the bytes it may still read."""

    deadline: float
    seconds: float
    max_bytes: int
    used_bytes: int = 0

    def remaining(self, url: str) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise _deadline_error(url, self.seconds)
        return left

    def take(self, url: str, n: int) -> None:
        self.used_bytes += n
        if self.used_bytes > self.max_bytes:
            raise CbsOdataError(
                f"{_where(url)}: het antwoord van CBS is groter dan {self.max_bytes:,} bytes "
                "(KETENMONITOR_CBS_MAX_BYTES); het ophalen is gestopt. Verhoog de grens als de "
                "tabel echt zo groot is; de run gaat verder met de landingsmap"
            )


@dataclass(frozen=True)
class _Resource:
    rows: list[dict[str, Any]]
    pages: int
    metadata: str | None


def _where(url: str) -> str:
    """A URL as shown in messages: host and path, without the query."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.netloc}{parts.path}"


def _same_host(url: str, base: urllib.parse.SplitResult) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == base.netloc.lower()


def _fetch_resource(
    url: str, base: urllib.parse.SplitResult, budget: _Budget, max_pages: int
) -> _Resource:
    first_url = url
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []
    metadata: str | None = None
    next_url: str | None = url
    while next_url is not None:
        if not _same_host(next_url, base):
            raise CbsOdataError(
                f"{_where(first_url)}: odata.nextLink wijst naar een ander adres "
                f"({urllib.parse.urlsplit(next_url).scheme}://"
                f"{urllib.parse.urlsplit(next_url).netloc or '?'}); "
                f"alleen {base.netloc} wordt gevolgd. Controleer het basisadres of meld het aan CBS"
            )
        if next_url in seen:
            raise CbsOdataError(
                f"{_where(first_url)}: odata.nextLink verwijst terug naar een pagina die al "
                "is opgehaald; de dienst pagineert verkeerd: probeer het later opnieuw of "
                "meld het aan CBS"
            )
        if len(seen) >= max_pages:
            raise CbsOdataError(
                f"{_where(first_url)}: meer dan {max_pages} pagina's; verhoog max_pages als de "
                "tabel echt zo groot is"
            )
        seen.add(next_url)
        page = _parse_page(
            _http_get(next_url, base, budget),
            _where(next_url),
            remedy="de dienst gaf geen OData v3 JSON-antwoord: controleer het basisadres",
        )
        rows.extend(page.rows)
        metadata = metadata or page.metadata
        next_url = urllib.parse.urljoin(next_url, page.next_link) if page.next_link else None
    return _Resource(rows, len(seen), metadata)


def _http_get(url: str, base: urllib.parse.SplitResult, budget: _Budget) -> str:
    """GET one URL within what is left of the budget; follows redirects on the base host only."""
    for _ in range(_MAX_REDIRECTS + 1):
        status, reason, location, body = _http_get_once(url, budget)
        if status in (301, 302, 303, 307, 308) and location:
            target = urllib.parse.urljoin(url, location)
            if not _same_host(target, base):
                raise CbsOdataError(
                    f"{_where(url)}: de dienst stuurt door naar een ander adres; "
                    f"alleen {base.netloc} wordt gevolgd. Controleer het basisadres"
                )
            url = target
            continue
        if status >= 400:
            raise CbsOdataError(
                f"{_where(url)}: HTTP {status} {reason}; controleer het basisadres en de "
                "tabelcode, of probeer het later opnieuw als de dienst niet beschikbaar is"
            )
        try:
            return body.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CbsOdataError(
                f"{_where(url)}: het antwoord is geen UTF-8 (byte {exc.start})"
            ) from exc
    raise CbsOdataError(
        f"{_where(url)}: meer dan {_MAX_REDIRECTS} doorverwijzingen; controleer het basisadres"
    )


def _http_get_once(url: str, budget: _Budget) -> tuple[int, str, str | None, bytes]:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise CbsOdataError(
            f"{_where(url)}: alleen http- en https-adressen worden opgehaald; "
            "controleer het basisadres"
        )
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname or "", parts.port, timeout=budget.remaining(url))
    target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    # A socket timeout bounds each read, not the sum of them: a server that sends one byte just
    # within every timeout would keep us forever. A timer shuts the socket at the deadline.
    expired = threading.Event()
    # getresponse() hands the socket to the response (connection.sock becomes None for an
    # HTTP/1.0 reply), so keep our own reference to it.
    sockets: list[socket.socket] = []

    def cut_off() -> None:
        expired.set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(budget.remaining(url), cut_off)
    timer.daemon = True
    timer.start()
    response: http.client.HTTPResponse | None = None
    try:
        connection.connect()
        if connection.sock is not None:
            sockets.append(connection.sock)
        if expired.is_set():
            raise _deadline_error(url, budget.seconds)
        connection.request(
            "GET", target, headers={"Accept": "application/json", "Accept-Encoding": "identity"}
        )
        response = connection.getresponse()
        declared = response.getheader("Content-Length") or ""
        if declared.isdigit() and budget.used_bytes + int(declared) > budget.max_bytes:
            budget.take(url, int(declared))  # refuses before reading a byte of the body
        chunks: list[bytes] = []
        while True:
            for sock in sockets:
                sock.settimeout(budget.remaining(url))
            chunk = response.read1(_CHUNK)
            if not chunk:
                break
            budget.take(url, len(chunk))
            chunks.append(chunk)
        if expired.is_set():
            raise _deadline_error(url, budget.seconds)
        return response.status, response.reason, response.getheader("Location"), b"".join(chunks)
    except CbsOdataError:
        raise
    except (TimeoutError, OSError, http.client.HTTPException) as exc:
        if expired.is_set() or isinstance(exc, TimeoutError) or time.monotonic() >= budget.deadline:
            raise _deadline_error(url, budget.seconds) from exc
        if isinstance(exc, OSError) and not isinstance(exc, http.client.HTTPException):
            raise CbsOdataError(
                f"{_where(url)}: geen verbinding ({exc.strerror or type(exc).__name__}); "
                "controleer het basisadres en het netwerk"
            ) from exc
        raise CbsOdataError(
            f"{_where(url)}: het verzoek mislukte ({type(exc).__name__}); probeer het later opnieuw"
        ) from exc
    finally:
        timer.cancel()
        # the response holds its own reference to the socket: close both, or the server never hears
        if response is not None:
            response.close()
        connection.close()


def _deadline_error(url: str, seconds: float) -> CbsOdataError:
    return CbsOdataError(
        f"{_where(url)}: CBS antwoordde niet volledig binnen {seconds:g} s "
        "(KETENMONITOR_CBS_DEADLINE_S); het ophalen is afgebroken. Probeer het later opnieuw of "
        "verhoog de termijn; de run gaat verder met de landingsmap"
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
