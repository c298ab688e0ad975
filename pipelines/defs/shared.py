"""What every domain under defs/ shares: the reporting-month partitions and the warehouse resource."""


import contextlib
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.lib import paths, warehouse

# The reporting month. end_offset=0: only complete months are partitions.
MONTHLY = dg.MonthlyPartitionsDefinition(start_date="2022-01-01", timezone="Europe/Amsterdam", end_offset=0)


class Warehouse(dg.ConfigurableResource):
    """The internal DuckDB warehouse; only the pipeline process writes it."""

    database: str = ""

    @property
    def path(self) -> Path:
        return Path(self.database) if self.database else paths.warehouse_db()

    @contextlib.contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with warehouse.connect(self.path) as conn:
            warehouse.ensure_schema(conn)
            yield conn


def partition_month(context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext) -> str:
    """The partition key as yyyy-mm (partition keys are yyyy-mm-01)."""
    return context.partition_key[:7]
