"""The pipeline's steps in one call, without Dagster: ingest a landing folder, stage, compute every
indicator and the claims. For tests and benchmarks that need a realistic warehouse; the monthly
run itself goes through the Dagster assets, which call the same functions step by step."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from pipelines.lib import beleidsclaims, indicators, landingsmap, sqlfiles, staging, warehouse
from pipelines.lib.contracts import all_contracts


def build_warehouse(
    conn: duckdb.DuckDBPyConnection, landing: Path, maand: dt.date, *, all_ind_months: bool = False
) -> list[warehouse.DeliveryOutcome]:
    """Load every delivery in `landing`, then staging, indicators for `maand` and the claims.

    `all_ind_months`: compute IND case handling for every month up to `maand`, not only the
    months the indicator fills in by itself. Returns the delivery outcomes in load order.
    """
    warehouse.ensure_schema(conn)
    outcomes: list[warehouse.DeliveryOutcome] = []
    for contract in all_contracts():
        outcomes += warehouse.load_deliveries(
            conn, contract, landingsmap.delivery_files(contract, [landing])
        )
    for name in sqlfiles.names("staging"):
        staging.stage(conn, name.split("/", 1)[1])
    ind_months = [maand]
    if all_ind_months:
        ind_months = [
            r[0]
            for r in conn.execute(
                "select distinct maand from stg.ind_zaken where maand <= $m order by 1",
                {"m": maand},
            ).fetchall()
        ]
    for name in indicators.INDICATORS:
        for month in ind_months if name == "ind_afhandeling" else [maand]:
            indicators.run(conn, name, month)
    beleidsclaims.write(conn, beleidsclaims.evaluate(conn, beleidsclaims.load_claims()))
    return outcomes
