"""Disclosure control: the Python, polars and SQL forms of round_and_suppress agree."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from pipelines.lib import disclosure


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (0, None),
        (9, None),
        (10, 10),
        (14, 10),
        (15, 20),
        (24, 20),
        (25, 30),
        (104, 100),
        (105, 110),
        (12_345, 12_350),
    ],
)
def test_round_and_suppress(value: int | None, expected: int | None) -> None:
    assert disclosure.round_and_suppress(value) == expected


def test_rejects_what_is_not_a_count() -> None:
    with pytest.raises(ValueError, match="negatief"):
        disclosure.round_and_suppress(-1)
    with pytest.raises(ValueError, match="geheel getal"):
        disclosure.round_and_suppress(12.5)  # type: ignore[arg-type]


def test_python_polars_and_sql_agree() -> None:
    values = [None, *range(300)]
    python = [disclosure.round_and_suppress(v) for v in values]
    frame = pl.DataFrame({"n": values}, schema={"n": pl.Int64})
    assert frame.select(disclosure.expr("n"))["n"].to_list() == python
    conn = duckdb.connect()
    conn.execute("create schema kpi")
    disclosure.ensure_sql_macro(conn)
    conn.register("waarden", frame.with_row_index("i").to_arrow())
    sql = [
        r[0]
        for r in conn.execute("select kpi.openbaar_aantal(n) from waarden order by i").fetchall()
    ]
    assert sql == python


def test_suppress_if_few() -> None:
    assert disclosure.suppress_if_few(75.0, 9) is None
    assert disclosure.suppress_if_few(75.0, 10) == 75.0
