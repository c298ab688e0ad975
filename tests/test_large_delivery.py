"""A large delivery is read a block (plain CSV) or a part (other CSV, Parquet) at a time, checked by
the suite in parts and stored in slices (`leveringlezer.BLOCK_BYTES`, `leveringlezer.CSV_ROWS`,
`leveringlezer.PARQUET_ROWS`, `verwachtingen.SUITE_ROWS`, `warehouse.INSERT_ROWS`), so that its
memory stays bounded; its judgement is the same as in one piece. Here blocks, parts and slices are
made tiny, so that every corpus file and a generated IND delivery full of faults go through many of
each, and every finding (file, row, line, column, rule, value), count, distinct value and typed row
is compared with reading, checking and storing the same file in one piece.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.lib import leveringlezer, verwachtingen, warehouse
from pipelines.lib.bevindingen import MAX_FINDINGS_PER_RULE, ValidationResult
from pipelines.lib.contracts import SOURCES, load_contract
from pipelines.lib.validation import validate_deliveries, validate_delivery

CORPUS = Path(__file__).parent / "corpus"
COMPANIONS = (".Perioden.json", ".Nationaliteit.json")  # a CBS delivery's code lists
ARRIVAL = date(2026, 11, 5)


def _judgement(result: ValidationResult) -> tuple:
    data = None if result.data is None else result.data.rechunk()
    lines = None if result.lines is None else list(result.lines)
    return result.accepted, result.findings, result.counts, result.values, lines, data


def _same(a: ValidationResult, b: ValidationResult) -> None:
    *rest_a, data_a = _judgement(a)
    *rest_b, data_b = _judgement(b)
    assert rest_a == rest_b
    assert (data_a is None) == (data_b is None)
    if data_a is not None:
        assert data_a.equals(data_b)


@pytest.fixture
def in_pieces(monkeypatch: pytest.MonkeyPatch):
    """Call to read in blocks of a few lines and check in parts of a few rows from then on."""

    def tiny(
        block_bytes: int = 24, suite_rows: int = 2, parquet_rows: int = 3, csv_rows: int = 2
    ) -> None:
        monkeypatch.setattr(leveringlezer, "BLOCK_BYTES", block_bytes)
        monkeypatch.setattr(leveringlezer, "PARQUET_ROWS", parquet_rows)
        monkeypatch.setattr(leveringlezer, "CSV_ROWS", csv_rows)
        monkeypatch.setattr(verwachtingen, "SUITE_ROWS", suite_rows)
        monkeypatch.setattr(warehouse, "INSERT_ROWS", 7)

    return tiny


def _faulty_ind(path: Path, rows: int = 3000, *, tail: str = "") -> Path:
    """An IND month with faults of every kind spread over the file, blank lines and a BOM."""
    body = io.StringIO()
    writer = csv.writer(body, lineterminator="\n")
    writer.writerow(["zaak_id", "procedure", "nationaliteit", "gebeurtenis", "datum"])
    for i in range(rows):
        zaak = f"{i:016x}"
        row = [zaak, "asiel_eerste", "SYR", "aanvraag", f"2026-10-{1 + i % 28:02d}"]
        if i % 97 == 3:
            row[1] = "asiel"  # more rows than findings shown per rule
        if i in (5, 1500, rows - 1):
            row[2] = "QQQ"
        if i in (10, 2000):
            row[0] = f"12345678{i}"
        if i == 20:
            row[4] = "2026-13-01"
        if i in (25, 2500):
            row[4] = ""
        if i == 30:
            row[4] = "2027-02-01"
        if i == 40:
            row[4] = "1999-12-31"
        if i in (100, 2900, 2950):
            row[0] = "ffffffffffffffaa"  # one key three times, far apart
        writer.writerow(row)
        if i in (0, 7, 999, 1000, 2222):
            body.write("\n")
    path.write_bytes(b"\xef\xbb\xbf" + (body.getvalue() + tail).encode("utf-8"))
    return path


def test_a_faulty_delivery_is_judged_alike_in_blocks_and_parts(tmp_path, in_pieces) -> None:
    contract = load_contract("ind_zaken")
    path = _faulty_ind(tmp_path / "ind_zaken_2026-10.csv")
    whole = validate_delivery(contract, path, arrival=ARRIVAL)
    in_pieces(block_bytes=4096, suite_rows=400)
    parts = validate_delivery(contract, path, arrival=ARRIVAL)
    _same(whole, parts)
    assert isinstance(parts.lines, leveringlezer.LineNumbers)
    assert not parts.accepted
    assert parts.counts["ind_zaken.procedure.valid_values"] == 31 > MAX_FINDINGS_PER_RULE
    keys = sorted(f.row for f in parts.findings if f.rule == "ind_zaken.primary_key")
    assert keys == [101, 2901, 2951]


@pytest.mark.parametrize(
    "tail",
    [
        '"00000000000000ff",nareis,SYR,aanvraag,2026-10-02\n',  # a quote: the csv module's reading
        "00000000000000fe,nareis,SYR\n",  # a ragged last line
        "00000000000000fd,nareis,SYR,aanvraag,2026-10-02\r\n",  # a carriage return
    ],
)
def test_a_file_that_turns_out_not_plain_late_is_judged_as_one_piece(
    tmp_path, in_pieces, tail
) -> None:
    contract = load_contract("ind_zaken")
    path = _faulty_ind(tmp_path / "ind_zaken_2026-10.csv", 500, tail=tail)
    whole = validate_delivery(contract, path, arrival=ARRIVAL)
    in_pieces(block_bytes=1024, suite_rows=100)
    _same(whole, validate_delivery(contract, path, arrival=ARRIVAL))


def test_invalid_utf8_late_in_a_large_file_names_the_same_byte(tmp_path, in_pieces) -> None:
    contract = load_contract("ind_zaken")
    path = _faulty_ind(tmp_path / "ind_zaken_2026-10.csv", 500)
    path.write_bytes(path.read_bytes() + b"00000000000000fc,nareis,SYR,aanvraag,2026-10-0\xe9\n")
    whole = validate_delivery(contract, path, arrival=ARRIVAL)
    in_pieces(block_bytes=1024)
    parts = validate_delivery(contract, path, arrival=ARRIVAL)
    _same(whole, parts)
    assert "geen geldige UTF-8" in parts.findings[0].message


def _quoted(path: Path, line_end: str = "\r\n") -> Path:
    """The same file as Excel writes it: every field quoted, Windows line ends, blank lines kept."""
    text = path.read_bytes().decode("utf-8-sig")
    lines = [
        line_end.join(",".join(f'"{v}"' for v in row) for row in csv.reader([line]))
        for line in text.split("\n")
    ]
    path.write_bytes(b"\xef\xbb\xbf" + line_end.join(lines).encode("utf-8"))
    return path


@pytest.mark.parametrize("line_end", ["\r\n", "\r", "\n"])
def test_a_quoted_delivery_is_judged_alike_in_parts_of_rows(tmp_path, in_pieces, line_end) -> None:
    contract = load_contract("ind_zaken")
    path = _quoted(_faulty_ind(tmp_path / "ind_zaken_2026-10.csv"), line_end)
    whole = validate_delivery(contract, path, arrival=ARRIVAL)
    in_pieces(block_bytes=4096, suite_rows=400, csv_rows=97)
    parts = validate_delivery(contract, path, arrival=ARRIVAL)
    _same(whole, parts)
    assert isinstance(parts.lines, leveringlezer.LineNumbers)
    assert not parts.accepted and parts.data is not None and parts.data.height == 3000
    assert parts.counts["ind_zaken.procedure.valid_values"] == 31 > MAX_FINDINGS_PER_RULE
    # the line an editor shows: the header, the rows, and blank lines after rows 1, 8 and 1000
    [last] = [
        f for f in parts.findings if f.rule.endswith("nationaliteit.reference") and f.row == 3000
    ]
    assert last.line == 3000 + 1 + 5 and "regel 3006" in last.message


@pytest.mark.parametrize(
    ("early", "late", "found"),
    [
        ("line_break", "ragged", "de regel heeft 3 velden"),  # read first, then fields looked at
        ("line_break", "unclosed", "houdt op binnen een veld"),
        ("ragged", "line_break", "de regel heeft 3 velden"),
        ("double_header", "line_break", "regelovergang"),
        ("double_header", "none", "dubbele kolomnamen"),
        ("line_break", "line_break", "regelovergang"),
    ],
)
def test_what_is_wrong_with_a_quoted_file_is_found_as_in_one_piece(
    tmp_path, in_pieces, early, late, found
) -> None:
    """A fault in an early part does not hide one that reading the whole file names first."""
    contract = load_contract("ind_zaken")
    rows = [["zaak_id", "procedure", "nationaliteit", "gebeurtenis", "datum"]]
    rows += [[f"{i:016x}", "nareis", "SYR", "aanvraag", "2026-10-02"] for i in range(600)]
    for kind, at in ((early, 20), (late, 550)):
        if kind == "line_break":
            rows[at][1] = "nar\neis"
        elif kind == "ragged":
            rows[at] = rows[at][:3]
        elif kind == "double_header":
            rows[0][3] = "datum"
    body = io.StringIO()
    csv.writer(body, lineterminator="\r\n").writerows(rows)
    text = body.getvalue() + ('"00000000000009ff,nareis' if late == "unclosed" else "")
    path = tmp_path / "ind_zaken_2026-10.csv"
    path.write_text(text, encoding="utf-8")
    whole = validate_delivery(contract, path, arrival=ARRIVAL)
    in_pieces(csv_rows=50)
    parts = validate_delivery(contract, path, arrival=ARRIVAL)
    _same(whole, parts)
    [finding] = parts.findings
    assert found in finding.message and not parts.accepted


def _corpus() -> list[tuple[str, Path]]:
    return [
        (source, f)
        for source in SOURCES
        for f in sorted((CORPUS / source).iterdir())
        if f.suffix in (".csv", ".parquet", ".json") and not f.name.endswith(COMPANIONS)
    ]


def test_every_corpus_file_is_judged_alike_in_blocks_and_parts(in_pieces) -> None:
    cases = _corpus()
    whole = [validate_delivery(load_contract(s), f, arrival=ARRIVAL) for s, f in cases]
    in_pieces()
    for (source, f), expected in zip(cases, whole, strict=True):
        try:
            _same(expected, validate_delivery(load_contract(source), f, arrival=ARRIVAL))
        except AssertionError as exc:
            raise AssertionError(f"{source}/{f.name}") from exc


def test_a_first_load_of_several_months_is_judged_alike_in_parts(tmp_path, in_pieces) -> None:
    """Several files in one suite pass: keys hold per delivery, also when checked in parts."""
    contract = load_contract("ind_zaken")
    files = [_faulty_ind(tmp_path / f"ind_zaken_2026-{m:02d}.csv", 300) for m in (8, 9)]
    files.append(tmp_path / "ind_zaken_2026-10.csv")
    files[-1].write_bytes(files[0].read_bytes().replace(b",2026-10-", b",2026-07-"))
    whole = validate_deliveries(contract, files, arrival=ARRIVAL)
    in_pieces(block_bytes=512, suite_rows=50)
    for expected, got in zip(
        whole, validate_deliveries(contract, files, arrival=ARRIVAL), strict=True
    ):
        _same(expected, got)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_large_delivery_is_stored_alike_in_slices(
    ketenmonitor_env: Path, in_pieces, suffix
) -> None:
    contract = load_contract("ind_zaken")
    frame = pl.DataFrame(
        {
            "zaak_id": [f"{i:016x}" for i in range(50)],
            "procedure": ["nareis"] * 50,
            "nationaliteit": ["ERI"] * 50,
            "gebeurtenis": ["aanvraag"] * 50,
            "datum": [f"2026-{9 + i % 2:02d}-{1 + i % 28:02d}" for i in range(50)],
        }
    )
    path = ketenmonitor_env / f"ind_zaken_2026-10{suffix}"
    if suffix == ".csv":
        frame.write_csv(path)
    else:
        frame.with_columns(pl.col("datum").str.to_date()).write_parquet(path, row_group_size=16)
    stored = []
    for pieces in (False, True):
        if pieces:
            in_pieces(block_bytes=200, suite_rows=8, parquet_rows=6)
        db = ketenmonitor_env / f"w{pieces}.duckdb"
        with warehouse.connect(db) as conn:
            warehouse.ensure_schema(conn)
            outcome = warehouse.load_delivery(conn, contract, path)
            assert outcome.status == "accepted", outcome.describe()
            stored.append(
                (
                    conn.execute(
                        "select * exclude (_delivery_id) from raw.ind_zaken order by _row_number"
                    ).fetchall(),
                    conn.execute("select row_count, periods from meta.deliveries").fetchall(),
                )
            )
    assert stored[0] == stored[1]
    assert stored[1][1] == [(50, ["2026-09", "2026-10"])]


def _faulty_ind_parquet(path: Path, rows: int = 3000, *, row_group: int, dates: bool) -> Path:
    """The faulty IND month as Parquet in row groups of `row_group` rows, with one more type fault
    near the end (in the last part when read in parts); with `dates` the date column as Parquet
    dates (a value that is no date left empty), as a source system writes it, else all as text."""
    text = pl.read_csv(_faulty_ind(path.with_suffix(".csv"), rows), infer_schema=False)
    text = text.filter(pl.col("zaak_id").is_not_null())  # Polars keeps a blank line as a row
    path.with_suffix(".csv").unlink()
    text = text.with_columns(
        pl.when(pl.int_range(pl.len()) == rows - 10)
        .then(pl.lit("31-10-2026"))
        .otherwise(pl.col("datum"))
        .alias("datum")
    )
    if dates:
        text = text.with_columns(pl.col("datum").str.to_date(strict=False))
    pq.write_table(text.to_arrow(), path, row_group_size=row_group)
    return path


@pytest.mark.parametrize("dates", [False, True], ids=["tekst", "datums"])
@pytest.mark.parametrize("row_group", [3000, 700, 64], ids=["1-rijgroep", "5-rijgroepen", "47"])
def test_a_faulty_parquet_delivery_is_judged_alike_in_parts(
    tmp_path, in_pieces, row_group, dates
) -> None:
    contract = load_contract("ind_zaken")
    path = _faulty_ind_parquet(
        tmp_path / "ind_zaken_2026-10.parquet", row_group=row_group, dates=dates
    )
    whole = validate_delivery(contract, path, arrival=ARRIVAL)
    text = leveringlezer.read_text_frame(contract, path)
    in_pieces(suite_rows=400, parquet_rows=250)
    parts = validate_delivery(contract, path, arrival=ARRIVAL)
    _same(whole, parts)
    # the text is that of reading the whole file with Polars, as a Parquet delivery always was
    expected = pl.read_parquet(path).with_columns(pl.all().cast(pl.Utf8))
    assert text.equals(expected)
    assert leveringlezer.read_text_frame(contract, path).equals(expected)
    assert not parts.accepted and parts.lines is None and parts.data is not None
    assert parts.data.height == 3000
    assert parts.counts["ind_zaken.procedure.valid_values"] == 31 > MAX_FINDINGS_PER_RULE
    keys = sorted(f.row for f in parts.findings if f.rule == "ind_zaken.primary_key")
    assert keys == [101, 2901, 2951]
    late = [f for f in parts.findings if f.row == 2991]
    if dates:  # not a date: no value in the file, a missing date
        assert [f.rule for f in late] == ["ind_zaken.datum.required"]
    else:  # a type fault in the last part, numbered in the whole file
        assert [(f.rule, f.value) for f in late] == [("ind_zaken.datum.type", "31-10-2026")]
        assert "rij 2991" in late[0].message
        assert parts.values["ind_zaken.datum.type"] == ["2026-13-01", "31-10-2026"]


def test_a_parquet_file_without_rows_is_judged_alike_in_parts(tmp_path, in_pieces) -> None:
    contract = load_contract("ind_zaken")
    path = _faulty_ind_parquet(tmp_path / "ind_zaken_2026-10.parquet", row_group=10, dates=True)
    pq.write_table(pq.read_table(path).slice(0, 0), path)
    whole = validate_delivery(contract, path, arrival=ARRIVAL)
    in_pieces()
    parts = validate_delivery(contract, path, arrival=ARRIVAL)
    _same(whole, parts)
    assert parts.data is not None and parts.data.height == 0


def _damaged(path: Path, row_group: int) -> Path:
    """The file with the header of a data page in `row_group` overwritten: readable up to there."""
    data = bytearray(path.read_bytes())
    offset = pq.ParquetFile(path).metadata.row_group(row_group).column(0).data_page_offset
    data[offset : offset + 40] = b"\xff" * 40
    path.write_bytes(bytes(data))
    return path


def _invalid_utf8(path: Path) -> Path:
    """A text column with a value that is no UTF-8 in its last row group (which pyarrow writes
    unchecked, and Polars refuses)."""
    values = [f"{i:016x}".encode() for i in range(100)]
    values[-1] = b"00000000000000\xff\xfe"
    offsets = pa.array([0, *(16 * (i + 1) for i in range(100))], pa.int32()).buffers()[1]
    zaak = pa.Array.from_buffers(pa.string(), 100, [None, offsets, pa.py_buffer(b"".join(values))])
    table = pa.table(
        {
            "zaak_id": zaak,
            "procedure": ["nareis"] * 100,
            "nationaliteit": ["SYR"] * 100,
            "gebeurtenis": ["aanvraag"] * 100,
            "datum": ["2026-10-01"] * 100,
        }
    )
    pq.write_table(table, path, row_group_size=30)
    return path


@pytest.mark.parametrize("damage", ["kop-van-pagina", "geen-utf8", "afgebroken", "csv"])
def test_an_unreadable_parquet_file_is_one_finding_also_when_damaged_late(
    tmp_path, in_pieces, damage
) -> None:
    contract = load_contract("ind_zaken")
    path = _faulty_ind_parquet(tmp_path / "ind_zaken_2026-10.parquet", row_group=500, dates=True)
    if damage == "kop-van-pagina":
        _damaged(path, 5)  # the last of six row groups
    elif damage == "geen-utf8":
        _invalid_utf8(path)
    elif damage == "afgebroken":
        path.write_bytes(path.read_bytes()[:-100])
    else:
        path.write_bytes(b"zaak_id,procedure\n00000000000000aa,nareis\n")
    with pytest.raises(Exception):  # noqa: B017  Polars refuses the whole file too
        pl.read_parquet(path)
    whole = validate_delivery(contract, path, arrival=ARRIVAL)
    in_pieces(parquet_rows=200)
    parts = validate_delivery(contract, path, arrival=ARRIVAL)
    _same(whole, parts)
    assert not parts.accepted and parts.data is None
    [finding] = parts.findings
    assert finding.row is None and finding.rule == "bestandsformaat"
    assert finding.description == (
        "geen leesbaar Parquet-bestand (beschadigd, afgebroken of geen Parquet); "
        "lever het bestand opnieuw aan zoals het bronsysteem het schrijft"
    )
    assert finding.message.startswith("ind_zaken_2026-10.parquet: ")
    assert parts.counts == {"bestandsformaat": 1}


def test_parquet_types_read_to_the_same_text_in_parts(tmp_path, in_pieces) -> None:
    """Every cell is the text Polars gives the whole file, whatever the type in the file: also the
    time zone of an INT96 timestamp, which only Polars' own reading restores."""
    import datetime as dt
    import decimal

    contract = load_contract("ind_zaken")
    n = 11
    moments = [dt.datetime(2026, 10, 1, 12, i) for i in range(n)]
    table = pa.table(
        {
            "tekst": [f"x{i}" if i % 3 else None for i in range(n)],
            "geheel": pa.array(range(n), pa.int8()),
            "groot": pa.array(range(n), pa.uint64()),
            "getal": [1.5, None, 1e20, -0.0, 3.0, float("nan"), 1 / 3, 2.0, 0.1, 7.0, 8.25],
            "waar": [True, False, None] * 3 + [True, False],
            "datum": [dt.date(2026, 10, i + 1) for i in range(n)],
            "ms": pa.array(moments, pa.timestamp("ms")),
            "zone": pa.array(moments, pa.timestamp("us", tz="Europe/Amsterdam")),
            "bedrag": pa.array([decimal.Decimal("1.25")] * n, pa.decimal128(10, 2)),
            "code": pa.array(["a", "b", "a", "c"] * 2 + ["a", "b", "c"]).dictionary_encode(),
            "leeg": pa.nulls(n),
        }
    )
    files = []
    for int96 in (False, True):
        files.append(tmp_path / f"ind_zaken_2026-10_{int96}.parquet")
        pq.write_table(table, files[-1], row_group_size=4, use_deprecated_int96_timestamps=int96)
    in_pieces(parquet_rows=3)
    for path in files:
        expected = pl.read_parquet(path).with_columns(pl.all().cast(pl.Utf8))
        assert leveringlezer.read_text_frame(contract, path).equals(expected)


