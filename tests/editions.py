"""Publishing an edition in tests the way the run's last steps do, and registering deliveries."""

from __future__ import annotations

import duckdb

from pipelines.lib import archief, editie, publish


def publish_edition(conn: duckdb.DuckDBPyConnection, maand: str, run_id: str = "r",
                    checks: dict[str, str] | None = None) -> tuple[publish.PublishResult | None, archief.Schakeling]:
    """Build the edition of `maand` (jjjj-mm) aside and make it visible; None when it was already published."""
    ed = editie.bepaal(conn, maand)
    result = None
    if not archief.is_gepubliceerd(ed.id):
        archief.begin_bouw(ed.id)
        result = publish.publish_snapshot(conn, run_id=run_id, editie=ed, target_dir=archief.bouwmap(ed.id),
                                          checks=checks)
    return result, archief.schakel(ed.id, maand, {"editie": ed.id})


def register(conn: duckdb.DuckDBPyConnection, delivery_id: int, source: str, periods: list[str], *,
             status: str = "accepted", file_name: str | None = None) -> None:
    """A row in the deliveries register (as ingestion writes it), without loading data."""
    conn.execute(
        "insert into meta.deliveries values ($id, $source, $name, 'x', $sha, 10, timestamp '2026-11-03 08:00', "
        "$status, 3, $periods, '1.0.0', $errors, 0, $reasons, null, 'r')",
        {"id": delivery_id, "source": source, "name": file_name or f"{source}_{delivery_id}.csv",
         "sha": f"{delivery_id:064x}", "status": status, "periods": periods,
         "errors": 0 if status == "accepted" else 1, "reasons": None if status == "accepted" else "fout"},
    )
