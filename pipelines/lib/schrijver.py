"""One writer at a time: an OS file lock around every process that writes the internal warehouse.

DuckDB allows one writing process; a second one fails on DuckDB's own file lock with an error no
operator can act on. Every writer (the CLI's runs and backfills, and every Dagster run through the
warehouse resource, whether the UI, the schedule or the sensor started it) first takes
`warehouse/.schrijver.lock` with `flock`. The lock belongs to the open file, so it ends with the
process however it ends (also SIGKILL): a dead run never blocks the next one. Who holds it (pid,
since when, what) is written in the file, so a waiting run can say whom it waits for.

Within one process the lock is re-entrant: the CLI holds it for the whole command, and the runs it
executes in process take it again without waiting for themselves.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipelines.lib import instellingen, paths

LOCK_NAME = ".schrijver.lock"
# The run tag of a warehouse writer; pipelines/dagster.yaml limits it to one run at a time.
WAREHOUSE_TAG = {"ketenmonitor/warehouse": "schrijver"}
WAIT_ENV = "KETENMONITOR_WACHT_OP_SCHRIJVER_S"
DEFAULT_WAIT_SECONDS = 600.0


class WarehouseBezet(RuntimeError):
    """Another process writes (or holds) the internal warehouse;
    the message says who and what to do."""


@dataclass(frozen=True)
class Houder:
    pid: int
    sinds: str
    wat: str

    @property
    def tekst(self) -> str:
        return f"{self.wat} (proces {self.pid}, sinds {self.sinds} UTC)"


def lock_path(warehouse_dir: Path | None = None) -> Path:
    return (warehouse_dir or paths.warehouse_dir()) / LOCK_NAME


def wait_seconds() -> float:
    value = instellingen.waarde(WAIT_ENV)
    try:
        return max(0.0, float(value)) if value else DEFAULT_WAIT_SECONDS
    except ValueError:
        return DEFAULT_WAIT_SECONDS


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists on this machine."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by someone else
        return True
    return True


def houder(path: Path | None = None) -> Houder | None:
    """Who holds the lock now (None when nobody does)."""
    path = path or lock_path()
    if not path.exists():
        return None
    with path.open("a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read(path)
        fcntl.flock(fh, fcntl.LOCK_UN)
    return None


def _read(path: Path) -> Houder:
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
        return Houder(
            int(data.get("pid", 0)), str(data.get("sinds", "?")), str(data.get("wat", "een run"))
        )
    except (OSError, ValueError):
        return Houder(0, "?", "een ander proces")


_held: dict[Path, tuple[object, int]] = {}  # lock path -> (open file, depth) in this process
_held_guard = threading.Lock()


@contextlib.contextmanager
def schrijver(
    wat: str,
    *,
    path: Path | None = None,
    wacht: float | None = None,
    emit: Callable[[str], None] | None = None,
) -> Iterator[Houder]:
    """Hold the writer lock for `wat` (e.g. "ketenmonitor run 2026-10"); wait at most `wacht`
    seconds (default: the setting, 600 s) for another holder, then refuse with WarehouseBezet."""
    path = (path or lock_path()).resolve()
    with _held_guard:
        if path in _held:
            fh, depth = _held[path]
            _held[path] = (fh, depth + 1)
            reentrant = True
        else:
            reentrant = False
    if reentrant:
        try:
            yield _read(path)
        finally:
            with _held_guard:
                fh, depth = _held[path]
                _held[path] = (fh, depth - 1)
        return

    path.parent.mkdir(parents=True, exist_ok=True)
    fh = path.open("a+", encoding="utf-8")
    deadline = time.monotonic() + (wait_seconds() if wacht is None else wacht)
    announced = False
    try:
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                other = _read(path)
                if time.monotonic() >= deadline:
                    raise WarehouseBezet(
                        f"Het interne warehouse wordt geschreven door {other.tekst}. "
                        "Er kan één run tegelijk schrijven; deze run is niet gestart en "
                        "heeft niets veranderd. Wacht tot die run klaar is en start opnieuw, "
                        f"of geef meer wachttijd met {WAIT_ENV}."
                    ) from None
                if not announced and emit is not None:
                    emit(f"Wacht op {other.tekst}, die het warehouse nu schrijft ...")
                    announced = True
                time.sleep(0.2)
        me = Houder(os.getpid(), datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S"), wat)
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps({"pid": me.pid, "sinds": me.sinds, "wat": me.wat}, ensure_ascii=False))
        fh.flush()
        with _held_guard:
            _held[path] = (fh, 1)
        try:
            yield me
        finally:
            with _held_guard:
                _held.pop(path, None)
            fh.seek(0)
            fh.truncate()
            fh.flush()
            fcntl.flock(fh, fcntl.LOCK_UN)
    finally:
        fh.close()
