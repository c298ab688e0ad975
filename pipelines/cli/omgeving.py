"""What every command shares: the month argument, the Dagster instance and its configuration, the
register read-only, the code location."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import warnings
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipelines.lib import paths

if TYPE_CHECKING:
    import dagster as dg


MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


JOB_NAME = "maandelijkse_run"


def out(text: str = "") -> None:
    print(text, flush=True)


def month_argument(value: str) -> str:
    if not MONTH_RE.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is geen maand in de vorm JJJJ-MM")
    return value


def prepare_environment() -> None:
    """DAGSTER_HOME inside the project unless set; no telemetry; quiet library warnings."""
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    if not os.environ.get("DAGSTER_HOME"):
        os.environ["DAGSTER_HOME"] = str(paths.PROJECT_ROOT / ".dagster_home")
    home = Path(os.environ["DAGSTER_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        shutil.copyfile(paths.DAGSTER_YAML, home / "dagster.yaml")
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    import dagster as dg

    for category in (dg.BetaWarning, dg.PreviewWarning, dg.SupersessionWarning):
        warnings.filterwarnings("ignore", category=category)


def open_register() -> Any:
    """A read-only connection to the internal warehouse,
    or None when it is missing or held by a writer."""
    import duckdb

    if not paths.warehouse_db().exists():
        return None
    try:
        return duckdb.connect(str(paths.warehouse_db()), read_only=True)
    except duckdb.Error:
        return None


def reportable_month(tot: date) -> tuple[date | None, list[Any]]:
    """The latest month up to `tot` that every monthly source covers with accepted deliveries, and
    the later, partly covered months (editions with their missing sources)."""
    from pipelines.lib import editie

    conn = open_register()
    if conn is None:
        return None, []
    try:
        return editie.laatste_volledige_maand(conn, tot)
    finally:
        conn.close()


def load_definitions() -> dg.Definitions:
    from pipelines.definitions import defs

    return defs()


def partition_keys() -> list[str]:
    from pipelines.defs.shared import MONTHLY

    return MONTHLY.get_partition_keys()