@pytest.mark.parametrize("kind", ["csv", "quoted", "parquet"])
def test_a_rejected_delivery_claims_the_same_periods_read_in_parts(tmp_path, in_pieces, kind):
    """The periods a rejected delivery names in the register are read a part at a time too."""
    contract = load_contract("ind_zaken")
    path = tmp_path / "ind_zaken_2026-10.csv"
    if kind == "parquet":
        path = _faulty_ind_parquet(path.with_suffix(".parquet"), row_group=500, dates=False)
    else:
        _faulty_ind(path)
        if kind == "quoted":
            _quoted(path)
    whole = warehouse.claimed_periods(contract, path)
    in_pieces(block_bytes=2048, parquet_rows=300, csv_rows=300)
    assert warehouse.claimed_periods(contract, path) == whole == ["1999-12", "2026-10", "2027-02"]


def test_a_parquet_file_with_typed_columns_is_judged_as_the_same_values_in_text(
    tmp_path: Path,
) -> None:
    """A Parquet column already of its contract type (a date, a whole number) is taken as it is;
    the findings, counts, values and typed rows are those of the same values delivered as text."""
    contract = load_contract("ind_zaken")
    native = _faulty_ind_parquet(tmp_path / "ind_zaken_2026-10.parquet", row_group=700, dates=True)
    typed = pl.read_parquet(native)
    assert typed.schema["datum"] == pl.Date
    text = tmp_path / "tekst" / "ind_zaken_2026-10.parquet"
    text.parent.mkdir()
    typed.with_columns(pl.all().cast(pl.Utf8)).write_parquet(text, row_group_size=700)
    as_native = validate_delivery(contract, native, arrival=ARRIVAL)
    as_text = validate_delivery(contract, text, arrival=ARRIVAL)
    assert not as_native.accepted and as_native.counts
    _same(as_text, as_native)
