"""Reference data in SQL: data/reference/<name>.csv becomes table ref.<name> (sql/ref/<name>.sql),
so indicators join it instead of taking names from the deliveries. The lists are small (a few
hundred rows); they are loaded again before every indicator computation, so a changed list takes
effect at the next run."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.lib import paths, sqlfiles

# ref.<name> from data/reference/<name>.csv, in this order.
TABELLEN = tuple(name.split("/", 1)[1] for name in sqlfiles.names("ref"))


def bestand(naam: str) -> Path:
    return paths.REFERENCE_DIR / f"{naam}.csv"


def laad(conn: duckdb.DuckDBPyConnection, vervang: dict[str, Path] | None = None) -> None:
    """(Re)create every ref.<name> table from its list; `vervang` points a name at another file."""
    conn.execute("create schema if not exists ref")
    for naam in TABELLEN:
        pad = (vervang or {}).get(naam, bestand(naam))
        if not pad.is_file():
            raise FileNotFoundError(f"referentielijst {naam} ontbreekt: {pad.name}")
        sqlfiles.execute(conn, f"ref/{naam}", pad=str(pad))
