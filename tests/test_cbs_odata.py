"""Tests for pipelines.lib.cbs_odata against a real local HTTP server.

The pages in tests/fixtures/cbs_odata/ have the shape of CBS StatLine OData v3 responses for
table 83102NED; the figures are synthetic (internally consistent: totals add up), and the
nationality codes are those of data/reference/nationaliteiten.csv. ``{base}`` in a page is replaced
by the local server's OData root, as CBS puts its own absolute URL in ``odata.nextLink``.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import polars as pl
import pytest

from pipelines.lib.cbs_odata import (
    OUTPUT_COLUMNS,
    CbsOdataError,
    FetchedTable,
    Period,
    codelist_paths,
    is_codelist_file,
    parse_period,
    read_delivery,
    read_envelope,
    rows_to_frame,
    write_delivery,
)
from pipelines.lib.cbs_ophalen import fetch_table
from tests import verslag

FIXTURES = Path(__file__).parent / "fixtures" / "cbs_odata"
DATASET = "/odata/83102NED/TypedDataSet?$format=json"


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: str = ""
    delay: float = 0.0


class FakeCbs:
    """Routes request targets (path plus query) to canned replies; records what was asked."""

    def __init__(self) -> None:
        self.base = ""  # set once the server has its port
        self.routes: dict[str, Reply] = {}
        self.requests: list[str] = []

    def recorded(self, name: str) -> Reply:
        return Reply(
            body=(FIXTURES / name).read_text(encoding="utf-8").replace("{base}", self.base)
        )

    def serve_83102ned(self) -> None:
        pages = ["", "&$skip=4", "&$skip=8"]
        for number, skip in enumerate(pages, start=1):
            self.routes[DATASET + skip] = self.recorded(f"83102NED.TypedDataSet.page{number}.json")
        for codelist in ("Perioden", "Nationaliteit"):
            self.routes[f"/odata/83102NED/{codelist}?$format=json"] = self.recorded(
                f"83102NED.{codelist}.json"
            )


class _QuietServer(ThreadingHTTPServer):
    # Do not wait for a deliberately slow handler when the test is already done.
    block_on_close = False


def _handler_for(fake: FakeCbs) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            fake.requests.append(self.path)
            reply = fake.routes.get(self.path, Reply(404, '{"odata.error": "not found"}'))
            time.sleep(reply.delay)
            body = reply.body.encode("utf-8")
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture(scope="module")
def cbs_server() -> Iterator[FakeCbs]:
    fake = FakeCbs()
    server = _QuietServer(("127.0.0.1", 0), _handler_for(fake))
    fake.base = f"http://127.0.0.1:{server.server_address[1]}/odata"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def cbs(cbs_server: FakeCbs) -> FakeCbs:
    cbs_server.routes.clear()
    cbs_server.requests.clear()
    return cbs_server


@pytest.fixture
def fetched(cbs: FakeCbs) -> FetchedTable:
    cbs.serve_83102ned()
    return fetch_table(cbs.base, timeout=5)


def _write_json(path: Path, document: object, *, bom: bool = False) -> Path:
    path.write_text(("\ufeff" if bom else "") + json.dumps(document), encoding="utf-8")
    return path


# --- fetching -----------------------------------------------------------------------------


def test_fetch_follows_every_next_link_and_merges_pages(
    cbs: FakeCbs, fetched: FetchedTable
) -> None:
    assert fetched.pages == 3
    assert len(fetched.rows) == 10
    assert (fetched.rows[0]["ID"], fetched.rows[-1]["ID"]) == (0, 9)
    assert [row["ID"] for row in fetched.rows] == list(range(10))
    assert fetched.perioden[0]["Key"] == "2024JJ00"
    assert len(fetched.nationaliteit) == 4
    assert cbs.requests[:3] == [DATASET, DATASET + "&$skip=4", DATASET + "&$skip=8"]
    assert fetched.metadata["TypedDataSet"].startswith(cbs.base)


def test_frame_trims_keys_and_maps_statuses_and_titles(fetched: FetchedTable) -> None:
    frame = rows_to_frame(fetched.rows, fetched.perioden, fetched.nationaliteit)

    assert frame.columns == list(OUTPUT_COLUMNS)
    assert all(dtype == pl.Utf8 for dtype in frame.dtypes)
    assert frame["ID"].to_list() == [str(i) for i in range(10)]
    assert set(frame["Geslacht"]) == {"T001038", "3000", "4000"}
    assert set(frame["Leeftijd"]) == {"10000"}
    statuses = dict(zip(frame["Perioden"], frame["PeriodenStatus"], strict=True))
    assert statuses == {
        "2024JJ00": "Definitief",
        "2025KW01": "Nader voorlopig",
        "2025MM04": "Nader voorlopig",
        "2025KW02": "Voorlopig",
        "2025MM05": "Voorlopig",
    }
    turks = frame.row(7, named=True)
    assert turks["NationaliteitTitle"] == "Turks"
    assert turks["PeriodenTitle"] == "2025 mei"
    assert turks["NareizigersPersonen_4"] is None
    assert turks["TotaalAsielverzoeken_1"] == "240"


def test_frame_keeps_bad_and_missing_values_for_the_contract_to_report() -> None:
    rows = [
        {"ID": 0, "Geslacht": "T001038", "Perioden": "2031MM01", "TotaalAsielverzoeken_1": "12x"},
        {"ID": 1, "Nationaliteit": "T001059 ", "TotaalAsielverzoeken_1": 4.5},
    ]
    frame = rows_to_frame(rows, [], [{"Key": "T001059", "Title": "Totaal nationaliteiten"}])

    assert frame.columns == list(OUTPUT_COLUMNS)
    assert frame["TotaalAsielverzoeken_1"].to_list() == ["12x", "4.5"]
    assert frame["Leeftijd"].null_count() == 2  # absent from every row, still a column
    assert frame["PeriodenStatus"].to_list() == [None, None]  # period not in the code list
    assert frame["NationaliteitTitle"].to_list() == [None, "Totaal nationaliteiten"]


def test_empty_delivery_gives_empty_frame_with_all_columns() -> None:
    frame = rows_to_frame([], [], [])
    assert frame.height == 0
    assert frame.columns == list(OUTPUT_COLUMNS)


def test_http_500_names_url_and_status(cbs: FakeCbs) -> None:
    cbs.routes["/odata/83102NED/TypedDataSet?$format=json"] = Reply(500, "Internal Server Error")

    with pytest.raises(CbsOdataError) as raised:
        fetch_table(cbs.base, timeout=5)

    assert f"{cbs.base.removeprefix('http://')}/83102NED/TypedDataSet:" in str(raised.value)
    assert "HTTP 500" in str(raised.value)


def test_unknown_table_is_an_http_error(cbs: FakeCbs) -> None:
    with pytest.raises(CbsOdataError, match=r"99999NED/TypedDataSet.*HTTP 404"):
        fetch_table(cbs.base, "99999NED", timeout=5)


def test_next_link_loop_is_detected(cbs: FakeCbs) -> None:
    cbs.serve_83102ned()
    looping = {
        "value": [{"ID": 0}],
        "odata.nextLink": f"{cbs.base}/83102NED/TypedDataSet?$format=json",
    }
    cbs.routes[DATASET] = Reply(body=json.dumps(looping))

    with pytest.raises(CbsOdataError, match="verwijst terug naar een pagina die al is opgehaald"):
        fetch_table(cbs.base, timeout=5)
    assert cbs.requests == [DATASET]
    verslag.noteer(
        "aanval",
        "CBS-vervolglinks in een kring",
        {
            "uitkomst": "herkend en afgebroken",
            "buitenbytes_in_warehouse_of_quarantaine": False,
            "pad_in_melding": None,
        },
    )


def test_more_pages_than_allowed_is_an_error(cbs: FakeCbs) -> None:
    cbs.serve_83102ned()
    with pytest.raises(CbsOdataError, match="meer dan 2 pagina's"):
        fetch_table(cbs.base, timeout=5, max_pages=2)


def test_invalid_json_response_names_the_url(cbs: FakeCbs) -> None:
    cbs.routes[DATASET] = Reply(body="<html>Onderhoud</html>")
    with pytest.raises(CbsOdataError, match=r"TypedDataSet: ongeldige JSON op regel 1"):
        fetch_table(cbs.base, timeout=5)


def test_timeout_is_an_error(cbs: FakeCbs) -> None:
    cbs.routes[DATASET] = Reply(body='{"value": []}', delay=1.0)
    with pytest.raises(
        CbsOdataError, match="niet volledig binnen 0.2 s"
    ):  # cut off, not waited for
        fetch_table(cbs.base, timeout=0.2)
    verslag.noteer(
        "aanval",
        "CBS-server antwoordt te traag",
        {
            "uitkomst": "afgebroken op de deadline, niet gewacht",
            "buitenbytes_in_warehouse_of_quarantaine": False,
            "pad_in_melding": None,
        },
    )


def test_next_link_to_a_local_file_is_refused(cbs: FakeCbs) -> None:
    cbs.routes[DATASET] = Reply(
        body=json.dumps({"value": [], "odata.nextLink": "file:///etc/passwd"})
    )
    with pytest.raises(CbsOdataError, match="wijst naar een ander adres"):
        fetch_table(cbs.base, timeout=5)
    verslag.noteer(
        "aanval",
        "CBS-vervolglink naar file:///etc/passwd",
        {
            "uitkomst": "geweigerd, niet gevolgd",
            "buitenbytes_in_warehouse_of_quarantaine": False,
            "pad_in_melding": None,
        },
    )


# --- writing and reading deliveries -------------------------------------------------------


def test_write_then_read_delivery_round_trips(fetched: FetchedTable, tmp_path: Path) -> None:
    landing = tmp_path / "landing" / "cbs_asielverzoeken"

    dataset = write_delivery(fetched, landing, "83102NED_2025-06")

    assert dataset == landing / "83102NED_2025-06.json"
    assert sorted(path.name for path in landing.iterdir()) == [
        "83102NED_2025-06.Nationaliteit.json",
        "83102NED_2025-06.Perioden.json",
        "83102NED_2025-06.json",
    ]
    assert read_envelope(dataset) == fetched.rows
    assert "odata.nextLink" not in json.loads(dataset.read_text(encoding="utf-8"))
    expected = rows_to_frame(fetched.rows, fetched.perioden, fetched.nationaliteit)
    assert read_delivery(dataset).equals(expected)


def test_write_delivery_is_deterministic(fetched: FetchedTable, tmp_path: Path) -> None:
    first = write_delivery(fetched, tmp_path / "a", "levering").read_bytes()
    second = write_delivery(fetched, tmp_path / "b", "levering").read_bytes()
    assert first == second
    assert first.startswith(b'{"odata.metadata": ')


@pytest.mark.parametrize("stem", ["", "Perioden", "x.Nationaliteit", "../escape", ".hidden"])
def test_write_delivery_refuses_bad_stems(fetched: FetchedTable, tmp_path: Path, stem: str) -> None:
    with pytest.raises(CbsOdataError, match="ongeldige bestandsnaam"):
        write_delivery(fetched, tmp_path, stem)
    assert list(tmp_path.iterdir()) == []
    if stem == "../escape":
        verslag.noteer(
            "aanval",
            "CBS-levering wegschrijven onder de naam '../escape'",
            {
                "uitkomst": "geweigerd, niets geschreven",
                "buitenbytes_in_warehouse_of_quarantaine": False,
                "pad_in_melding": None,
            },
        )


def test_codelist_fallback_to_shared_files(fetched: FetchedTable, tmp_path: Path) -> None:
    dataset = _write_json(tmp_path / "levering.json", {"value": fetched.rows})
    _write_json(tmp_path / "Perioden.json", {"value": fetched.perioden})
    _write_json(tmp_path / "Nationaliteit.json", {"value": fetched.nationaliteit})
    own = _write_json(tmp_path / "levering.Perioden.json", {"value": []})

    assert codelist_paths(dataset) == (own, tmp_path / "Nationaliteit.json")
    own.unlink()
    assert codelist_paths(dataset) == (tmp_path / "Perioden.json", tmp_path / "Nationaliteit.json")
    assert read_delivery(dataset)["PeriodenStatus"].null_count() == 0


def test_missing_codelist_is_an_error_naming_what_to_deliver(tmp_path: Path) -> None:
    dataset = _write_json(tmp_path / "levering.json", {"value": []})
    _write_json(tmp_path / "Perioden.json", {"value": []})
    with pytest.raises(CbsOdataError, match=r"de codelijst Nationaliteit ontbreekt") as raised:
        codelist_paths(dataset)
    assert "levering.json" in str(raised.value) and str(tmp_path) not in str(raised.value)


def test_is_codelist_file() -> None:
    assert is_codelist_file(Path("Perioden.json"))
    assert is_codelist_file(Path("/landing/x.Nationaliteit.json"))
    assert not is_codelist_file(Path("83102NED_2025-06.json"))
    assert not is_codelist_file(Path("MijnPerioden.json"))


def test_bom_prefixed_file_reads_fine(tmp_path: Path) -> None:
    path = _write_json(
        tmp_path / "bom.json", {"value": [{"ID": 1, "Geslacht": "T001038 "}]}, bom=True
    )
    assert read_envelope(path) == [{"ID": 1, "Geslacht": "T001038 "}]


def test_invalid_json_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "kapot.json"
    path.write_text('{"value": [\n  {"ID": 0},\n  {"ID": 1,,}\n]}', encoding="utf-8")
    with pytest.raises(CbsOdataError, match=r"kapot\.json: ongeldige JSON op regel 3, kolom \d+"):
        read_envelope(path)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"odata.metadata": "x"}, 'verwacht een object met een lijst "value"'),
        ([{"ID": 0}], 'verwacht een object met een lijst "value"'),
        ({"value": [{"ID": 0}, 17]}, r"value\[1\] is een getal, verwacht een object"),
    ],
)
def test_envelope_shape_errors(tmp_path: Path, document: object, message: str) -> None:
    path = _write_json(tmp_path / "levering.json", document)
    with pytest.raises(CbsOdataError, match=message):
        read_envelope(path)


def test_landed_single_page_is_refused(tmp_path: Path) -> None:
    dataset = _write_json(
        tmp_path / "p1.json", {"value": [], "odata.nextLink": "https://x/?$skip=4"}
    )
    _write_json(tmp_path / "Perioden.json", {"value": []})
    _write_json(tmp_path / "Nationaliteit.json", {"value": []})
    with pytest.raises(CbsOdataError, match="bevat één pagina van een OData-antwoord in delen"):
        read_delivery(dataset)


# --- periods ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("2025MM05", Period("2025MM05", "maand", 2025, 5, date(2025, 5, 1), date(2025, 5, 31))),
        ("2024MM02", Period("2024MM02", "maand", 2024, 2, date(2024, 2, 1), date(2024, 2, 29))),
        ("2025KW02", Period("2025KW02", "kwartaal", 2025, 2, date(2025, 4, 1), date(2025, 6, 30))),
        (
            "2025KW04",
            Period("2025KW04", "kwartaal", 2025, 4, date(2025, 10, 1), date(2025, 12, 31)),
        ),
        ("2025JJ00", Period("2025JJ00", "jaar", 2025, 0, date(2025, 1, 1), date(2025, 12, 31))),
        ("2025MM05  ", Period("2025MM05", "maand", 2025, 5, date(2025, 5, 1), date(2025, 5, 31))),
    ],
)
def test_parse_period(code: str, expected: Period) -> None:
    assert parse_period(code) == expected


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("2025MM13", "maandnummer moet 01-12 zijn, niet 13"),
        ("2025MM00", "maandnummer moet 01-12 zijn, niet 00"),
        ("2025KW05", "kwartaalnummer moet 01-04 zijn, niet 05"),
        ("2025JJ01", "jaarnummer moet 00-00 zijn, niet 01"),
        ("2025XX01", "onbekende periodesoort 'XX'"),
        ("2025-05", "ongeldige CBS-periodecode '2025-05'"),
        ("", "ongeldige CBS-periodecode ''"),
    ],
)
def test_parse_period_rejects_malformed_codes(code: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_period(code)


# --- the connector inside the pipeline ------------------------------------------------------


def test_ingest_asset_fetches_from_configured_odata_url(
    cbs: FakeCbs, ketenmonitor_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dagster as dg

    from pipelines.defs.ingest.assets import ingest_assets
    from pipelines.defs.shared import Warehouse
    from pipelines.lib import paths, warehouse

    cbs.serve_83102ned()
    monkeypatch.setenv("KETENMONITOR_CBS_ODATA_URL", cbs.base)
    asset = next(a for a in ingest_assets if a.key.to_user_string() == "raw_cbs_asielverzoeken")

    def run() -> None:
        with dg.DagsterInstance.ephemeral() as instance:
            result = dg.materialize(
                [asset], instance=instance, resources={"warehouse_db": Warehouse()}
            )
        assert result.success

    run()
    run()  # the same table again: a new file of the same content is a no-op

    downloaded = sorted((paths.downloads_dir() / "cbs_asielverzoeken").glob("*.json"))
    assert [p.name.split("_")[0] for p in downloaded] == ["83102NED"] * 3  # data + 2 code lists
    with warehouse.connect(read_only=True) as conn:
        deliveries = conn.execute("select status, row_count from meta.deliveries").fetchall()
        rows = conn.execute("select count(*) from raw.cbs_asielverzoeken").fetchone()[0]
    assert deliveries == [("accepted", rows)] and rows > 0
    assert any("TypedDataSet" in r for r in cbs.requests)


# --- bounded fetch: deadline, byte cap, host ------------------------------------------------


class _Drip:
    """A server that sends its headers (or its status line) and then one byte at a time."""

    def __init__(self, phase: str) -> None:
        self.phase = phase
        self.sent = 0
        self.total = 2000
        self.cut = threading.Event()
        self.requests: list[str] = []

    def handler(self) -> type[BaseHTTPRequestHandler]:
        drip = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                drip.requests.append(self.path)
                try:
                    if drip.phase == "headers":
                        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                        payload = b"Content-Type: application/json\r\n" * 100
                    else:
                        self.send_response(200)
                        self.send_header("Content-Type", "application/json")
                        self.send_header("Content-Length", str(drip.total))
                        self.end_headers()
                        payload = b'{"value": [' + b" " * (drip.total - 13) + b"]}"
                    for byte in payload:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        drip.sent += 1
                        time.sleep(0.05)
                except (BrokenPipeError, ConnectionResetError):
                    drip.cut.set()

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


@pytest.fixture
def drip_server(request: pytest.FixtureRequest) -> Iterator[tuple[_Drip, str]]:
    drip = _Drip(request.param)
    server = _QuietServer(("127.0.0.1", 0), drip.handler())
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield drip, f"http://127.0.0.1:{server.server_address[1]}/odata"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("drip_server", ["body", "headers"], indirect=True)
def test_a_drip_feeding_server_is_cut_off_at_the_deadline(drip_server: tuple[_Drip, str]) -> None:
    """One byte every 50 ms never trips a per-read timeout; the overall deadline (2 s) does."""
    drip, base = drip_server
    with pytest.raises(CbsOdataError, match="niet volledig binnen 2 s") as raised:
        fetch_table(base, timeout=2)
    assert "KETENMONITOR_CBS_DEADLINE_S" in str(raised.value)
    assert "landingsmap" in str(raised.value)
    assert drip.cut.wait(20), "the client hung up; the server noticed on its next write"
    assert drip.sent < drip.total and drip.sent < 1000, (
        "cut off long before the response was complete"
    )
    assert len(drip.requests) == 1


def test_the_deadline_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines.lib import cbs_ophalen

    assert cbs_ophalen.deadline_from_env() == 30.0
    monkeypatch.setenv("KETENMONITOR_CBS_DEADLINE_S", "2.5")
    assert cbs_ophalen.deadline_from_env() == 2.5
    monkeypatch.setenv("KETENMONITOR_CBS_DEADLINE_S", "dertig")
    with pytest.raises(CbsOdataError, match="KETENMONITOR_CBS_DEADLINE_S='dertig' is geen getal"):
        cbs_ophalen.deadline_from_env()


def test_more_bytes_than_the_cap_is_an_error(cbs: FakeCbs) -> None:
    cbs.serve_83102ned()
    with pytest.raises(
        CbsOdataError, match=r"groter dan 1,000 bytes \(KETENMONITOR_CBS_MAX_BYTES\)"
    ):
        fetch_table(cbs.base, timeout=5, max_bytes=1000)
    fetch_table(cbs.base, timeout=5, max_bytes=10_000_000)
    verslag.noteer(
        "aanval",
        "CBS-antwoord groter dan KETENMONITOR_CBS_MAX_BYTES",
        {
            "uitkomst": "afgebroken bij de grens",
            "buitenbytes_in_warehouse_of_quarantaine": False,
            "pad_in_melding": None,
        },
    )


def test_next_link_to_another_host_is_not_followed(cbs: FakeCbs) -> None:
    cbs.routes[DATASET] = Reply(
        body=json.dumps(
            {
                "value": [{"ID": 0}],
                "odata.nextLink": "http://127.0.0.2:9/odata/83102NED/TypedDataSet?x",
            }
        )
    )
    with pytest.raises(
        CbsOdataError,
        match=r"ander adres \(http://127.0.0.2:9\); alleen 127.0.0.1:\d+ wordt gevolgd",
    ):
        fetch_table(cbs.base, timeout=5)
    assert cbs.requests == [DATASET]


def test_duplicate_json_members_are_an_error(tmp_path: Path) -> None:
    """A second "value" array must not silently replace the first."""
    path = tmp_path / "dubbel.json"
    path.write_text(
        '{"odata.metadata": "x", "value": [{"ID": 1}], "value": [{"ID": 2}]}', encoding="utf-8"
    )
    with pytest.raises(
        CbsOdataError, match='dubbel.json: het JSON-lid "value" komt twee keer voor'
    ):
        read_envelope(path)
    path.write_text(
        '{"value": [{"ID": 1, "Perioden": "2025MM01", "Perioden": "2025MM02"}]}', encoding="utf-8"
    )
    with pytest.raises(CbsOdataError, match='het JSON-lid "Perioden" komt twee keer voor'):
        read_envelope(path)


def test_duplicate_members_in_a_response_are_an_error(cbs: FakeCbs) -> None:
    cbs.serve_83102ned()
    cbs.routes[DATASET] = Reply(body='{"value": [], "value": [{"ID": 9}]}')
    with pytest.raises(
        CbsOdataError, match='TypedDataSet: het JSON-lid "value" komt twee keer voor'
    ):
        fetch_table(cbs.base, timeout=5)


@pytest.mark.parametrize("drip_server", ["body"], indirect=True)
def test_a_stuck_cbs_service_does_not_stop_the_run(
    drip_server: tuple[_Drip, str], ketenmonitor_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ingest asset gives up at the deadline and loads what the landing folder holds."""
    import dagster as dg

    from pipelines.defs.ingest.assets import ingest_assets
    from pipelines.defs.shared import Warehouse
    from pipelines.lib import warehouse
    from tests.deliveries import write_good

    _, base = drip_server
    write_good("cbs_asielverzoeken", ketenmonitor_env / "landing")
    monkeypatch.setenv("KETENMONITOR_CBS_ODATA_URL", base)
    monkeypatch.setenv("KETENMONITOR_CBS_DEADLINE_S", "2")
    asset = next(a for a in ingest_assets if a.key.to_user_string() == "raw_cbs_asielverzoeken")
    with dg.DagsterInstance.ephemeral() as instance:
        result = dg.materialize([asset], instance=instance, resources={"warehouse_db": Warehouse()})
        logs = [e.message for e in instance.all_logs(result.run_id) if e.message]
    assert result.success
    assert any(
        "CBS ophalen mislukt, verder met de landingsmap" in m and "niet volledig binnen 2 s" in m
        for m in logs
    )
    assert not any(str(ketenmonitor_env) in m for m in logs), "no machine paths in the run log"
    with warehouse.connect(read_only=True) as conn:
        assert conn.execute("select status from meta.deliveries").fetchall() == [("accepted",)]


