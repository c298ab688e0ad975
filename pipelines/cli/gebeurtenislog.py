"""Dagster's SQLite event log kept open for the length of a run in this process.

Dagster's SQLite storage opens and closes a connection for every event it writes (about a thousand
in a first run). A database in WAL mode is checkpointed, written back and synced, each time its
last connection closes, so every event paid for a checkpoint (about 8 ms of the 11 ms of writing
one event here). One idle connection per database, held while the run goes, keeps the others from
being the last: the events are still committed one by one, and SQLite still checkpoints as the
write-ahead log grows (`wal_autocheckpoint`), and once more when the run ends and this connection
closes. The connection reads nothing and holds no lock; other storages than SQLite are left
as they are.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import dagster as dg


@contextlib.contextmanager
def open_for_run(instance: dg.DagsterInstance, run_id: str) -> Iterator[None]:
    """While the block runs, the run's event-log database, the cross-run index and the run
    storage each have one idle connection open (when they are SQLite files)."""
    from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage

    storage = instance.event_log_storage
    if not isinstance(storage, SqliteEventLogStorage):
        yield
        return
    with storage.run_connection(run_id):  # creates the run's database as Dagster makes it
        pass
    files = [Path(storage.path_for_shard(run_id)), Path(storage.path_for_shard("index"))]
    files.append(Path(instance.root_directory) / "history" / "runs.db")
    held: list[sqlite3.Connection] = []
    try:
        for path in files:
            if path.is_file():
                conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
                held.append(conn)
                # SQLite opens the file at the first statement; this one ends at once, so the
                # connection holds no snapshot that would keep a checkpoint from finishing
                conn.execute("select count(*) from sqlite_master").fetchall()
        yield
    finally:
        for conn in held:
            conn.close()
