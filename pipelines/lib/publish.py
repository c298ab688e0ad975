"""The analysts' snapshot of an edition (`ketenmonitor.duckdb` + `parquet/`). Its export to CSV
and Excel is pipelines/lib/export.py, its data dictionary pipelines/lib/datadictionary.py.

Analysts never open the internal warehouse (DuckDB allows one writer *or* many readers). The
last step of every successful run builds the edition's snapshot from the writer's own connection,
in the edition's build folder (pipelines/lib/archief.py makes it visible, together with the PDFs):

1. `ATTACH` a new file in the build folder, in DuckDB 1.0's storage format (`STORAGE_VERSION`);
2. copy into schema `rapportage`: every `kpi.*` table that holds aggregates (case-derived
   indicators only in their disclosed `*_openbaar` form), rows up to the end of the edition month
   only, plus `leveringen`, `datakwaliteit` and `publicatie` (sql/publish/*.sql) over the
   deliveries the edition rests on;
3. `COMMENT ON` every table and column with the analysts' Dutch texts of
   sql/publish/commentaar.yaml;
4. refuse to publish when a table has a case-level column (`zaak_id`) or is read from
   `raw`/`stg`, before anything becomes visible;
5. write the Parquet copies beside it.

Identifiers in SQL come from the catalog of our own warehouse and are quoted; values go in as
parameters, except comment texts and the attach path, which DuckDB only takes as literals
(escaped by `_literal`).
"""

from __future__ import annotations

import functools
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl
import yaml

from pipelines.lib import breekpunt, paths, sqlfiles
from pipelines.lib.contracts import SOURCES, all_contracts
from pipelines.lib.editie import Editie
from pipelines.lib.perioden import month_end
from pipelines.lib.vergelijking import vergelijk

SNAPSHOT_NAME = "ketenmonitor.duckdb"
SCHEMA = "rapportage"
# The snapshot is written in the storage format of DuckDB 1.0 (storage version 64, also what 1.1
# writes), not 2.x's own: analysts' tools (DBeaver, older CLIs, pinned notebooks) bundle a 1.x
# engine, which refuses a newer format. 1.0 is the oldest format DuckDB promises to keep reading and
# it holds everything the snapshot uses (comments, lists, structs, dates, timestamps);
# tests/test_snapshot_sample.py opens it with the 1.x client in .venv-duckdb1/.
STORAGE_VERSION = "v1.0.0"
PUBLISH_TABLES = (
    "leveringen",
    "datakwaliteit",
    "bijstellingen_editie",
    "publicatie",
)  # sql/publish/, reserved
DISCLOSED_SUFFIX = "_openbaar"
# Indicators computed from case-level data (IND zaken): published only as kpi.<name>_openbaar,
# the version rounded to tens with cells under 10 suppressed (pipelines/lib/disclosure.py).
CASE_DERIVED: frozenset[str] = frozenset({"ind_afhandeling"})
CASE_LEVEL_COLUMNS: frozenset[str] = frozenset({"zaak_id"})
# Schemas whose tables never leave the internal warehouse, directly or through a kpi view.
INTERNAL_RELATIONS = re.compile(
    r"\b(raw|quarantine)\s*\.|\bstg\s*\.\s*\"?ind_zaken\b", re.IGNORECASE
)
_ALIAS = "ketenmonitor_publicatie"
_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")

FALLBACK_TABLE_COMMENT = "Tabel {table} van Ketenmonitor; nog zonder beschrijving."
FALLBACK_COLUMN_COMMENT = "{label}; nog zonder beschrijving."


class PublicationError(RuntimeError):
    """The snapshot would break a publication rule; nothing was published."""


# ---------------------------------------------------------------------------- documentation


@dataclass(frozen=True)
class Comments:
    """The analysts' texts of sql/publish/commentaar.yaml: per table a description and its columns,
    plus `algemeen` for columns that mean the same in every table."""

    tables: dict[str, str]
    columns: dict[str, dict[str, str]]
    general: dict[str, str]

    def table(self, table: str) -> str | None:
        return self.tables.get(table)

    def column(self, table: str, column: str) -> str | None:
        return self.columns.get(table, {}).get(column) or self.general.get(column)


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{paths.PUBLISH_COMMENTS_FILE.name}: {where} heeft geen tekst")
    return " ".join(value.split())


