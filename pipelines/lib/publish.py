"""The analysts' snapshot: `warehouse/published/ketenmonitor.duckdb` + `parquet/`, and its data dictionary.

Analysts never open the internal warehouse (DuckDB allows one writer *or* many readers). The
last step of every successful run builds a fresh snapshot from the writer's own connection:

1. `ATTACH` a new file under a temporary name in the published folder;
2. copy into schema `rapportage`: every `kpi.*` table that holds aggregates (case-derived
   indicators only in their disclosed `*_openbaar` form), plus `leveringen`, `datakwaliteit`
   and `publicatie` (sql/publish/*.sql);
3. `COMMENT ON` every table and column (see `column_comment` for where the text comes from);
4. refuse to publish when a table has a case-level column (`zaak_id`) or is read from
   `raw`/`stg`, before anything becomes visible;
5. write the Parquet copies to a new version folder;
6. `os.replace` the new file over the old one and swap the `parquet` symlink to the new folder.

Readers that have the old file open keep reading their snapshot (same inode); a new
connection sees the new one. Identifiers in SQL come from the catalog of our own warehouse
and are quoted; values go in as parameters, except comment texts and the attach path, which
DuckDB only takes as literals (escaped by `_literal`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl

from pipelines.lib import csvsafe, paths, sqlfiles
from pipelines.lib.contracts import SOURCES, all_contracts
from pipelines.lib.versioning import code_version

SNAPSHOT_NAME = "ketenmonitor.duckdb"
SCHEMA = "rapportage"
PUBLISH_TABLES = ("leveringen", "datakwaliteit", "publicatie")  # from sql/publish/, reserved names
DISCLOSED_SUFFIX = "_openbaar"
# Indicators computed from case-level data (IND zaken): published only as kpi.<name>_openbaar,
# the version rounded to tens with cells under 10 suppressed (pipelines/lib/disclosure.py).
CASE_DERIVED: frozenset[str] = frozenset({"ind_afhandeling"})
CASE_LEVEL_COLUMNS: frozenset[str] = frozenset({"zaak_id"})
# Schemas whose tables never leave the internal warehouse, directly or through a kpi view.
INTERNAL_RELATIONS = re.compile(r"\b(raw|quarantine)\s*\.|\bstg\s*\.\s*\"?ind_zaken\b", re.IGNORECASE)
PARQUET_VERSIONS_DIR = ".parquet-versies"
_ALIAS = "ketenmonitor_publicatie"
_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")

# Generic column names in many kpi tables; the contracts describe delivered columns.
GLOSSARY: dict[str, str] = {
    "maand": "Maand waarop het cijfer betrekking heeft.",
    "jaar": "Kalenderjaar waarop het cijfer betrekking heeft.",
    "kwartaal": "Kwartaal waarop het cijfer betrekking heeft.",
    "halfjaar": "Halfjaar: H1 = januari-juni, H2 = juli-december.",
    "periode": "Periode waarop het cijfer betrekking heeft.",
    "peildatum": "Datum van de stand (laatste dag van de maand).",
    "voorlopig": "Waar als het cijfer (of een deel ervan) voorlopig is; in de rapporten gemarkeerd met *.",
    "revisies": "Aantal leveringen van deze periode; meer dan 1 betekent dat het cijfer is bijgesteld.",
    "gemeentecode": "CBS-gemeentecode (GM + 4 cijfers).",
    "gemeentenaam": "Naam van de gemeente.",
    "rang": "Positie in de rangorde (1 = grootste).",
    "bron": "Bron (datacontract) of herkomst van het cijfer.",
}

FALLBACK_COMMENT = (
    "{label}. Geen eigen beschrijving: zie de beschrijving van tabel {schema}.{table} "
    "en docs/datadictionary.md."
)


class PublicationError(RuntimeError):
    """The snapshot would break a publication rule; nothing was published."""


# ---------------------------------------------------------------------------- documentation


@dataclass(frozen=True)
class SqlDoc:
    """The header of a SQL file split into the table description and per-column lines."""

    description: str
    columns: dict[str, str]
    clauses: tuple[str, ...]


_COLUMN_LINE = re.compile(r"^([a-z_][a-z0-9_]*):\s+(.+)$")


def sql_doc(name: str) -> SqlDoc:
    """Parse `sql/<name>.sql`'s header: lines `kolom: beschrijving` document a column (an
    indented line continues it; a line continuing an unfinished sentence is prose); the other
    lines are the table description."""
    description: list[str] = []
    columns: dict[str, str] = {}
    last: str | None = None
    previous = ""
    for line in sqlfiles.header(name).splitlines():
        match = _COLUMN_LINE.match(line)
        # `x: ...` right after a line that ends mid-sentence continues that sentence.
        mid_sentence = bool(previous) and last is None and not previous.rstrip().endswith((".", ";", ":", ")"))
        previous = line
        if match and not mid_sentence:
            last = match.group(1)
            columns[last] = match.group(2).strip()
        elif last and line.startswith("  "):
            columns[last] += " " + line.strip()
        else:
            last = None
            description.append(line.strip())
    text = " ".join(x for x in description if x)
    clauses = tuple(c.strip() for c in re.split(r";|\.\s+|\n", text) if c.strip())
    return SqlDoc(text, columns, clauses)


_DEFINITION = re.compile(
    r"(?:^|(?<=[:,]\s))((?:<[a-z]+>|[a-z0-9_])+)\s*=\s*(.+?)(?=,\s*(?:<[a-z]+>|[a-z0-9_])+\s*=|$)"
)


def _clause_for(column: str, doc: SqlDoc, columns: frozenset[str] | None = None) -> str | None:
    """A definition in the header prose: `kolom = ...` at the start of a clause (or after `label: `
    or `, `), also as a template (`<m>_vj = ...`). `(x = false)` inside a sentence is no definition.
    With the table's `columns`, a template only applies when what fills the placeholder is itself
    a column (`<m>_vj` documents `eerste_vj` because `eerste` is a column), so `groei_<soort>` does
    not claim `groei_gedwongen_pct`."""
    for clause in doc.clauses:
        for token, rest in _DEFINITION.findall(clause):
            parts = [part for part in re.split(r"(<[a-z]+>)", token) if part]
            pattern = "".join("([a-z0-9_]+)" if part.startswith("<") else re.escape(part) for part in parts)
            match = re.fullmatch(pattern, column)
            if match and (columns is None or all(g in columns for g in match.groups())):
                return f"{token} = {rest.strip().rstrip(',')}"
    return None


def _mention_for(column: str, doc: SqlDoc) -> str | None:
    """A weaker hint from the header prose: `kolom (uitleg)`."""
    for clause in doc.clauses:
        match = re.search(rf"(?<![a-z0-9_]){re.escape(column)} \(([^)]+)\)", clause)
        if match:
            return f"{column}: {match.group(1)}"
    return None


def _contract_descriptions() -> dict[str, str]:
    found: dict[str, str] = {}
    for contract in all_contracts():
        for col in contract.columns:
            if col.description:
                found.setdefault(col.name, col.description)
    return found


def indicator_tables() -> dict[str, str]:
    """kpi table -> the sql/indicators file that defines it (header starting `kpi.<table>:`),
    preferring the file named after the table."""
    found: dict[str, str] = {}
    for name in sqlfiles.names("indicators"):
        match = re.match(r"kpi\.([a-z_][a-z0-9_]*):", sqlfiles.header(name))
        if match and (match.group(1) not in found or name.endswith("/" + match.group(1))):
            found[match.group(1)] = name
    return dict(sorted(found.items()))


def _merge(first: SqlDoc, second: SqlDoc) -> SqlDoc:
    return SqlDoc(f"{first.description} {second.description}".strip(), second.columns | first.columns,
                  first.clauses + second.clauses)


def _indicator_doc(table: str) -> SqlDoc | None:
    """The documentation of kpi.<table>; a disclosed table also inherits its base table's definitions."""
    files = indicator_tables()
    doc = sql_doc(files[table]) if table in files else None
    base = table.removesuffix(DISCLOSED_SUFFIX)
    if base != table and base in files:
        doc = _merge(doc, sql_doc(files[base])) if doc else sql_doc(files[base])
    return doc