def test_cbs_envelope_findings_are_dutch_and_name_the_real_defect(ketenmonitor_env: Path) -> None:
    """Through the contract validation (what valideer and the pipeline show): no folder names,
    a broken envelope is not reported as a missing code list, a duplicate member is refused."""
    from pipelines.lib.contracts import load_contract
    from pipelines.lib.validation import validate_delivery

    contract = load_contract("cbs_asielverzoeken")
    folder = ketenmonitor_env / "landing" / "cbs_asielverzoeken"
    folder.mkdir(parents=True)
    cases = {
        "envelop.json": (
            '{"waarden": []}',
            'geen OData-envelop (verwacht een object met een lijst "value")',
        ),
        "dubbel.json": (
            '{"value": [], "value": [{"ID": 1}]}',
            'het JSON-lid "value" komt twee keer voor',
        ),
    }
    for name, (text, expected) in cases.items():
        (folder / name).write_text(text, encoding="utf-8")
        result = validate_delivery(contract, folder / name)
        assert not result.accepted
        (message,) = [f.message for f in result.errors]
        assert message.startswith(f"{name}: ") and expected in message
        assert str(ketenmonitor_env) not in message and "codelijst" not in message
    # a good dataset without its code lists: now the code list is the defect
    (folder / "zonder.json").write_text('{"value": []}', encoding="utf-8")
    (message,) = [f.message for f in validate_delivery(contract, folder / "zonder.json").errors]
    assert "de codelijst Perioden ontbreekt" in message and str(ketenmonitor_env) not in message