@functools.cache
def comments() -> Comments:
    doc = yaml.safe_load(paths.PUBLISH_COMMENTS_FILE.read_text(encoding="utf-8"))
    general = {c: _text(t, f"algemeen.{c}") for c, t in (doc.get("algemeen") or {}).items()}
    tables: dict[str, str] = {}
    columns: dict[str, dict[str, str]] = {}
    for table, entry in (doc.get("tabellen") or {}).items():
        tables[table] = _text(entry.get("beschrijving"), f"{table}.beschrijving")
        columns[table] = {
            c: _text(t, f"{table}.{c}") for c, t in (entry.get("kolommen") or {}).items()
        }
    return Comments(tables, columns, general)


def table_comment(table: str) -> str:
    """The comment of `rapportage.<table>`: its description in commentaar.yaml,
    else a fixed text."""
    return comments().table(table) or FALLBACK_TABLE_COMMENT.format(table=table)


def column_comment(table: str, column: str) -> str:
    """The comment of `rapportage.<table>.<column>`: the table's own entry in commentaar.yaml, then
    `algemeen`; a suppression flag `<x>_onderdrukt` explains itself; else a fixed text."""
    found = comments().column(table, column)
    if found:
        return found
    if column.endswith("_onderdrukt"):
        return (
            f"Waar als {column.removesuffix('_onderdrukt')} onderdrukt is (bron toont '.'); "
            "telt als 0 in sommen."
        )
    return FALLBACK_COLUMN_COMMENT.format(label=column.replace("_", " ").capitalize())


# ---------------------------------------------------------------------------- what to publish


@dataclass(frozen=True)
class PlannedTable:
    name: str  # in schema rapportage
    source: str  # the relation it is copied from, in `schema`
    source_comment: str | None = None
    schema: str = "kpi"


def plan_tables(conn: duckdb.DuckDBPyConnection) -> tuple[list[PlannedTable], dict[str, str]]:
    """The kpi relations to publish (as rapportage.<name>) and the ones left out,
    with the reason."""
    db = conn.execute("select current_database()").fetchall()[0][0]
    relations = {
        name: (comment, view_sql)
        for name, comment, view_sql in conn.execute(
            """select table_name, comment, null from duckdb_tables()
               where database_name = $db and schema_name = 'kpi' and not temporary
               union all
               select view_name, comment, sql from duckdb_views()
               where database_name = $db and schema_name = 'kpi' and not temporary""",
            {"db": db},
        ).fetchall()
    }
    columns: dict[str, set[str]] = {}
    for table, column in conn.execute(
        "select table_name, column_name from duckdb_columns() where database_name = $db "
        "and schema_name = 'kpi'",
        {"db": db},
    ).fetchall():
        columns.setdefault(table, set()).add(column.lower())

    planned: dict[str, PlannedTable] = {}
    skipped: dict[str, str] = {}
    for name in sorted(relations):
        comment, view_sql = relations[name]
        target = name.removesuffix(DISCLOSED_SUFFIX)
        if not _IDENT.match(name):
            skipped[name] = "naam is geen eenvoudige identifier"
        elif columns.get(name, set()) & CASE_LEVEL_COLUMNS:
            skipped[name] = "zaakniveau (kolom zaak_id)"
        elif view_sql and INTERNAL_RELATIONS.search(view_sql):
            skipped[name] = "view leest rechtstreeks uit raw of stg.ind_zaken"
        elif target in PUBLISH_TABLES:
            skipped[name] = f"naam {target} is gereserveerd voor rapportage.{target}"
        elif f"{name}{DISCLOSED_SUFFIX}" in relations:
            skipped[name] = f"gepubliceerd als de openbare versie kpi.{name}{DISCLOSED_SUFFIX}"
        elif name in CASE_DERIVED:
            skipped[name] = (
                "afgeleid van zaakniveau; "
                f"de openbare versie kpi.{name}{DISCLOSED_SUFFIX} ontbreekt"
            )
        else:
            planned[target] = PlannedTable(target, name, comment)
    return [planned[k] for k in sorted(planned)], skipped


# ---------------------------------------------------------------------------- publishing


