"""DuckDB SQL lives in `sql/`, one statement per file, with named parameters (`$maand`)."""

from __future__ import annotations

import functools
import re
from typing import Any

import duckdb
import polars as pl

from pipelines.lib import paths

_HEADER_LINE = re.compile(r"^\s*--\s?(.*)$")


@functools.cache
def load(name: str) -> str:
    """The text of `sql/<name>.sql`, e.g. `load("indicators/opvang")`."""
    path = paths.SQL_DIR / f"{name}.sql"
    if not path.resolve().is_relative_to(paths.SQL_DIR.resolve()):
        raise ValueError(f"{name!r} ligt buiten sql/")
    return path.read_text(encoding="utf-8")


def header(name: str) -> str:
    """The leading comment block of a SQL file: its definition and grain, for documentation."""
    lines = []
    for line in load(name).splitlines():
        match = _HEADER_LINE.match(line)
        if not match:
            break
        lines.append(match.group(1))
    return "\n".join(lines).strip()


def names(folder: str) -> list[str]:
    return sorted(f"{folder}/{p.stem}" for p in (paths.SQL_DIR / folder).glob("*.sql"))


def execute(conn: duckdb.DuckDBPyConnection, name: str, **params: Any) -> None:
    conn.execute(load(name), params or None)


def query(conn: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pl.DataFrame:
    return conn.sql(load(name), params=params or None).pl()