def column_comment(table: str, column: str, *, source_comment: str | None = None,
                   doc: SqlDoc | None = None, columns: frozenset[str] | None = None) -> str:
    """The comment of `rapportage.<table>.<column>`, from the first that has one:
    the kpi column's own DuckDB comment; a `kolom: ...` line in the SQL header; a definition
    `kolom = ...` in the header prose; the glossary; the same-named column in a data contract;
    a mention `kolom (...)` in the header prose; else the documented fallback text."""
    if source_comment:
        return source_comment
    if doc is not None:
        if column in doc.columns:
            return doc.columns[column]
        clause = _clause_for(column, doc, columns)
        if clause:
            return clause
    if column in GLOSSARY:
        return GLOSSARY[column]
    if column.endswith("_onderdrukt"):
        return f"Waar als {column.removesuffix('_onderdrukt')} onderdrukt is (bron toont '.'); telt als 0 in sommen."
    contract = _contract_descriptions().get(column)
    if contract:
        return contract
    mention = _mention_for(column, doc) if doc is not None else None
    if mention:
        return mention
    label = column.replace("_", " ").capitalize()
    return FALLBACK_COMMENT.format(label=label, schema=SCHEMA, table=table)


def table_comment(table: str, source: str | None = None, source_comment: str | None = None) -> str:
    """The comment of `rapportage.<table>`, copied from kpi.<source> (default: the same name)."""
    if table in PUBLISH_TABLES:
        return sql_doc(f"publish/{table}").description
    source = source or (f"{table}{DISCLOSED_SUFFIX}" if table in CASE_DERIVED else table)
    parts = []
    if source.endswith(DISCLOSED_SUFFIX):
        parts.append(f"Openbare versie van kpi.{table} (uit kpi.{source}): aantallen uit zaakniveau-gegevens "
                     "afgerond op tientallen, cellen onder 10 onderdrukt.")
    doc = _indicator_doc(source)
    if doc:
        parts.append(doc.description)
    if source_comment and source_comment not in parts:
        parts.append(source_comment)
    return " ".join(parts) or f"Indicator {table} (kpi.{source}), gepubliceerd door Ketenmonitor."


