"""Fetching a CBS StatLine table over OData v3: every page and both code lists within one
deadline and one byte budget, same host only, each reply read as a complete JSON page
(pipelines/lib/cbs_odata.py turns the pages into a delivery)."""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any

from pipelines.lib import instellingen
from pipelines.lib.cbs_odata import (
    CODELISTS,
    TABLE,
    CbsOdataError,
    FetchedTable,
    _parse_page,
)

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
