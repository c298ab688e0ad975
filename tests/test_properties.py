"""Properties of the readers and the contract translator, over generated input (hypothesis).

- Whatever bytes arrive, validation returns a judgement and never raises; a rejection names the
  file and no machine path.
- A table written as the contract's CSV (any text in the cells, separators and quotes included)
  reads back cell for cell.
- A Dutch-written number reads back as the number it is; a dot is never taken for a decimal point.
- For every CSV source and every range and value-list rule its contract declares, one violating cell
  in an otherwise good delivery is rejected by exactly that rule, at that row and column.
"""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.lib import leveringlezer, typering, validation
from pipelines.lib.contracts import SOURCES, load_contract
from tests.deliveries import mutate_csv, write_good

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
CSV_SOURCES = [s for s in SOURCES if load_contract(s).delivery_format in ("csv", "csv_nl")]
ROOT = str(Path(tempfile.gettempdir()))


def _separator(source: str) -> str:
    return ";" if load_contract(source).delivery_format == "csv_nl" else ","


@SETTINGS
@given(source=st.sampled_from(SOURCES), data=st.binary(max_size=2048))
def test_any_bytes_get_a_judgement_never_an_exception(
    tmp_path_factory, source: str, data: bytes
) -> None:
    contract = load_contract(source)
    folder = tmp_path_factory.mktemp("bytes")
    name = {
        "ind_zaken": "ind_zaken_2026-10.csv",
        "cbs_asielverzoeken": "83102NED_2026-11-12.json",
    }.get(source, f"{source}_2026-10.csv")
    path = folder / name
    path.write_bytes(data)
    result = validation.validate_delivery(contract, path)
    if not result.accepted:
        assert result.errors
        for finding in result.errors:
            assert name in finding.message
            assert str(folder) not in finding.message and ROOT not in finding.message


cell_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)


@SETTINGS
@given(
    separator=st.sampled_from([",", ";"]),
    header=st.lists(
        st.text("abcdefghij_", min_size=1, max_size=8), min_size=1, max_size=5, unique=True
    ),
    data=st.data(),
)
def test_a_csv_table_reads_back_cell_for_cell(
    tmp_path_factory, separator: str, header: list[str], data
) -> None:
    rows = data.draw(
        st.lists(
            st.lists(cell_text, min_size=len(header), max_size=len(header)), min_size=1, max_size=6
        )
    )
    rows = [r for r in rows if any(c.strip() for c in r)] or [["x"] * len(header)]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=separator, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("csv") / "levering.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    frame = leveringlezer._read_csv_text(path, separator)
    assert frame.columns == header
    assert [list(r) for r in frame.rows()] == rows


@SETTINGS
@given(
    value=st.decimals(
        min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False
    ),
    grouped=st.booleans(),
)
def test_a_dutch_number_reads_back_as_itself(value: Decimal, grouped: bool) -> None:
    contract = load_contract("coa_bezetting")  # csv_nl, thousands grouped with a dot
    whole, _, fraction = f"{abs(value):.2f}".partition(".")
    if grouped:
        whole = f"{int(whole):,}".replace(",", ".")
    text = ("-" if value < 0 else "") + whole + "," + fraction
    parsed = pl.select(
        typering._dutch_number_text(contract, pl.lit(text)).cast(pl.Decimal(20, 2))
    ).item()
    assert parsed == value
    # the same number written with a decimal point is refused, never read as something else
    point = f"{value:.2f}"
    assert pl.select(typering._dutch_number_text(contract, pl.lit(point))).item() is None


def _rules(source: str) -> list:
    contract = load_contract(source)
    return [
        r for r in contract.rules if r.kind in ("range", "valid_values") and r.severity == "error"
    ]


RULES = [(s, r.rule_id) for s in CSV_SOURCES for r in _rules(s)]