# ---------------------------------------------------------------------------- versions


def input_hashes(conn: duckdb.DuckDBPyConnection) -> str:
    """SHA-256 over the sorted sha256 of every accepted delivery (what the figures rest on)."""
    rows = conn.execute(
        "select source, sha256 from meta.deliveries where status = 'accepted' order by source, sha256"
    ).fetchall()
    return hashlib.sha256("\n".join(f"{s}:{h}" for s, h in rows).encode()).hexdigest()


def edition_id(partition: str, code: str, inputs: str) -> str:
    """`<yyyy-mm>-<12 hex>`: the same month, code and deliveries give the same edition."""
    return f"{partition[:7]}-{hashlib.sha256(f'{partition}|{code}|{inputs}'.encode()).hexdigest()[:12]}"


# ---------------------------------------------------------------------------- what to publish


@dataclass(frozen=True)
class PlannedTable:
    name: str  # in schema rapportage
    source: str  # the relation it is copied from, in `schema`
    source_comment: str | None = None
    schema: str = "kpi"


def plan_tables(conn: duckdb.DuckDBPyConnection) -> tuple[list[PlannedTable], dict[str, str]]:
    """The kpi relations to publish (as rapportage.<name>) and the ones left out, with the reason."""
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
        "select table_name, column_name from duckdb_columns() where database_name = $db and schema_name = 'kpi'",
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
            skipped[name] = f"afgeleid van zaakniveau; de openbare versie kpi.{name}{DISCLOSED_SUFFIX} ontbreekt"
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
    """A column name from our own catalog, quoted (column names are copied as the kpi table has them)."""
    return '"' + name.replace('"', '""') + '"'


def _select_sql(name: str) -> str:
    return sqlfiles.load(f"publish/{name}").strip().rstrip(";")


def _sources_frame(checks: Mapping[str, str] | None) -> pl.DataFrame:
    contracts = {c.source: c for c in all_contracts()}
    return pl.DataFrame(
        {
            "bron": list(SOURCES),
            "ketenpartner": [contracts[s].chain_partner for s in SOURCES],
            "contractversie": [contracts[s].version for s in SOURCES],
            "contractcheck": [(checks or {}).get(s, "onbekend") for s in SOURCES],
        }
    )


def datakwaliteit(conn: duckdb.DuckDBPyConnection, maand: date, checks: Mapping[str, str] | None = None
                  ) -> pl.DataFrame:
    """rapportage.datakwaliteit for a reporting month, from the deliveries register."""
    conn.register("bronnen", _sources_frame(checks).to_arrow())
    try:
        return conn.sql(_select_sql("datakwaliteit"), params={"maand": maand}).pl()
    finally:
        conn.unregister("bronnen")


