"""Hand-built warehouse states for the indicator tests.

Rows go into `raw.<source>` exactly as an accepted delivery would leave them (contract columns +
_delivery_id, _row_number, _periode), then the real staging SQL builds `stg.<source>`. So the
indicator tests run on the same stg columns the pipeline produces.
"""

from __future__ import annotations

import zlib
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from pipelines.lib import indicators, sqlfiles, staging
from pipelines.lib.contracts import load_contract


def _periode(source: str, row: dict[str, Any]) -> str:
    contract = load_contract(source)
    value = row[contract.revision_period]
    if isinstance(value, date):
        return value.strftime("%Y-%m")
    return str(value)


def add_raw(
    conn: duckdb.DuckDBPyConnection,
    source: str,
    rows: list[dict[str, Any]],
    delivery_id: int,
    file_name: str | None = None,
) -> None:
    """Insert one accepted delivery of `source` into raw (and the deliveries register)."""
    contract = load_contract(source)
    schema = contract.polars_schema()
    records = []
    for i, row in enumerate(rows, start=1):
        record = {c: row.get(c) for c in schema}
        for c in contract.columns:
            if c.suppressed_symbol:
                record[f"{c.name}_onderdrukt"] = bool(row.get(f"{c.name}_onderdrukt", False))
        record |= {"_delivery_id": delivery_id, "_row_number": i, "_periode": _periode(source, row)}
        records.append(record)
    frame = pl.DataFrame(
        records,
        schema={**schema, "_delivery_id": pl.Int64, "_row_number": pl.Int32, "_periode": pl.Utf8},
    )
    conn.register("fixture_rows", frame.to_arrow())
    cols = ", ".join(f'"{c}"' for c in frame.columns)
    conn.execute(f"insert into raw.{source} ({cols}) select {cols} from fixture_rows")
    conn.unregister("fixture_rows")
    conn.execute(
        """insert into meta.deliveries values ($id, $source, $file, $path, $sha, 1, """
        """$received, 'accepted', $rows,
               $periods, '1.0.0', 0, 0, null, null, null)""",
        {
            "id": delivery_id,
            "source": source,
            "file": file_name or f"{source}_{delivery_id}.csv",
            "path": f"/landing/{source}/{file_name}",
            "sha": f"sha-{source}-{delivery_id}",
            "received": datetime(2026, 1, 1, 0, 0, delivery_id % 60),
            "rows": len(rows),
            "periods": sorted({r["_periode"] for r in records}),
        },
    )


def stage(conn: duckdb.DuckDBPyConnection) -> None:
    """Build every stg table from raw with the real staging (per month for case-level sources)."""
    for name in sqlfiles.names("staging"):
        staging.stage(conn, name.split("/", 1)[1])


def run(
    conn: duckdb.DuckDBPyConnection,
    *names: str,
    maand: str | date | None = None,
    taskforce_csv: Path | None = None,
) -> None:
    for name in names:
        indicators.run(conn, name, maand, taskforce_csv=taskforce_csv)


def rows(conn: duckdb.DuckDBPyConnection, sql: str, **params: Any) -> list[dict[str, Any]]:
    rel = conn.sql(sql, params=params or None)
    return [dict(zip(rel.columns, r, strict=True)) for r in rel.fetchall()]


def one(conn: duckdb.DuckDBPyConnection, sql: str, **params: Any) -> dict[str, Any]:
    found = rows(conn, sql, **params)
    assert len(found) == 1, f"verwacht 1 rij, kreeg {len(found)}: {sql}"
    return found[0]


def cbs_row(
    perioden: str,
    eerste: int,
    volgende: int,
    nareizigers: int,
    *,
    status: str = "Definitief",
    nationaliteit: str = "T001059",
    naam: str = "Totaal",
    titel: str | None = None,
) -> dict[str, Any]:
    """A CBS 83102NED row (totals over geslacht and leeftijd);
    totaal = eerste + volgende + nareizigers."""
    return {
        "ID": zlib.crc32(f"{perioden}|{nationaliteit}".encode()),
        "Geslacht": "T001038",
        "Leeftijd": "10000",
        "Nationaliteit": nationaliteit,
        "Perioden": perioden,
        "TotaalAsielverzoeken_1": eerste + volgende + nareizigers,
        "EersteAsielverzoekenPersonen_2": eerste,
        "VolgendeAsielverzoeken_3": volgende,
        "NareizigersPersonen_4": nareizigers,
        "PeriodenStatus": status,
        "PeriodenTitle": titel or perioden,
        "NationaliteitTitle": naam,
    }
