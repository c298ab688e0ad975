"""Staging: `stg_<source>` = sql/staging/<source>.sql over raw (typed, conformed, latest revision).

Aggregated sources are rebuilt over the whole history; case-level ones (ind_zaken) are staged per
event month, only the months whose current delivery changed (pipelines/lib/staging.py)."""

import dagster as dg

from pipelines.defs.shared import Warehouse
from pipelines.lib import sqlfiles, staging
from pipelines.lib.contracts import SOURCES


def build_staging_asset(source: str) -> dg.AssetsDefinition:
    sql_name = f"staging/{source}"

    @dg.asset(
        name=f"stg_{source}",
        group_name="staging",
        deps=[
            f"raw_{source}"
        ],  # not partitioned: a run stages whatever months its new deliveries hold
        description=sqlfiles.header(sql_name)
        + (
            " Per maand: alleen de maanden met een nieuwe levering."
            if staging.incremental(source)
            else " Hele historie, elke run opnieuw."
        ),
        kinds={"duckdb", "sql"},
    )
    def _stage(warehouse_db: Warehouse) -> dg.MaterializeResult:
        with warehouse_db.connect() as conn:
            staged = staging.stage(conn, source)
        metadata: dict[str, object] = {"rijen": staged.rows}
        if staging.incremental(source):
            shown = ", ".join(staged.periods[:24]) + (
                f" en {len(staged.periods) - 24} andere" if len(staged.periods) > 24 else ""
            )
            metadata["maanden_opnieuw"] = len(staged.periods)
            metadata["opbouw"] = ("volledig" if staged.full else "per maand") + (
                f": {shown}" if shown else ": niets nieuw"
            )
        return dg.MaterializeResult(metadata=metadata)

    return _stage


staging_assets = [build_staging_asset(s) for s in SOURCES]