def _comment_all(conn: duckdb.DuckDBPyConnection, plan: list[PlannedTable]) -> None:
    src_comments = {p.name: p for p in plan}
    rows = conn.execute(
        "select table_name, column_name from duckdb_columns() where database_name = $db and schema_name = $s "
        "order by table_name, column_index",
        {"db": _ALIAS, "s": SCHEMA},
    ).fetchall()
    source_col_comments = {
        (t, c): comment
        for t, c, comment in conn.execute(
            "select table_name, column_name, comment from duckdb_columns() "
            "where database_name = current_database() and schema_name = 'kpi' and comment is not null "
            "and comment <> ''"
        ).fetchall()
    }
    docs: dict[str, SqlDoc | None] = {}
    for table in sorted({t for t, _ in rows}):
        planned = src_comments.get(table)
        docs[table] = sql_doc(f"publish/{table}") if table in PUBLISH_TABLES else _indicator_doc(planned.source)
        comment = table_comment(table, planned.source if planned else None, planned.source_comment if planned else None)
        conn.execute(f"comment on table {_ALIAS}.{SCHEMA}.{_quoted(table)} is {_literal(comment)}")
    table_columns: dict[str, set[str]] = {}
    for table, column in rows:
        table_columns.setdefault(table, set()).add(column)
    for table, column in rows:
        planned = src_comments.get(table)
        source_comment = source_col_comments.get((planned.source, column)) if planned else None
        text = column_comment(table, column, source_comment=source_comment, doc=docs[table],
                              columns=frozenset(table_columns[table]))
        conn.execute(
            f"comment on column {_ALIAS}.{SCHEMA}.{_quoted(table)}.{_column(column)} is {_literal(text)}"
        )


def assert_aggregates_only(conn: duckdb.DuckDBPyConnection, database: str, plan: list[PlannedTable]) -> None:
    """Raise PublicationError when a published table holds case-level data or comes from raw/stg."""
    for p in plan:
        if p.schema != "kpi" or p.source in CASE_DERIVED:
            raise PublicationError(f"rapportage.{p.name} zou uit {p.schema}.{p.source} komen: niet toegestaan")
    bad = conn.execute(
        "select table_schema || '.' || table_name || '.' || column_name from information_schema.columns "
        "where table_catalog = $db and list_contains($forbidden, lower(column_name))",
        {"db": database, "forbidden": sorted(CASE_LEVEL_COLUMNS)},
    ).fetchall()
    if bad:
        raise PublicationError("zaakniveau-kolommen in de publicatie: " + ", ".join(r[0] for r in bad))
    schemas = conn.execute(
        "select distinct schema_name from duckdb_tables() where database_name = $db", {"db": database}
    ).fetchall()
    if {s for (s,) in schemas} - {SCHEMA}:
        raise PublicationError(f"de publicatie bevat andere schema's dan {SCHEMA}: {schemas}")


def publish_snapshot(
    conn: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    partition: str,
    checks: Mapping[str, str] | None = None,
    target_dir: Path | None = None,
) -> PublishResult:
    """Build the analysts' snapshot from the writer connection and swap it into place."""
    target_dir = target_dir or paths.published_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    plan, skipped = plan_tables(conn)
    code = code_version()
    inputs = input_hashes(conn)
    edition = edition_id(partition, code, inputs)
    published_at = datetime.now(UTC).replace(tzinfo=None)
    token = f"{published_at:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    tmp_db = target_dir / f".{SNAPSHOT_NAME}.{token}.tmp"
    tmp_parquet = target_dir / PARQUET_VERSIONS_DIR / f".{token}.tmp"
    tables = sorted([p.name for p in plan] + list(PUBLISH_TABLES))
    rows: dict[str, int] = {}

    conn.execute(f"detach database if exists {_ALIAS}")
    conn.execute(f"attach {_literal(str(tmp_db))} as {_ALIAS}")
    attached = True
    try:
        conn.execute(f"create schema {_ALIAS}.{SCHEMA}")
        for p in plan:
            conn.execute(f"create table {_ALIAS}.{SCHEMA}.{_quoted(p.name)} as "
                         f"select * from {_quoted(p.schema)}.{_quoted(p.source)}")
        conn.execute(f"create table {_ALIAS}.{SCHEMA}.leveringen as {_select_sql('leveringen')}")
        conn.register("bronnen", _sources_frame(checks).to_arrow())
        try:
            conn.execute(f"create table {_ALIAS}.{SCHEMA}.datakwaliteit as {_select_sql('datakwaliteit')}",
                         {"maand": date.fromisoformat(partition[:7] + "-01")})
        finally:
            conn.unregister("bronnen")
        conn.execute(
            f"create table {_ALIAS}.{SCHEMA}.publicatie as {_select_sql('publicatie')}",
            {"run_id": run_id, "partitie": partition[:7] + "-01", "gepubliceerd_op": published_at,
             "editie": edition, "codeversie": code, "invoer_sha256": inputs, "tabellen": tables,
             "niet_gepubliceerd": [f"kpi.{k}: {v}" for k, v in sorted(skipped.items())]},
        )
        _comment_all(conn, plan)
        assert_aggregates_only(conn, _ALIAS, plan)

        tmp_parquet.mkdir(parents=True)
        for table in tables:
            qualified = f"{_ALIAS}.{SCHEMA}.{_quoted(table)}"
            conn.sql(f"select * from {qualified}").to_parquet(str(tmp_parquet / f"{table}.parquet"))
            rows[table] = int(conn.execute(f"select count(*) from {qualified}").fetchall()[0][0])
        conn.execute(f"detach database {_ALIAS}")
        attached = False
        target = target_dir / SNAPSHOT_NAME
        os.replace(tmp_db, target)
    except BaseException:
        if attached:
            conn.execute(f"detach database if exists {_ALIAS}")
        tmp_db.unlink(missing_ok=True)
        Path(str(tmp_db) + ".wal").unlink(missing_ok=True)
        shutil.rmtree(tmp_parquet, ignore_errors=True)
        raise
    parquet_dir = _swap_parquet(target_dir, tmp_parquet, token)
    return PublishResult(target, parquet_dir, tables, skipped, run_id, partition, edition, code, published_at, rows)


