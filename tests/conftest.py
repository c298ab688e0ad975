"""Shared fixtures. Tests write only under tmp_path and talk only to 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipelines.lib import paths, warehouse
from tests import rapportomgeving, verslag


def point_runtime(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """Ketenmonitor's runtime state (warehouse, reports, alerts, Dagster home) under `root`."""
    monkeypatch.setenv("KETENMONITOR_WAREHOUSE_DIR", str(root / "warehouse"))
    monkeypatch.setenv("KETENMONITOR_REPORTS_DIR", str(root / "reports"))
    monkeypatch.setenv("KETENMONITOR_ALERT_DIR", str(root / "alerts"))
    monkeypatch.setenv("DAGSTER_HOME", str(root / "dagster_home"))
    (root / "dagster_home").mkdir(parents=True, exist_ok=True)
    (root / "dagster_home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")


def point_sample_run(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """A run as `make run` would do it, all under `root`: the landing folder `root/landing`, the
    runtime state beside it, and no CBS URL, SMTP host or PDF variant from the environment."""
    monkeypatch.setenv("KETENMONITOR_LANDING", str(root / "landing"))
    point_runtime(monkeypatch, root)
    for name in (
        "KETENMONITOR_CBS_ODATA_URL",
        "KETENMONITOR_SMTP_HOST",
        "KETENMONITOR_PDF_VARIANT",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _runtime_state_under_tmp(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test's runtime state lies under a temporary folder, also when the test does not ask
    for `ketenmonitor_env`: no test reads or writes the project's own warehouse/
    or reports/output/."""
    point_runtime(monkeypatch, tmp_path_factory.mktemp("runtime"))


@pytest.fixture
def ketenmonitor_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every runtime path of Ketenmonitor at tmp_path; returns the tmp root.

    Landing starts as an empty folder (tmp_path/landing); copy deliveries into it.
    """
    landing = tmp_path / "landing"
    landing.mkdir()
    monkeypatch.setenv("KETENMONITOR_LANDING", str(landing))
    point_runtime(monkeypatch, tmp_path)
    return tmp_path


def copy_sample(landing: Path, sources: list[str] | None = None, pattern: str = "*") -> None:
    """Copy (a subset of) the embedded sample deliveries into a landing folder."""
    for src_dir in sorted(paths.SAMPLE_LANDING_DIR.iterdir()):
        if not src_dir.is_dir() or (sources is not None and src_dir.name not in sources):
            continue
        target = landing / src_dir.name
        target.mkdir(parents=True, exist_ok=True)
        for f in sorted(src_dir.glob(pattern)):
            shutil.copy2(f, target / f.name)


def run_whole_sample(root: Path) -> Path:
    """`ketenmonitor run` on the whole embedded sample (latest month 2026-10), with landing and
    runtime state under `root`, as `make run` does it; returns `root`."""
    from pipelines import cli

    (root / "landing").mkdir()
    copy_sample(root / "landing")
    with pytest.MonkeyPatch.context() as mp:
        point_sample_run(mp, root)
        assert cli.main(["run"]) == 0
    return root


@pytest.fixture
def sample_landing(ketenmonitor_env: Path) -> Iterator[Path]:
    """The full embedded sample set copied into the tmp landing folder."""
    landing = ketenmonitor_env / "landing"
    copy_sample(landing)
    yield landing


@pytest.fixture(name="wh")
def wh_fixture(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An empty warehouse (all schemas, raw tables and the register) under tmp_path."""
    with warehouse.connect(tmp_path / "ketenmonitor.duckdb") as conn:
        warehouse.ensure_schema(conn)
        yield conn


@pytest.fixture(scope="session")
def omgeving(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Both reports for 2025-05 from a real warehouse (tests/rapportomgeving.py), built once for the
    whole session and shared by the xdist workers."""
    root = rapportomgeving.eenmalig(
        rapportomgeving.gedeelde_map(tmp_path_factory, "rapporten-2025-05"), rapportomgeving.bouw
    )
    out = root / "reports" / "2025-05"
    return {
        "root": root,
        "db": root / "warehouse" / "ketenmonitor.duckdb",
        "maand_pdf": out / "maandrapportage-2025-05.pdf",
        "maand_html": out / "maandrapportage-2025-05.html",
        "begr_pdf": out / "begrotingsbijlage-2025-05.pdf",
        "begr_html": out / "begrotingsbijlage-2025-05.html",
        "run": json.loads((root / "run.json").read_text(encoding="utf-8")),
    }


def pytest_configure(config: pytest.Config) -> None:
    """One folder for the reliability notes of this session, shared with the xdist workers (they
    inherit the environment)."""
    if not hasattr(config, "workerinput") and verslag.ENV not in os.environ:
        os.environ[verslag.ENV] = tempfile.mkdtemp(prefix="ketenmonitor-proefverslag-")


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if hasattr(config, "workerinput") or not os.environ.get(verslag.ENV):
        return
    doc = os.environ.get(verslag.DOC_ENV)
    written = verslag.schrijf(Path(os.environ[verslag.ENV]), Path(doc) if doc else None)
    if written is not None:
        target, totals = written
        terminalreporter.write_line(
            "betrouwbaarheid: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in totals.items())
        )
        if doc:
            terminalreporter.write_line(f"verslag geschreven: {target.name}")