@dataclass
class PublishResult:
    snapshot: Path
    parquet_dir: Path
    tables: list[str]
    skipped: dict[str, str]
    run_id: str
    partition: str
    edition: str
    code_version: str
    published_at: datetime
    rows: dict[str, int] = field(default_factory=dict)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def quote_ident(ident: str) -> str:
    if not _IDENT.match(ident):
        raise PublicationError(f"ongeldige naam {ident!r}")
    return f'"{ident}"'


def _column(name: str) -> str:
    """A column name from our own catalog, quoted (column names are copied as
    the kpi table has them)."""
    return '"' + name.replace('"', '""') + '"'


def _select_sql(name: str) -> str:
    return sqlfiles.load(f"publish/{name}").strip().rstrip(";")


def _sources_frame(checks: Mapping[str, str] | None, editie: Editie) -> pl.DataFrame:
    contracts = {c.source: c for c in all_contracts()}
    return pl.DataFrame(
        {
            "bron": list(SOURCES),
            "ketenpartner": [contracts[s].chain_partner for s in SOURCES],
            "contractversie": [contracts[s].version for s in SOURCES],
            "contractcheck": [(checks or {}).get(s, "onbekend") for s in SOURCES],
            "cadans": [contracts[s].cadence for s in SOURCES],
            "gedekt": [editie.dekking[s].gedekt for s in SOURCES],
            "gegevens_tm": [editie.dekking[s].gegevens_tm for s in SOURCES],
        },
        schema_overrides={"gegevens_tm": pl.Date},
    )


def datakwaliteit(
    conn: duckdb.DuckDBPyConnection,
    editie: Editie,
    checks: Mapping[str, str] | None = None,
    *,
    hele_register: bool = False,
) -> pl.DataFrame:
    """rapportage.datakwaliteit for an edition: over the deliveries it rests on, or with
    `hele_register` over every registered delivery (what `ketenmonitor status` shows)."""
    ids = (
        None
        if hele_register
        else sorted(lev.delivery_id for lev in editie.invoer + editie.afgewezen)
    )
    conn.register("bronnen", _sources_frame(checks, editie).to_arrow())
    try:
        return conn.sql(
            _select_sql("datakwaliteit"), params={"maand": editie.maand, "delivery_ids": ids}
        ).pl()
    finally:
        conn.unregister("bronnen")


def _comment_all(conn: duckdb.DuckDBPyConnection) -> None:
    rows = conn.execute(
        "select table_name, column_name from duckdb_columns() where database_name = $db "
        "and schema_name = $s order by table_name, column_index",
        {"db": _ALIAS, "s": SCHEMA},
    ).fetchall()
    for table in sorted({t for t, _ in rows}):
        conn.execute(
            f"comment on table {_ALIAS}.{SCHEMA}.{quote_ident(table)} is "
            f"{_literal(table_comment(table))}"
        )
    for table, column in rows:
        text = column_comment(table, column)
        conn.execute(
            f"comment on column {_ALIAS}.{SCHEMA}.{quote_ident(table)}.{_column(column)} is "
            f"{_literal(text)}"
        )


def assert_aggregates_only(
    conn: duckdb.DuckDBPyConnection, database: str, plan: list[PlannedTable]
) -> None:
    """Raise PublicationError when a published table holds case-level data or comes from raw/stg."""
    for p in plan:
        if p.schema != "kpi" or p.source in CASE_DERIVED:
            raise PublicationError(
                f"rapportage.{p.name} zou uit {p.schema}.{p.source} komen: niet toegestaan"
            )
    bad = conn.execute(
        "select table_schema || '.' || table_name || '.' || column_name "
        "from information_schema.columns "
        "where table_catalog = $db and list_contains($forbidden, lower(column_name))",
        {"db": database, "forbidden": sorted(CASE_LEVEL_COLUMNS)},
    ).fetchall()
    if bad:
        raise PublicationError(
            "zaakniveau-kolommen in de publicatie: " + ", ".join(r[0] for r in bad)
        )
    schemas = conn.execute(
        "select distinct schema_name from duckdb_tables() where database_name = $db",
        {"db": database},
    ).fetchall()
    if {s for (s,) in schemas} - {SCHEMA}:
        raise PublicationError(f"de publicatie bevat andere schema's dan {SCHEMA}: {schemas}")