def _swap_parquet(target_dir: Path, new_version: Path, token: str) -> Path:
    """Make `parquet` point at the new version folder in one atomic step (a symlink replaced
    with os.replace), then drop versions older than the previous one."""
    versions = target_dir / PARQUET_VERSIONS_DIR
    final = versions / token
    new_version.rename(final)
    link = target_dir / "parquet"
    previous: Path | None = None
    if link.is_symlink():
        previous = link.resolve()
    elif link.exists():  # a plain folder from elsewhere: move it aside once
        previous = link.rename(versions / f"{token}-oud")
    tmp_link = target_dir / f".parquet.{token}.tmp"
    tmp_link.symlink_to(Path(PARQUET_VERSIONS_DIR) / token, target_is_directory=True)
    os.replace(tmp_link, link)
    # Keep the new version and the one readers may still be in; never judge by name order
    # (two publications within one second have tokens that sort at random).
    keep = {final.resolve(), previous}
    for stale in versions.iterdir():
        if stale.is_dir() and not stale.name.startswith(".") and stale.resolve() not in keep:
            shutil.rmtree(stale, ignore_errors=True)
    return link


# ---------------------------------------------------------------------------- reading and export


def connect_snapshot(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published snapshot (what analysts do)."""
    return duckdb.connect(str(path or paths.published_db()), read_only=True)


csv_safe = csvsafe.neutralise  # the one formula-safe CSV writer, shared with the report attachments


def export_csv(out_dir: Path, snapshot: Path | None = None) -> list[Path]:
    """Every rapportage table as CSV (UTF-8 with BOM, `;`-separated for Dutch Excel), text cells
    neutralised against formula injection. Nested values are written as their text form."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with connect_snapshot(snapshot) as conn:
        names = [r[0] for r in conn.execute(
            "select table_name from duckdb_tables() where schema_name = $s order by table_name", {"s": SCHEMA}
        ).fetchall()]
        for name in names:
            cursor = conn.execute(f"select * from {SCHEMA}.{_quoted(name)}")
            header = [d[0] for d in cursor.description]
            target = out_dir / f"{name}.csv"
            with target.open("w", encoding="utf-8-sig", newline="") as fh:
                csvsafe.write(fh, header, cursor.fetchall())
            written.append(target)
    return written


# ---------------------------------------------------------------------------- data dictionary


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def datadictionary_markdown() -> str:
    """docs/datadictionary.md, generated from the data contracts and the SQL headers."""
    out = [
        "# Datadictionary Ketenmonitor Asiel en Migratie",
        "",
        "<!-- Gegenereerd door `ketenmonitor datadictionary` uit data_contracts/*.odcs.yaml en de",
        "     kopcommentaren van sql/indicators/*.sql en sql/publish/*.sql. Niet met de hand bewerken. -->",
        "",
        "De gepubliceerde snapshot `warehouse/published/ketenmonitor.duckdb` (alleen-lezen openen) en de",
        "Parquet-kopieën in `warehouse/published/parquet/` bevatten schema `rapportage`: één tabel per",
        "indicator plus `leveringen`, `datakwaliteit` en `publicatie`. Alleen geaggregeerde cijfers:",
        f"geen tabel op zaakniveau; indicatoren uit zaakniveau-gegevens ({', '.join(sorted(CASE_DERIVED))})",
        "alleen afgerond op tientallen, cellen onder 10 onderdrukt.",
        "Voorbeeldvragen staan in [analisten.md](analisten.md).",
        "",
        "Elke tabel en kolom in de snapshot heeft een commentaar (`duckdb_columns().comment`). Het",
        "kolomcommentaar komt uit de eerste bron die er een heeft: (1) het commentaar op de kolom in het",
        "interne warehouse; (2) een regel `kolom: beschrijving` in de kop van het SQL-bestand; (3) een",
        "definitie in die kop (`kolom = ...`, ook sjablonen als `<m>_vj = ...` wanneer `<m>` zelf een kolom",
        "is); (4) de woordenlijst hieronder; (5) de beschrijving van een gelijknamige kolom in een",
        "datacontract; (6) een vermelding `kolom (uitleg)` in de kop; (7) anders de vaste tekst:",
        "*\"" + FALLBACK_COMMENT.format(label="<Kolomnaam>", schema=SCHEMA, table="<tabel>") + "\"*",
        "",
        "## Indicatoren (schema rapportage)",
        "",
    ]
    tables = indicator_tables()
    for table, name in tables.items():
        if table in CASE_DERIVED or f"{table}{DISCLOSED_SUFFIX}" in tables:
            continue  # internal; documented under its disclosed version
        published = table.removesuffix(DISCLOSED_SUFFIX)
        doc = _indicator_doc(table)
        out += [f"### rapportage.{published}", "", f"Bron: `sql/{name}.sql` (tabel `kpi.{table}`).", "",
                table_comment(published, table), ""]
        if doc and doc.columns:
            out += ["| kolom | beschrijving |", "|---|---|"]
            out += [f"| `{c}` | {_md(d)} |" for c, d in doc.columns.items()]
            out.append("")
    out += ["Tabellen die een indicator-asset buiten deze SQL-bestanden maakt (bijvoorbeeld `beleidsclaims`),",
            "staan met hun tabel- en kolomcommentaar in de snapshot zelf.", ""]
    out += ["## Publicatietabellen", ""]
    for table in PUBLISH_TABLES:
        doc = sql_doc(f"publish/{table}")
        out += [f"### rapportage.{table}", "", f"Bron: `sql/publish/{table}.sql`.", "", doc.description, "",
                "| kolom | beschrijving |", "|---|---|"]
        out += [f"| `{c}` | {_md(d)} |" for c, d in doc.columns.items()]
        out.append("")
    out += ["## Woordenlijst (veelvoorkomende kolommen)", "", "| kolom | beschrijving |", "|---|---|"]
    out += [f"| `{c}` | {_md(d)} |" for c, d in GLOSSARY.items()]
    out += ["| `<x>_onderdrukt` | Waar als `<x>` onderdrukt is (bron toont '.'); telt als 0 in sommen. |", ""]
    out += ["## Bronnen (datacontracten)", "",
            "Wat de ketenpartners leveren; deze tabellen blijven intern (`raw`, `stg`), maar hun",
            "kolombeschrijvingen documenteren gelijknamige kolommen in `rapportage`.", ""]
    for contract in all_contracts():
        out += [
            f"### {contract.source}",
            "",
            f"{contract.title} Ketenpartner: {contract.chain_partner}.",
            f"Contract `data_contracts/{contract.source}.odcs.yaml`, versie {contract.version}.",
            "",
            contract.purpose,
            "",
            "| kolom | type | verplicht | beschrijving |",
            "|---|---|---|---|",
        ]
        out += [
            f"| `{c.name}` | {c.logical_type} | {'ja' if c.required else 'nee'} | {_md(c.description)} |"
            for c in contract.columns
        ]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def datadictionary_path() -> Path:
    return paths.DOCS_DIR / "datadictionary.md"


def write_datadictionary(path: Path | None = None) -> Path:
    path = path or datadictionary_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(datadictionary_markdown(), encoding="utf-8")
    return path
