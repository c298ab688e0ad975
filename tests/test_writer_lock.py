"""One writer at a time, with real processes: two runs at once, a run killed with SIGKILL, and someone
else holding the internal DuckDB file. Nothing is mocked: the CLI runs as a subprocess, the lock is
the OS file lock, the kill is a real signal."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest

from pipelines import cli
from pipelines.lib import archief, paths, schrijver
from tests.conftest import copy_sample

pytestmark = pytest.mark.xdist_group("schrijver")


def _landing(env: Path) -> None:
    copy_sample(env / "landing", ["dtenv_vertrek", "coa_bezetting"])  # small: a run takes seconds


def _start(args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipelines.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env={**os.environ, **(env or {})},
                            cwd=paths.PROJECT_ROOT)


def test_two_runs_at_once_the_second_waits_for_the_first(ketenmonitor_env: Path) -> None:
    _landing(ketenmonitor_env)
    first = _start(["run", "--maand", "2026-10"])
    second = _start(["run", "--maand", "2026-10"])
    outs = [p.communicate(timeout=600)[0] for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outs
    assert sum("Wacht op ketenmonitor run --maand 2026-10 (proces" in o for o in outs) == 1, outs
    for out in outs:
        assert "Conflicting lock" not in out and "IO Error" not in out
    assert archief.huidige_maand() == "2026-10"


def test_a_run_refuses_clearly_when_another_writer_holds_the_lock(ketenmonitor_env: Path) -> None:
    with schrijver.schrijver("een backfill van de beheerder"):
        proc = _start(["run", "--maand", "2026-10"], {schrijver.WAIT_ENV: "0"})
        out = proc.communicate(timeout=300)[0]
    assert proc.returncode == 3, out
    assert f"een backfill van de beheerder (proces {os.getpid()}, sinds" in out
    assert "niet gestart en heeft niets veranderd" in out
    assert not paths.warehouse_db().exists()


def test_someone_holding_the_internal_warehouse_gets_a_clear_message(ketenmonitor_env: Path, capsys) -> None:
    _landing(ketenmonitor_env)
    assert cli.main(["run", "--maand", "2026-10"]) == 0
    reader = ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True); "
              "print('open', flush=True); time.sleep(120)")
    holder = subprocess.Popen([sys.executable, "-c", reader, str(paths.warehouse_db())],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        capsys.readouterr()
        assert cli.main(["run", "--maand", "2026-10"]) == 3
        out = capsys.readouterr().out
    finally:
        holder.kill()
        holder.wait()
    assert "is geopend door een ander programma" in out and "warehouse/published/" in out
    assert "Conflicting lock" not in out and str(paths.PROJECT_ROOT) not in out


def test_a_killed_run_is_marked_failed_alerted_and_never_waited_for(ketenmonitor_env: Path, capsys,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _landing(ketenmonitor_env)
    victim = _start(["run", "--maand", "2026-10"])
    seen = []
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:  # kill it inside the run, once staging has started
        line = victim.stdout.readline()
        seen.append(line)
        if "stg_coa_bezetting" in line:
            break
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    assert victim.returncode == -signal.SIGKILL, "".join(seen)
    with dg.DagsterInstance.get() as instance:
        [killed] = instance.get_runs(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED]))

    assert cli.main(["status"]) == 0
    assert f"Afgebroken run {killed.run_id}" in capsys.readouterr().out

    monkeypatch.setenv(schrijver.WAIT_ENV, "5")  # a dead run must not be waited for at all
    assert cli.main(["run", "--maand", "2026-10"]) == 0
    out = capsys.readouterr().out
    assert f"Run {killed.run_id} is afgebroken" in out and "Wacht op" not in out
    with dg.DagsterInstance.get() as instance:
        assert instance.get_run_by_id(killed.run_id).status == dg.DagsterRunStatus.FAILURE
    alert = json.loads(next((ketenmonitor_env / "alerts").glob(f"*{killed.run_id}.json")).read_text(encoding="utf-8"))
    assert alert["failed_steps"][0]["error"] == "proces verdwenen (afgebroken)"
    # What readers see is one whole edition, and nothing of the dead run is left behind.
    assert archief.huidige_maand() == "2026-10"
    assert not (archief.edities_dir() / archief.BOUW).exists()
    assert not list(paths.published_dir().rglob("*.tmp")) and not list(paths.published_dir().rglob(".*.link"))
    assert schrijver.houder() is None


# Steps after which the run is killed: inside ingestion, between staging and the edition, inside
# the indicators, while the reports are rendered, and while the edition is published.
KILL_AFTER = ["raw_coa_bezetting", "stg_dtenv_vertrek", "editie", "kpi_opvang", "report_begrotingsbijlage",
              "report_maandrapportage"]


# When a file arrived and which run loaded it differ between two warehouses; nothing else may.
CLOCK_AND_RUN = {"received_at", "ontvangen", "vorige_ontvangen", "laatste_levering_ontvangen", "run_id",
                 "delivery_id"}


def _edition_fingerprint() -> dict[str, str]:
    """What readers see: the sha256 of the month's PDFs and HTML twins, and the snapshot's tables."""
    import hashlib

    import duckdb

    out = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
           for p in sorted((paths.reports_output_dir() / "2026-10").iterdir())}
    with duckdb.connect(str(paths.published_db()), read_only=True) as conn:
        for (name,) in conn.execute("select table_name from duckdb_tables() where schema_name = 'rapportage' "
                                    "and table_name <> 'publicatie'").fetchall():
            cols = [c for (c,) in conn.execute(
                "select column_name from duckdb_columns() where schema_name = 'rapportage' and table_name = $t "
                "order by column_index", {"t": name}).fetchall() if c not in CLOCK_AND_RUN]
            select = ", ".join(f'"{c}"' for c in cols)
            rows = sorted(map(repr, conn.execute(f'select {select} from rapportage."{name}"').fetchall()))
            out[f"rapportage.{name}"] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        out["editie"] = conn.execute("select editie from rapportage.publicatie").fetchall()[0][0]
    return out


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from tests.conftest import point_runtime

    root = tmp_path_factory.mktemp("ononderbroken")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KETENMONITOR_LANDING", str(root / "landing"))
        point_runtime(mp, root)
        _landing(root)
        assert cli.main(["run", "--maand", "2026-10"]) == 0
        return _edition_fingerprint()


@pytest.mark.parametrize("step", KILL_AFTER)
def test_a_run_killed_anywhere_costs_nothing(ketenmonitor_env: Path, uninterrupted: dict[str, str],
                                            step: str, capsys) -> None:
    _landing(ketenmonitor_env)
    victim = _start(["run", "--maand", "2026-10"])
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        line = victim.stdout.readline()
        if not line or re.search(rf"\bok\s+{re.escape(step)}\s", line):
            break
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    # Whatever was published before the kill is one whole edition (or nothing yet).
    if paths.published_db().exists():
        assert _edition_fingerprint()["editie"] == uninterrupted["editie"]
    assert cli.main(["run", "--maand", "2026-10"]) == 0
    out = capsys.readouterr().out
    assert "Wacht op" not in out
    assert _edition_fingerprint() == uninterrupted, "the rerun gives exactly what an uninterrupted run gives"
    assert not (archief.edities_dir() / archief.BOUW).exists()
    assert not [p for p in paths.published_dir().rglob("*") if p.name.endswith((".tmp", ".link", ".wal"))]
    with dg.DagsterInstance.get() as instance:
        assert not instance.get_runs(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED]))
