"""Every path Ketenmonitor reads or writes, in one place.

Nothing depends on the working directory: project paths derive from this file, runtime
paths from environment variables (documented in `.env.example`) with project defaults.
Functions, not constants, so that tests can point the environment at `tmp_path`.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.lib import instellingen

PROJECT_ROOT = Path(__file__).resolve().parents[2]

CONTRACTS_DIR = PROJECT_ROOT / "data_contracts"
SQL_DIR = PROJECT_ROOT / "sql"
# The analysts' descriptions of every rapportage table and column (the snapshot's comments).
PUBLISH_COMMENTS_FILE = SQL_DIR / "publish" / "commentaar.yaml"
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
SAMPLE_LANDING_DIR = PROJECT_ROOT / "data" / "sample" / "landing"
TEMPLATES_DIR = PROJECT_ROOT / "reports" / "templates"
STATIC_DIR = PROJECT_ROOT / "reports" / "static"
BELEIDSCLAIMS_FILE = PROJECT_ROOT / "reports" / "beleidsclaims.yaml"
DOCS_DIR = PROJECT_ROOT / "docs"
# The instance settings a new DAGSTER_HOME gets.
DAGSTER_YAML = PROJECT_ROOT / "pipelines" / "dagster.yaml"


def _env_path(name: str, default: Path) -> Path:
    value = instellingen.waarde(name)
    return Path(value).expanduser().resolve() if value else default


def landing_dir() -> Path:
    """Where the chain partners' deliveries are read from (never written)."""
    return _env_path("KETENMONITOR_LANDING", SAMPLE_LANDING_DIR)


def warehouse_dir() -> Path:
    """Runtime state: the internal warehouse, quarantine and the published snapshot."""
    return _env_path("KETENMONITOR_WAREHOUSE_DIR", PROJECT_ROOT / "warehouse")


def warehouse_db() -> Path:
    return warehouse_dir() / "ketenmonitor.duckdb"


def quarantine_dir() -> Path:
    return warehouse_dir() / "quarantine"


def downloads_dir() -> Path:
    """Deliveries the pipeline fetched itself (the CBS OData connector)."""
    return warehouse_dir() / "downloads"


def published_dir() -> Path:
    return warehouse_dir() / "published"


def published_db() -> Path:
    return published_dir() / "ketenmonitor.duckdb"


def alerts_dir() -> Path:
    return _env_path("KETENMONITOR_ALERT_DIR", warehouse_dir() / "alerts")


def reports_output_dir() -> Path:
    return _env_path("KETENMONITOR_REPORTS_DIR", PROJECT_ROOT / "reports" / "output")


def contract_file(source: str) -> Path:
    return CONTRACTS_DIR / f"{source}.odcs.yaml"
