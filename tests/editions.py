"""Publishing an edition in tests the way the run's last steps do, registering deliveries, and
fingerprinting what a snapshot publishes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from pipelines.lib import archief, editie, publish


def publish_edition(
    conn: duckdb.DuckDBPyConnection,
    maand: str,
    run_id: str = "r",
    checks: dict[str, str] | None = None,
) -> tuple[publish.PublishResult | None, archief.Schakeling]:
    """Build the edition of `maand` (jjjj-mm) aside and make it visible;
    None when it was already published."""
    ed = editie.bepaal(conn, maand)
    result = None
    if not archief.is_gepubliceerd(ed.id):
        archief.begin_bouw(ed.id)
        result = publish.publish_snapshot(
            conn, run_id=run_id, editie=ed, target_dir=archief.bouwmap(ed.id), checks=checks
        )
    return result, archief.schakel(ed.id, maand, {"editie": ed.id})


def register(
    conn: duckdb.DuckDBPyConnection,
    delivery_id: int,
    source: str,
    periods: list[str],
    *,
    status: str = "accepted",
    file_name: str | None = None,
) -> None:
    """A row in the deliveries register (as ingestion writes it), without loading data."""
    conn.execute(
        "insert into meta.deliveries values ($id, $source, $name, 'x', $sha, 10, timestamp "
        "'2026-11-03 08:00', $status, 3, $periods, '1.0.0', $errors, 0, $reasons, null, 'r')",
        {
            "id": delivery_id,
            "source": source,
            "name": file_name or f"{source}_{delivery_id}.csv",
            "sha": f"{delivery_id:064x}",
            "status": status,
            "periods": periods,
            "errors": 0 if status == "accepted" else 1,
            "reasons": None if status == "accepted" else "fout",
        },
    )


# When a file arrived and which run loaded it differ between two warehouses; nothing else may.
CLOCK_AND_RUN = frozenset(
    {
        "received_at",
        "ontvangen",
        "vorige_ontvangen",
        "laatste_levering_ontvangen",
        "run_id",
        "delivery_id",
        "delivery_ids",
        "leveringsnummer",
        "gepubliceerd_op",
    }
)


def snapshot_table_hashes(
    snapshot: Path, skip_tables: frozenset[str] = frozenset()
) -> dict[str, str]:
    """sha256 per table of schema rapportage (rows sorted), without the clock and run columns."""
    out = {}
    with duckdb.connect(str(snapshot), read_only=True) as conn:
        for (name,) in conn.execute(
            "select table_name from duckdb_tables() where schema_name = 'rapportage'"
        ).fetchall():
            if name in skip_tables:
                continue
            cols = [
                c
                for (c,) in conn.execute(
                    "select column_name from duckdb_columns() where schema_name = 'rapportage' "
                    "and table_name = $t order by column_index",
                    {"t": name},
                ).fetchall()
                if c not in CLOCK_AND_RUN
            ]
            select = ", ".join(f'"{c}"' for c in cols)
            rows = sorted(
                map(repr, conn.execute(f'select {select} from rapportage."{name}"').fetchall())
            )
            out[name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return out