# Columns that place a kpi row in time: a published row never lies after the edition month. Dates
# are compared with its last day; period codes ('2026MM10', '2026KW03', '2026-H2') by the month they
# start (meta.periode_begin). The claims' `periode` is a label of the claim, not a data period.
PERIOD_COLUMNS: tuple[str, ...] = ("maand", "peildatum", "periode_start")
PERIOD_CODE_COLUMNS: tuple[str, ...] = ("perioden", "periode")
PERIOD_LABEL_TABLES: frozenset[str] = frozenset({"beleidsclaims"})


def _period_filter(conn: duckdb.DuckDBPyConnection, p: PlannedTable) -> str:
    """`where` clause (identifiers from our own catalog, the bounds as parameters $maand_eind and
    $maand) that keeps a kpi relation's rows up to the end of the edition month."""
    types = dict(
        conn.execute(
            "select column_name, data_type from duckdb_columns() "
            "where database_name = current_database() and schema_name = $s and table_name = $t",
            {"s": p.schema, "t": p.source},
        ).fetchall()
    )
    clauses = [
        f"{_column(c)} <= $maand_eind"
        for c in PERIOD_COLUMNS
        if types.get(c) in ("DATE", "TIMESTAMP")
    ]
    if p.name not in PERIOD_LABEL_TABLES:
        clauses += [
            f"coalesce(meta.periode_begin({_column(c)}) <= $maand, true)"
            for c in PERIOD_CODE_COLUMNS
            if types.get(c) == "VARCHAR"
        ]
    return (" where " + " and ".join(clauses)) if clauses else ""


