"""The data dictionary of the published snapshot (docs/datadictionary.md): every table and column
with its Dutch description, generated from the snapshot's own comments."""

from __future__ import annotations

import re
from pathlib import Path

from pipelines.lib import paths
from pipelines.lib.publish import SCHEMA, connect_snapshot


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
