"""The analysts' snapshot of an edition (`ketenmonitor.duckdb` + `parquet/`)
and its data dictionary.

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
import io
import math
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import xlsxwriter
import yaml

from pipelines.lib import breekpunt, csvsafe, formatting, paths, sqlfiles
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


def _quoted(ident: str) -> str:
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
            f"comment on table {_ALIAS}.{SCHEMA}.{_quoted(table)} is "
            f"{_literal(table_comment(table))}"
        )
    for table, column in rows:
        text = column_comment(table, column)
        conn.execute(
            f"comment on column {_ALIAS}.{SCHEMA}.{_quoted(table)}.{_column(column)} is "
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
                f"create table {_ALIAS}.{SCHEMA}.{_quoted(p.name)} as "
                f"select * from {_quoted(p.schema)}.{_quoted(p.source)}{where}",
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
            qualified = f"{_ALIAS}.{SCHEMA}.{_quoted(table)}"
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
                    f"select max({_column(column)}) from {SCHEMA}.{_quoted(table)}"
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


csv_safe = csvsafe.neutralise  # the one formula-safe CSV writer, shared with the report attachments


# How the reports publish the snapshot's fractional columns: decimals per column (first match).
# Any other fraction gets at most 4 decimals, without trailing zeros: never float noise.
EXPORT_DECIMALEN: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"(_pct|percentage)$"), 1),  # percentages as in the tables: 93,8
    (re.compile(r"_mln$"), 1),  # € mln
    (re.compile(r"_per_dag$"), 2),  # the Oekraïne normbedrag per plek per dag: 71,00
    (re.compile(r"^(kosten|kostprijs)"), 0),  # other amounts in euros
    (
        re.compile(
            r"^(projectie_jaareinde|mpp_(min|midden|max)|verschil_midden|doorlooptijd_\w+)$"
        ),
        0,
    ),  # persons, days
    (
        re.compile(r"^(geclaimd_waarde|gemeten_waarde|tolerantie)$"),
        1,
    ),  # as the claims table shows them
)


def export_decimalen(column: str) -> int | None:
    """The decimals a fractional column is exported with (None: at most 4, as needed)."""
    return next((n for pattern, n in EXPORT_DECIMALEN if pattern.search(column)), None)


def _export_tekst(value: Any) -> str:
    """A nested value (a list element, a struct field) as readable text."""
    out = export_waarde(value)
    return out if isinstance(out, str) else str(out)


def export_waarde(value: Any, decimalen: int | None = None) -> str | int:
    """A snapshot value as Dutch Excel reads it from a CSV: a decimal comma and no thousands
    separator, rounded to `decimalen` (see EXPORT_DECIMALEN); ja/nee; ISO dates (a timestamp with a
    space, which Excel recognises); a list as `a, b` and a struct as `(veld: waarde; ...)`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        if not math.isfinite(value):
            return ""
        text = format(formatting.afgerond(value, 4 if decimalen is None else decimalen), "f")
        if decimalen is None and "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace(".", ",")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_export_tekst(v) for v in value)
    if isinstance(value, dict):
        return "(" + "; ".join(f"{k}: {_export_tekst(v)}" for k, v in value.items()) + ")"
    return str(value)


