"""A run killed with SIGKILL anywhere costs nothing.

Edition A of 2026-10 is published. Then a revised COA delivery and a bad one arrive and the run that
makes edition B is killed: after a step (the kill follows the step's log line) or at one of the
named crash points of `pipelines.lib.breekpunt` (inside the ingest transaction, halfway through
writing each report, while the snapshot and its Parquet copy are built, between the steps that make
the edition visible). At the moment of the kill readers see all of A or all of B, never a mix.
After the next run: no temp file, no build folder, no quarantine copy without its register row, no
run left STARTED, no wait for the dead run, and every PDF, HTML twin and snapshot table
byte-for-byte what a run that was never interrupted gives.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pypdf
import pytest

from pipelines import cli
from pipelines.lib import archief, breekpunt, paths, schrijver
from tests import verslag
from tests.conftest import copy_sample, point_runtime
from tests.editions import snapshot_table_hashes

pytestmark = [
    pytest.mark.xdist_group("breekpunten"),
    pytest.mark.slow,
]  # runs killed with SIGKILL at every break point

MAAND = "2026-10"
RUNTIME = ("warehouse", "reports", "alerts", "dagster_home", "landing")

# Kill after the step's "ok" line: inside ingestion, between staging and the edition, inside the
# indicators, after each report and while the edition is published.
NA_STAP = [
    "raw_coa_bezetting",
    "stg_dtenv_vertrek",
    "editie",
    "kpi_opvang",
    "report_begrotingsbijlage",
    "report_maandrapportage",
]
# Kill at a named point inside a step; rapport.half_geschreven once per file the reports write.
BREEKPUNTEN = [p for p in breekpunt.PUNTEN if p != "rapport.half_geschreven"] + [
    f"rapport.half_geschreven:{doc}-{MAAND}.{ext}"
    for doc in ("maandrapportage", "begrotingsbijlage")
    for ext in ("html", "pdf", "xlsx")
]

EDITIE_ID = re.compile(r"\b\d{4}-\d{2}-[0-9a-f]{12}\b")


def _first_landing(landing: Path) -> None:
    copy_sample(landing, ["dtenv_vertrek", "coa_bezetting"])  # small: a run takes seconds


def _second_landing(landing: Path) -> None:
    """A revision of October's COA figures (edition B differs from A) and a delivery that
    is rejected."""
    coa = landing / "coa_bezetting"
    text = next(coa.glob(f"coa_bezetting_{MAAND}_*.csv")).read_text(
        encoding="utf-8-sig"
    )  # sample: dated name
    (coa / f"coa_bezetting_{MAAND}_v2.csv").write_text(
        text.replace(";44943;", ";44990;"), encoding="utf-8-sig"
    )
    bad = (
        "maand,vertreksoort,aantal\n2026-10,zelfstandig_onder_toezicht,-290\n"
        "2026-10,gedwongen,280\n"
    )
    (landing / "dtenv_vertrek" / f"dtenv_vertrek_{MAAND}_correctie.csv").write_text(
        bad, encoding="utf-8"
    )


def _editions_seen() -> set[str]:
    """Every edition id a reader can reach: the month's PDFs (their /ID) and HTML twins, the
    snapshot and the Parquet copy behind published/."""
    seen: set[str] = set()
    reports = paths.reports_output_dir() / MAAND
    if reports.is_dir():
        for f in reports.iterdir():
            if f.suffix == ".pdf":
                seen.add(str(pypdf.PdfReader(f).trailer["/ID"][0]))
            elif f.suffix == ".html":
                seen.update(EDITIE_ID.findall(f.read_text(encoding="utf-8")))
    if paths.published_db().is_file():
        with duckdb.connect(str(paths.published_db()), read_only=True) as conn:
            seen.update(
                e for (e,) in conn.execute("select editie from rapportage.publicatie").fetchall()
            )
    parquet = paths.published_dir() / "parquet" / "publicatie.parquet"
    if parquet.is_file():
        seen.update(pl.read_parquet(parquet)["editie"].to_list())
    month = archief.maand_editie(MAAND)
    if month:
        seen.add(month)
    return seen


def _fingerprint() -> dict[str, str]:
    """What readers see: the sha256 of the month's PDFs and HTML twins,
    and the snapshot's tables."""
    out = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((paths.reports_output_dir() / MAAND).iterdir())
    }
    out |= {
        f"rapportage.{name}": h for name, h in snapshot_table_hashes(paths.published_db()).items()
    }
    with duckdb.connect(str(paths.published_db()), read_only=True) as conn:
        out["editie"] = conn.execute("select editie from rapportage.publicatie").fetchall()[0][0]
    return out


