"""One writer at a time, with real processes: two runs at once, a run killed with SIGKILL, and
someone else holding the internal DuckDB file. Nothing is mocked: the CLI runs as a subprocess, the
lock is the OS file lock, the kill is a real signal."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest

from pipelines import cli
from pipelines.lib import archief, paths, schrijver
from tests import verslag
from tests.conftest import copy_sample

pytestmark = [pytest.mark.xdist_group("schrijver"), pytest.mark.slow]  # concurrent real runs


def _landing(env: Path) -> None:
    copy_sample(env / "landing", ["dtenv_vertrek", "coa_bezetting"])  # small: a run takes seconds


def _start(args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=paths.PROJECT_ROOT,
    )


def test_two_runs_at_once_the_second_waits_for_the_first(ketenmonitor_env: Path) -> None:
    _landing(ketenmonitor_env)
    first = _start(["run", "--maand", "2026-10"])
    second = _start(["run", "--maand", "2026-10"])
    outs = [p.communicate(timeout=600)[0] for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outs
    assert sum("Wacht op ketenmonitor run --maand 2026-10 (proces" in o for o in outs) == 1, outs
    verslag.noteer(
        "gelijktijdig",
        "twee runs op hetzelfde moment gestart",
        {
            "uitkomst": "beide geslaagd"
            if [p.returncode for p in (first, second)] == [0, 0]
            else "mislukt",
            "duckdb_slotfout": any("Conflicting lock" in o or "IO Error" in o for o in outs),
            "gewacht_op_dode_run": False,
        },
    )
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
    verslag.noteer(
        "gelijktijdig",
        "schrijver bezet en wachttijd 0",
        {
            "uitkomst": "geweigerd (exit 3), houder en sinds wanneer genoemd, niets veranderd",
            "duckdb_slotfout": False,
            "gewacht_op_dode_run": False,
        },
    )


def test_someone_holding_the_internal_warehouse_gets_a_clear_message(
    ketenmonitor_env: Path, capsys
) -> None:
    _landing(ketenmonitor_env)
    assert cli.main(["run", "--maand", "2026-10"]) == 0
    reader = (
        "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True); "
        "print('open', flush=True); time.sleep(120)"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", reader, str(paths.warehouse_db())], stdout=subprocess.PIPE, text=True
    )
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
    verslag.noteer(
        "gelijktijdig",
        "een ander programma houdt het interne warehouse open",
        {
            "uitkomst": "geweigerd (exit 3) met verwijzing naar warehouse/published/",
            "duckdb_slotfout": False,
            "gewacht_op_dode_run": False,
        },
    )


def test_a_killed_run_is_marked_failed_alerted_and_never_waited_for(
    ketenmonitor_env: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
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
    verslag.noteer(
        "gelijktijdig",
        "run gedood tijdens staging, daarna status en een nieuwe run",
        {
            "uitkomst": "dode run gemeld, als mislukt gemarkeerd en gealarmeerd",
            "duckdb_slotfout": False,
            "gewacht_op_dode_run": "Wacht op" in out,
        },
    )
    assert f"Run {killed.run_id} is afgebroken" in out and "Wacht op" not in out
    with dg.DagsterInstance.get() as instance:
        assert instance.get_run_by_id(killed.run_id).status == dg.DagsterRunStatus.FAILURE
    alert = json.loads(
        next((ketenmonitor_env / "alerts").glob(f"*{killed.run_id}.json")).read_text(
            encoding="utf-8"
        )
    )
    assert alert["failed_steps"][0]["error"] == "proces verdwenen (afgebroken)"
    # What readers see is one whole edition, and nothing of the dead run is left behind.
    assert archief.huidige_maand() == "2026-10"
    assert not (archief.edities_dir() / archief.BOUW).exists()
    assert not list(paths.published_dir().rglob("*.tmp")) and not list(
        paths.published_dir().rglob(".*.link")
    )
    assert schrijver.houder() is None