def export_csv(out_dir: Path, snapshot: Path | None = None) -> list[Path]:
    """Every rapportage table as CSV for Dutch Excel: UTF-8 with BOM (so Excel detects the
    encoding), `;`-separated, figures with a decimal comma and rounded as published, ja/nee, lists
    as text (`export_waarde`); text cells neutralised against formula injection (csvsafe)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with connect_snapshot(snapshot) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "select table_name from duckdb_tables() where schema_name = $s order by table_name",
                {"s": SCHEMA},
            ).fetchall()
        ]
        for name in names:
            cursor = conn.execute(f"select * from {SCHEMA}.{_quoted(name)}")
            header = [d[0] for d in cursor.description]
            decimalen = [export_decimalen(h) for h in header]
            rows = (
                [export_waarde(v, n) for v, n in zip(row, decimalen, strict=True)]
                for row in cursor.fetchall()
            )
            target = out_dir / f"{name}.csv"
            with target.open("w", encoding="utf-8-sig", newline="") as fh:
                csvsafe.write(fh, header, rows)
            written.append(target)
    return written


EXPORT_WERKBOEK = "rapportage.xlsx"
_EXCEL_MAX_TEKST = 32_767  # characters in one Excel cell
_INGEKORT = (
    " … (ingekort: Excel houdt niet meer tekens in één cel; de volledige waarde staat "
    "in de snapshot)"
)


def _excel_tekst(text: str) -> str:
    """Text that fits one cell: Excel keeps at most 32.767 characters (the full source file list of
    `publicatie` can be longer); a cut says so instead of losing the end silently."""
    if len(text) <= _EXCEL_MAX_TEKST:
        return text
    return text[: _EXCEL_MAX_TEKST - len(_INGEKORT)] + _INGEKORT


def _bladnamen(tables: list[str]) -> list[str]:
    """Excel sheet names (at most 31 characters, case-blind unique) for the table names."""
    out: list[str] = []
    for name in tables:
        candidate, n = name[:31], 2
        while candidate.lower() in {o.lower() for o in out} | {"inhoud"}:
            candidate, n = f"{name[: 31 - len(str(n)) - 1]}~{n}", n + 1
        out.append(candidate)
    return out


def export_xlsx(out_dir: Path, snapshot: Path | None = None) -> Path:
    """Every rapportage table as a sheet of one workbook (`rapportage.xlsx`), for who wants the
    snapshot in Excel without a CSV import: numbers as numbers (rounded like the CSV), dates as
    dates, ja/nee, lists as text; text always as text, never a formula. A first sheet "Inhoud"
    lists the tables with their description and the edition. Deterministic: dated with the
    edition's publication."""
    out_dir.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    bold = wb.add_format({"bold": True, "bottom": 1})
    formats: dict[str, Any] = {}

    def fmt(pattern: str) -> Any:
        if pattern not in formats:
            formats[pattern] = wb.add_format({"num_format": pattern})
        return formats[pattern]

    with connect_snapshot(snapshot) as conn:
        tables = conn.execute(
            "select table_name, coalesce(comment, '') from duckdb_tables() where schema_name = $s "
            "order by table_name",
            {"s": SCHEMA},
        ).fetchall()
        editie, gepubliceerd = conn.execute(
            "select editie, gepubliceerd_op from rapportage.publicatie"
        ).fetchall()[0]
        wb.set_properties(
            {
                "title": f"Ketenmonitor Asiel en Migratie, snapshot editie {editie}",
                "comments": f"Editie {editie}",
                "created": gepubliceerd,
            }
        )
        inhoud = wb.add_worksheet("Inhoud")
        namen = _bladnamen([t for t, _ in tables])
        for (table, _comment), blad in zip(tables, namen, strict=True):
            ws = wb.add_worksheet(blad)
            cursor = conn.execute(f"select * from {SCHEMA}.{_quoted(table)}")
            header = [d[0] for d in cursor.description]
            decimalen = [export_decimalen(h) for h in header]
            for j, h in enumerate(header):
                ws.write_string(0, j, h, bold)
                ws.set_column(j, j, max(10, min(len(h) + 2, 40)))
            rows = cursor.fetchall()
            for i, row in enumerate(rows, start=1):
                for j, (value, n) in enumerate(zip(row, decimalen, strict=True)):
                    if value is None:
                        continue
                    if isinstance(value, bool):
                        ws.write_string(i, j, "ja" if value else "nee")
                    elif isinstance(value, int):
                        ws.write_number(i, j, value)
                    elif isinstance(value, float | Decimal):
                        if math.isfinite(value):
                            number = float(formatting.afgerond(value, 4 if n is None else n))
                            if n is None:  # the precision is unknown: Excel's own General format
                                ws.write_number(i, j, number)
                            else:
                                ws.write_number(
                                    i, j, number, fmt("#,##0" + ("." + "0" * n if n else ""))
                                )
                    elif isinstance(value, datetime):
                        ws.write_datetime(
                            i, j, value.replace(tzinfo=None), fmt("yyyy-mm-dd hh:mm:ss")
                        )
                    elif isinstance(value, date):
                        ws.write_datetime(
                            i, j, datetime.combine(value, datetime.min.time()), fmt("yyyy-mm-dd")
                        )
                    else:
                        ws.write_string(i, j, _excel_tekst(str(export_waarde(value))))
            ws.freeze_panes(1, 0)
            if header:
                ws.autofilter(0, 0, len(rows), len(header) - 1)
    inhoud.write_string(0, 0, f"Ketenmonitor Asiel en Migratie: snapshot editie {editie}", bold)
    inhoud.write_string(2, 0, "Blad", bold)
    inhoud.write_string(2, 1, "Tabel", bold)
    inhoud.write_string(2, 2, "Beschrijving", bold)
    for r, ((table, comment), blad) in enumerate(zip(tables, namen, strict=True), start=3):
        inhoud.write_url(r, 0, f"internal:'{blad}'!A1", string=blad)
        inhoud.write_string(r, 1, f"{SCHEMA}.{table}")
        inhoud.write_string(r, 2, comment)
    inhoud.set_column(0, 1, 36)
    inhoud.set_column(2, 2, 100)
    inhoud.freeze_panes(3, 0)
    wb.close()
    target = out_dir / EXPORT_WERKBOEK
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(target)
    return target