def _leftovers() -> list[str]:
    """Temp files, build folders and quarantine copies without a register row."""
    found = [
        str(p.relative_to(paths.warehouse_dir()))
        for p in paths.warehouse_dir().rglob("*")
        if p.name.endswith((".tmp", ".link", ".wal")) or ".oud-" in p.name
    ]
    found += [
        str(p.relative_to(paths.reports_output_dir()))
        for p in paths.reports_output_dir().rglob("*")
        if p.name.endswith(".tmp")
    ]
    if (archief.edities_dir() / archief.BOUW).exists():
        found.append("published/edities/.bouw")
    with duckdb.connect(str(paths.warehouse_db()), read_only=True) as conn:
        registered = {
            Path(q).name
            for (q,) in conn.execute(
                "select quarantine_path from meta.deliveries where quarantine_path is not null"
            ).fetchall()
        }
    for copy in paths.quarantine_dir().rglob("*"):
        if copy.is_file() and copy.name.removesuffix(".redenen.txt") not in registered:
            found.append(f"quarantaine/{copy.name}")
    return found


def _copy_state(source: Path, target: Path) -> None:
    for name in RUNTIME:
        shutil.rmtree(target / name, ignore_errors=True)
        if (source / name).exists():
            shutil.copytree(source / name, target / name, symlinks=True)


def _start(env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "run", "--maand", MAAND],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=paths.PROJECT_ROOT,
    )


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Edition A published (its state kept to start every test from), and edition B as a run
    that was never interrupted makes it."""
    base = tmp_path_factory.mktemp("editie_a")
    clean = tmp_path_factory.mktemp("editie_b")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KETENMONITOR_LANDING", str(base / "landing"))
        point_runtime(mp, base)
        _first_landing(base / "landing")
        assert cli.main(["run", "--maand", MAAND]) == 0
        a = _fingerprint()
    _copy_state(base, clean)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KETENMONITOR_LANDING", str(clean / "landing"))
        point_runtime(mp, clean)
        (clean / "dagster_home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
        _second_landing(clean / "landing")
        assert cli.main(["run", "--maand", MAAND]) == 0
        b = _fingerprint()
    assert a["editie"] != b["editie"]
    return {"base": base, "a": a, "b": b}


def _kill(env: dict[str, str] | None, after_step: str | None) -> tuple[int, str]:
    victim = _start(env)
    seen: list[str] = []
    if after_step is not None:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            line = victim.stdout.readline()
            seen.append(line)
            if not line or re.search(rf"\bok\s+{re.escape(after_step)}\s", line):
                break
        os.kill(victim.pid, signal.SIGKILL)
    seen.append(victim.communicate(timeout=300)[0])
    return victim.returncode, "".join(seen)


@pytest.mark.parametrize(
    ("soort", "punt"),
    [pytest.param("na stap", s, id=f"na-{s}") for s in NA_STAP]
    + [pytest.param("breekpunt", p, id=p) for p in BREEKPUNTEN],
)
def test_a_run_killed_anywhere_costs_nothing(
    ketenmonitor_env: Path,
    editions: dict,
    soort: str,
    punt: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _copy_state(editions["base"], ketenmonitor_env)
    (ketenmonitor_env / "dagster_home" / "dagster.yaml").write_text(
        "telemetry:\n  enabled: false\n"
    )
    _second_landing(ketenmonitor_env / "landing")
    a, b = editions["a"]["editie"], editions["b"]["editie"]

    if soort == "breekpunt":
        code, out = _kill({breekpunt.ENV: punt}, None)
    else:
        code, out = _kill(None, punt)
    assert code == -signal.SIGKILL, f"the run was not killed at {punt}:\n{out}"

    seen_at_kill = _editions_seen()
    assert seen_at_kill in ({a}, {b}), (
        f"readers see a mix of editions after a kill at {punt}: {seen_at_kill}"
    )

    capsys.readouterr()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(schrijver.WAIT_ENV, "5")  # a dead run must not be waited for at all
        assert cli.main(["run", "--maand", MAAND]) == 0
    rerun = capsys.readouterr().out
    waited = "Wacht op" in rerun
    leftovers = _leftovers()
    with dg.DagsterInstance.get() as instance:
        still_started = instance.get_runs(
            filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED])
        )
    identical = _fingerprint() == editions["b"]
    verslag.noteer(
        "breekpunt",
        f"{soort} {punt}",
        {
            "beschrijving": breekpunt.PUNTEN.get(
                punt.split(":")[0], "na de logregel van deze stap"
            ),
            "gezien_bij_kill": "A" if seen_at_kill == {a} else "B",
            "gemengde_editie": False,
            "restanten": len(leftovers),
            "gewacht_op_dode_run": waited,
            "run_bleef_started": len(still_started),
            "herhaling_bytegelijk": identical,
        },
    )
    assert not waited, rerun
    assert not leftovers, leftovers
    assert not still_started
    assert identical, "the rerun gives exactly what an uninterrupted run gives"
    assert _editions_seen() == {b}
    assert archief.huidige_maand() == MAAND