@pytest.mark.parametrize(("source", "rule_id"), RULES)
@settings(SETTINGS, max_examples=8)  # each example runs the whole suite; 26 rules x 8
@given(data=st.data())
def test_each_rule_of_each_contract_catches_its_violation(
    tmp_path_factory, source: str, rule_id: str, data
) -> None:
    contract = load_contract(source)
    rule = next(r for r in contract.rules if r.rule_id == rule_id)
    column = contract.column(rule.columns[0])
    good = write_good(source, tmp_path_factory.mktemp("contract"))
    rows = len(good.read_text(encoding="utf-8-sig").splitlines()) - 1
    row = data.draw(st.integers(1, rows))
    if rule.kind == "range":
        lo, hi = rule.params["min_value"], rule.params["max_value"]
        if column.date_format:
            day = timedelta(days=1)
            below = (
                st.dates(date(2000, 1, 1), date.fromisoformat(str(lo)) - day)
                if lo is not None
                else st.nothing()
            )
            above = st.dates(date.fromisoformat(str(hi)) + day) if hi is not None else st.nothing()
            value = data.draw(below | above).strftime(column.date_format)
        else:
            below = st.integers(int(lo) - 10**6, int(lo) - 1) if lo is not None else st.nothing()
            above = st.integers(int(hi) + 1, int(hi) + 10**6) if hi is not None else st.nothing()
            value = str(data.draw(below | above))
    else:
        allowed = set(map(str, rule.params["value_set"]))
        value = data.draw(
            st.text(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=10
            ).filter(lambda v: v not in allowed and v.strip() == v)
        )
    mutate_csv(good, row, column.header, value, _separator(source))
    result = validation.validate_delivery(contract, good)
    assert not result.accepted
    hits = [f for f in result.errors if f.rule == rule_id]
    assert hits and {(f.row, f.column) for f in hits} == {(row, column.header)}, [
        f.message for f in result.errors
    ]
    assert all(f.row == row for f in result.errors), [f.message for f in result.errors]


# Lines of a plain-looking CSV: fields of letters, digits, spaces and the other separator, lines
# with fewer or more fields than the header, blank and whitespace-only lines, with or without a
# final newline.
_FIELD = st.text(alphabet="ab1 ;.", max_size=3)
_LINE = st.one_of(
    st.lists(_FIELD, min_size=3, max_size=3),  # as the header
    st.lists(_FIELD, min_size=1, max_size=5),  # ragged
    st.just([""]),  # a blank line
    st.just(["  "]),  # only spaces
)


@SETTINGS
@given(
    lines=st.lists(_LINE, max_size=40),
    final_newline=st.booleans(),
    block_bytes=st.sampled_from([8, 16, 64, 1 << 20]),
)
def test_plain_csv_in_blocks_reads_as_the_csv_module_or_declines(
    tmp_path_factory, monkeypatch, lines, final_newline, block_bytes
) -> None:
    """The native reading of a plain CSV, block by block, gives exactly the cells and line numbers
    of Python's csv module over the whole file; where it cannot vouch for that it declines and the
    csv module reads the file."""
    monkeypatch.setattr(leveringlezer, "BLOCK_BYTES", block_bytes)
    text = "\n".join([",".join(["k1", "k2", "k3"]), *(",".join(x) for x in lines)])
    path = tmp_path_factory.mktemp("blokken") / "bron_2026-10.csv"
    path.write_text(text + ("\n" if final_newline else ""), encoding="utf-8")
    plain = leveringlezer._plain_csv(path, ",", lambda frame: frame)
    if plain is None:
        return
    header, parts, numbers = plain
    try:
        whole, lines_whole = leveringlezer._read_csv_lines(path, ",")
    except leveringlezer.DeliveryUnreadable:
        pytest.fail("de blokken lazen een bestand dat de csv-module weigert")
    assert header == whole.columns
    assert pl.concat(parts).rows() == whole.rows()
    assert list(numbers) == list(lines_whole)