# ---------------------------------------------------------------------------- data dictionary


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def snapshot_catalog(snapshot: Path) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """What a snapshot holds, read from the snapshot itself: per rapportage table (by name) its
    comment and its columns in table order as (name, type, comment)."""
    with connect_snapshot(snapshot) as conn:
        tables = conn.execute(
            "select table_name, coalesce(comment, '') from duckdb_tables() where schema_name = $s "
            "order by table_name",
            {"s": SCHEMA},
        ).fetchall()
        columns: dict[str, list[tuple[str, str, str]]] = {}
        for table, column, data_type, comment in conn.execute(
            "select table_name, column_name, data_type, coalesce(comment, '') "
            "from duckdb_columns() where schema_name = $s order by table_name, column_index",
            {"s": SCHEMA},
        ).fetchall():
            columns.setdefault(table, []).append((column, data_type, comment))
    return [(table, comment, columns.get(table, [])) for table, comment in tables]


def datadictionary_markdown(snapshot: Path | None = None) -> str:
    """docs/datadictionary.md, generated from a published snapshot (default: the current one): its
    tables, columns, types and comments exactly as an analyst's client sees them."""
    catalog = snapshot_catalog(snapshot or paths.published_db())
    out = [
        "# Datadictionary Ketenmonitor Asiel en Migratie",
        "",
        "<!-- Gegenereerd door `ketenmonitor datadictionary` uit de gepubliceerde snapshot "
        "zelf (tabellen,",
        "     kolommen, typen en commentaar). Niet met de hand bewerken. -->",
        "",
        "De gepubliceerde snapshot `warehouse/published/ketenmonitor.duckdb` "
        "(alleen-lezen openen) en de",
        "Parquet-kopieën in `warehouse/published/parquet/` bevatten schema "
        "`rapportage`: één tabel per",
        "indicator plus `leveringen`, `datakwaliteit`, `bijstellingen_editie` en "
        "`publicatie`. Alleen",
        "geaggregeerde cijfers: geen tabel op zaakniveau; de IND-cijfers alleen "
        "afgerond op tientallen,",
        "cellen onder 10 onderdrukt. Voorbeeldvragen staan in [analisten.md](analisten.md).",
        "",
        "Dit document is het commentaar van de database zelf; in elke DuckDB-client leest "
        "u hetzelfde met",
        "`select table_name, column_name, data_type, comment from duckdb_columns() "
        "where schema_name =",
        "'rapportage'` (en `duckdb_tables()` voor de tabellen). De typen zijn "
        "DuckDB-typen; in Parquet",
        "heten ze anders (`VARCHAR` is een string, `BIGINT` int64, `DOUBLE` float64).",
        "",
        "## Tabellen",
        "",
        "| tabel | kolommen | beschrijving |",
        "|---|---|---|",
    ]
    out += [
        f"| [`{t}`](#rapportage{t}) | {len(cols)} | {_md(_first_sentence(c))} |"
        for t, c, cols in catalog
    ]
    out.append("")
    for table, comment, columns in catalog:
        out += [
            f"## rapportage.{table}",
            "",
            _md(comment),
            "",
            "| kolom | type | beschrijving |",
            "|---|---|---|",
        ]
        out += [f"| `{c}` | {_md(data_type)} | {_md(text)} |" for c, data_type, text in columns]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?\.)(\s|$)", text)
    return match.group(1) if match else text


def datadictionary_path() -> Path:
    return paths.DOCS_DIR / "datadictionary.md"


def write_datadictionary(path: Path | None = None, snapshot: Path | None = None) -> Path:
    path = path or datadictionary_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(datadictionary_markdown(snapshot), encoding="utf-8")
    return path
