"""Staging: `stg_<source>` = sql/staging/<source>.sql over raw (typed, conformed, latest revision)."""


import dagster as dg

from pipelines.defs.shared import Warehouse
from pipelines.lib import sqlfiles
from pipelines.lib.contracts import SOURCES


def build_staging_asset(source: str) -> dg.AssetsDefinition:
    sql_name = f"staging/{source}"

    @dg.asset(
        name=f"stg_{source}",
        group_name="staging",
        deps=[f"raw_{source}"],  # not partitioned: staging is rebuilt over the whole history
        description=sqlfiles.header(sql_name) + " Hele historie.",
        kinds={"duckdb", "sql"},
    )
    def _stage(warehouse_db: Warehouse) -> dg.MaterializeResult:
        with warehouse_db.connect() as conn:
            sqlfiles.execute(conn, sql_name)
            rows = conn.execute(f"select count(*) from stg.{source}").fetchone()[0]
        return dg.MaterializeResult(metadata={"rijen": int(rows)})

    return _stage


staging_assets = [build_staging_asset(s) for s in SOURCES]
