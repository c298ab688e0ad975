"""Staging: `stg.<source>` from raw, the latest delivery per period (by its own date).

Aggregated sources are small (a few thousand rows a year): `sql/staging/<source>.sql` rebuilds the
whole table every run. Case-level sources (contract `caseLevel`, ind_zaken) grow by a million rows a
year, so they are staged per period: the register (meta.huidige_levering) says which delivery is
current for each period, `meta.stg_perioden` what stg holds now, and only the periods where the two
differ are deleted and inserted again, all in one transaction. A new month then costs the same with
ten years of history as with one. Their `sql/staging/<source>.sql` is the select of the rows of the
periods `$perioden`; a change of that file (or a missing table) stages every period again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import duckdb

from pipelines.lib import sqlfiles
from pipelines.lib.contracts import load_contract
from pipelines.lib.warehouse import transaction

STATE_DDL = """create table if not exists meta.stg_perioden (
    source VARCHAR, periode VARCHAR, delivery_id BIGINT, revisies BIGINT, definitie VARCHAR,
    primary key (source, periode))"""

# The current delivery of every period of a source and how many deliveries the period had: from the
# register alone (small), not from raw.
CURRENT_SQL = (
    "select periode, delivery_id, revisies from meta.huidige_levering where source = $source"
)


@dataclass(frozen=True)
class Staged:
    rows: int
    periods: list[str]  # the periods staged (again) in this run; all of them on a full rebuild
    full: bool  # False: per period (case-level); True: the whole table was built again


def incremental(source: str) -> bool:
    return load_contract(source).case_level


def _definition(source: str) -> str:
    return hashlib.sha256(sqlfiles.load(f"staging/{source}").encode()).hexdigest()[:16]


def _table_exists(conn: duckdb.DuckDBPyConnection, source: str) -> bool:
    return bool(
        conn.execute(
            "select count(*) from duckdb_tables() where schema_name = 'stg' and table_name = $t",
            {"t": source},
        ).fetchone()[0]
    )


def stage(conn: duckdb.DuckDBPyConnection, source: str) -> Staged:
    """Bring stg.<source> up to date with raw; one transaction,
    so a killed run leaves it as it was."""
    if not incremental(source):
        sqlfiles.execute(conn, f"staging/{source}")
        rows = conn.execute(f"select count(*) from stg.{source}").fetchone()[0]
        return Staged(int(rows), [], True)
    conn.execute(STATE_DDL)
    definition = _definition(source)
    select = sqlfiles.load(f"staging/{source}")
    with transaction(conn):
        conn.execute(
            f"create or replace temp table stg_huidig as {CURRENT_SQL}", {"source": source}
        )
        held, stale = conn.execute(
            "select count(*), count(*) filter (where definitie <> $d) from meta.stg_perioden "
            "where source = $s",
            {"s": source, "d": definition},
        ).fetchone()
        # a table staged before (another definition, or without this bookkeeping)
        # is built again whole
        full = stale > 0 or held == 0 or not _table_exists(conn, source)
        if full:
            conn.execute("delete from meta.stg_perioden where source = $s", {"s": source})
        changed = [
            r[0]
            for r in conn.execute(
                """select coalesce(h.periode, s.periode) from stg_huidig h
               full outer join (select * from meta.stg_perioden where source = $s) s using (periode)
               where h.delivery_id is distinct from s.delivery_id """
                """or h.revisies is distinct from s.revisies
               order by 1""",
                {"s": source},
            ).fetchall()
        ]
        conn.execute(
            "delete from meta.stg_perioden where source = $s and list_contains($p, periode)",
            {"s": source, "p": changed},
        )
        conn.execute(
            """insert into meta.stg_perioden
               select $s, periode, delivery_id, revisies, $d from stg_huidig """
            """where list_contains($p, periode)""",
            {"s": source, "d": definition, "p": changed},
        )
        if full:
            conn.execute(f"create or replace table stg.{source} as {select}", {"perioden": changed})
        elif changed:
            conn.execute(
                f"delete from stg.{source} where list_contains($p, _periode)", {"p": changed}
            )
            conn.execute(f"insert into stg.{source} {select}", {"perioden": changed})
        conn.execute("drop table stg_huidig")
    rows = conn.execute(f"select count(*) from stg.{source}").fetchone()[0]
    return Staged(int(rows), changed, full)
