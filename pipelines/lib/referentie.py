"""Reference data in SQL: data/reference/<name>.csv becomes table ref.<name> (sql/ref/<name>.sql),
so indicators join it instead of taking names from the deliveries. The lists are small (a few
hundred rows). Every indicator computation first calls `laad`, which reloads a list only when its
file differs from the one loaded (by sha256, kept in ref.lijst_versies), so a changed list takes
effect at the next computation and an unchanged one costs a hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from pipelines.lib import paths, sqlfiles

# ref.<name> from data/reference/<name>.csv, in this order.
TABELLEN = tuple(name.split("/", 1)[1] for name in sqlfiles.names("ref"))


def bestand(naam: str) -> Path:
    return paths.REFERENCE_DIR / f"{naam}.csv"


def laad(conn: duckdb.DuckDBPyConnection, vervang: dict[str, Path] | None = None) -> None:
    """Create or refresh every ref.<name> table from its list when the list changed;
    `vervang` points a name at another file."""
    conn.execute("create schema if not exists ref")
    conn.execute(
        "create table if not exists ref.lijst_versies (naam varchar primary key, sha256 varchar)"
    )
    geladen = dict(conn.execute("select naam, sha256 from ref.lijst_versies").fetchall())
    for naam in TABELLEN:
        pad = (vervang or {}).get(naam, bestand(naam))
        if not pad.is_file():
            raise FileNotFoundError(f"referentielijst {naam} ontbreekt: {pad.name}")
        digest = hashlib.sha256(pad.read_bytes()).hexdigest()
        if geladen.get(naam) == digest and _bestaat(conn, naam):
            continue
        sqlfiles.execute(conn, f"ref/{naam}", pad=str(pad))
        conn.execute(
            "insert or replace into ref.lijst_versies values ($naam, $sha256)",
            {"naam": naam, "sha256": digest},
        )


def _bestaat(conn: duckdb.DuckDBPyConnection, naam: str) -> bool:
    return bool(
        conn.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'ref' and table_name = $naam",
            {"naam": naam},
        ).fetchall()[0][0]
    )