def publish_snapshot(
    conn: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    editie: Editie,
    target_dir: Path,
    checks: Mapping[str, str] | None = None,
) -> PublishResult:
    """Build the edition's analysts' snapshot in `target_dir` (its build folder, see archief):
    `ketenmonitor.duckdb` and `parquet/`. Nothing becomes visible here;
    archief.schakel does that."""
    target_dir.mkdir(parents=True, exist_ok=True)
    plan, skipped = plan_tables(conn)
    code = editie.code_versie
    published_at = datetime.now(UTC).replace(tzinfo=None)
    db_path = target_dir / SNAPSHOT_NAME
    parquet_dir = target_dir / "parquet"
    for stale in (db_path, Path(str(db_path) + ".wal")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(parquet_dir, ignore_errors=True)
    tables = sorted([p.name for p in plan] + list(PUBLISH_TABLES))
    rows: dict[str, int] = {}
    maand = editie.maand
    ids = sorted(lev.delivery_id for lev in editie.invoer + editie.afgewezen)
    bounds = {"maand_eind": datetime.combine(month_end(maand), datetime.max.time()), "maand": maand}

    conn.execute(f"detach database if exists {_ALIAS}")
    conn.execute(
        f"attach {_literal(str(db_path))} as {_ALIAS} (storage_version {_literal(STORAGE_VERSION)})"
    )
    attached = True
    try:
        conn.execute(f"create schema {_ALIAS}.{SCHEMA}")
        for p in plan:
            where = _period_filter(conn, p)
            params = {k: v for k, v in bounds.items() if re.search(rf"\${k}\b", where)}
            conn.execute(
                f"create table {_ALIAS}.{SCHEMA}.{quote_ident(p.name)} as "
                f"select * from {quote_ident(p.schema)}.{quote_ident(p.source)}{where}",
                params or None,
            )
        breekpunt.punt("publicatie.snapshot_half")
        conn.execute(
            f"create table {_ALIAS}.{SCHEMA}.leveringen as {_select_sql('leveringen')}",
            {"delivery_ids": ids},
        )
        conn.register("bronnen", _sources_frame(checks, editie).to_arrow())
        try:
            conn.execute(
                f"create table {_ALIAS}.{SCHEMA}.datakwaliteit as {_select_sql('datakwaliteit')}",
                {"maand": maand, "delivery_ids": ids},
            )
        finally:
            conn.unregister("bronnen")
        vergelijking, _ = vergelijk(conn, editie)
        conn.register("vergelijking", vergelijking.to_arrow())
        try:
            conn.execute(
                f"create table {_ALIAS}.{SCHEMA}.bijstellingen_editie as "
                f"{_select_sql('bijstellingen_editie')}"
            )
        finally:
            conn.unregister("vergelijking")
        conn.execute(
            f"create table {_ALIAS}.{SCHEMA}.publicatie as {_select_sql('publicatie')}",
            {
                "run_id": run_id,
                "partitie": maand,
                "gepubliceerd_op": published_at,
                "editie": editie.id,
                "codeversie": code,
                "invoer_sha256": editie.invoer_sha256,
                "tabellen": tables,
                "niet_gepubliceerd": [f"kpi.{k}: {v}" for k, v in sorted(skipped.items())],
                "volledig": editie.volledig,
                "vorige_editie": editie.vorige_editie,
                "ontbrekende_bronnen": [f"{d.naam} ({d.reden})" for d in editie.ontbrekend],
                "delivery_ids": [lev.delivery_id for lev in editie.invoer],
            },
        )
        _comment_all(conn)
        assert_aggregates_only(conn, _ALIAS, plan)

        parquet_dir.mkdir(parents=True)
        for table in tables:
            qualified = f"{_ALIAS}.{SCHEMA}.{quote_ident(table)}"
            conn.sql(f"select * from {qualified}").to_parquet(str(parquet_dir / f"{table}.parquet"))
            rows[table] = int(conn.execute(f"select count(*) from {qualified}").fetchall()[0][0])
            breekpunt.punt("publicatie.parquet_half")
        conn.execute(f"detach database {_ALIAS}")
        attached = False
    except BaseException:
        if attached:
            conn.execute(f"detach database if exists {_ALIAS}")
        db_path.unlink(missing_ok=True)
        Path(str(db_path) + ".wal").unlink(missing_ok=True)
        shutil.rmtree(parquet_dir, ignore_errors=True)
        raise
    return PublishResult(
        db_path,
        parquet_dir,
        tables,
        skipped,
        run_id,
        maand.isoformat(),
        editie.id,
        code,
        published_at,
        rows,
    )


# ---------------------------------------------------------------------------- reading and export


def snapshot_problems(snapshot: Path, editie_id: str) -> list[str]:
    """What is wrong with a published snapshot (empty when it holds): case-level columns, other
    schemas, undocumented columns, rows after the edition month, or another edition."""
    problems: list[str] = []
    with connect_snapshot(snapshot) as conn:
        bad = conn.execute(
            "select table_schema || '.' || table_name || '.' || column_name "
            "from information_schema.columns where list_contains($forbidden, lower(column_name)) "
            "or table_schema <> $s and table_schema not in ('information_schema', 'pg_catalog')",
            {"forbidden": sorted(CASE_LEVEL_COLUMNS), "s": SCHEMA},
        ).fetchall()
        problems += [f"niet toegestaan: {b[0]}" for b in bad]
        undocumented = conn.execute(
            "select table_name || '.' || column_name from duckdb_columns() "
            "where schema_name = $s and (comment is null or comment = '')",
            {"s": SCHEMA},
        ).fetchall()
        problems += [f"geen commentaar: {u[0]}" for u in undocumented]
        rows = conn.execute("select editie, partitie from rapportage.publicatie").fetchall()
        if [r[0] for r in rows] != [editie_id]:
            problems.append(f"publicatie is niet editie {editie_id}: {[r[0] for r in rows]}")
        if rows:
            end = month_end(rows[0][1])
            for table, column in conn.execute(
                "select table_name, column_name from duckdb_columns() where schema_name = $s "
                "and list_contains($cols, column_name) and data_type in ('DATE', 'TIMESTAMP')",
                {"s": SCHEMA, "cols": list(PERIOD_COLUMNS)},
            ).fetchall():
                latest = conn.execute(
                    f"select max({_column(column)}) from {SCHEMA}.{quote_ident(table)}"
                ).fetchall()[0][0]
                if (
                    latest is not None
                    and (latest.date() if isinstance(latest, datetime) else latest) > end
                ):
                    problems.append(
                        f"rapportage.{table}.{column} reikt tot {latest}, na de verslagmaand"
                    )
    return problems


def connect_snapshot(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published snapshot (what analysts do)."""
    return duckdb.connect(str(path or paths.published_db()), read_only=True)
