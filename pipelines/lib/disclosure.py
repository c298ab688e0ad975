"""Disclosure control for counts derived from case-level data (IND zaken).

Before such a count reaches a report or the published snapshot it is rounded to tens (half
up: 15 -> 20, 14 -> 10) and a cell under 10 is suppressed (None; shown as `.`). Exact counts
stay in the internal warehouse (`kpi.ind_afhandeling`); reports and publication read the
disclosed companion table `kpi.ind_afhandeling_openbaar`.

The same rule in three forms, kept identical by the tests:
- `round_and_suppress(value)`: plain Python;
- `expr(column)`: a polars expression;
- `SQL_MACRO`: the DuckDB macro `kpi.openbaar_aantal(n)` the SQL files use
  (created by `ensure_sql_macro`).
"""

from __future__ import annotations

import duckdb
import polars as pl

ROUNDING_BASE = 10
# cells (counts, or the number of zaken a share or median rests on) under this are suppressed
THRESHOLD = 10

SQL_MACRO = (
    "create or replace macro kpi.openbaar_aantal(n) as "
    "case when n is null or n < 10 then null else ((n + 5) // 10) * 10 end"
)


def round_and_suppress(value: int | None) -> int | None:
    """The disclosed form of a count: None under 10, else rounded to tens (half up)."""
    if value is None:
        return None
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"een aantal is een geheel getal, niet {value!r}")
        value = int(value)
    if value < 0:
        raise ValueError(f"een aantal kan niet negatief zijn: {value}")
    if value < THRESHOLD:
        return None
    return (value + ROUNDING_BASE // 2) // ROUNDING_BASE * ROUNDING_BASE


def expr(column: str | pl.Expr) -> pl.Expr:
    """`round_and_suppress` as a polars expression (nulls stay null)."""
    col = pl.col(column) if isinstance(column, str) else column
    rounded = (col + ROUNDING_BASE // 2) // ROUNDING_BASE * ROUNDING_BASE
    name = column if isinstance(column, str) else None
    out = pl.when(col < THRESHOLD).then(None).otherwise(rounded).cast(pl.Int64)
    return out.alias(name) if name else out


def suppress_if_few(value: float | None, n: int | None) -> float | None:
    """A share or median resting on fewer than THRESHOLD zaken is suppressed."""
    if value is None or n is None or n < THRESHOLD:
        return None
    return value


def ensure_sql_macro(conn: duckdb.DuckDBPyConnection) -> None:
    """Create `kpi.openbaar_aantal(n)` (schema kpi must exist)."""
    conn.execute(SQL_MACRO)
