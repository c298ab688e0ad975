"""What every domain under defs/ shares: the reporting-month partitions and the warehouse resource."""


import contextlib
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.lib import paths, warehouse
from pipelines.lib.contracts import SOURCES

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


_CHECK_STATUS = {"SUCCEEDED": "geslaagd", "FAILED": "mislukt"}


def contract_check_status(instance: dg.DagsterInstance, partition: str | None = None) -> dict[str, str]:
    """Per source the latest outcome of its blocking `contract` check (for this partition, if given),
    in the words of the reports and the published snapshot: geslaagd / mislukt / onbekend."""
    outcome: dict[str, str] = {}
    for source in SOURCES:
        key = dg.AssetCheckKey(dg.AssetKey(f"raw_{source}"), "contract")
        record = instance.get_latest_asset_check_evaluation_record(key)
        relevant = record is not None and (partition is None or record.partition in (None, partition))
        status = record.status.value if relevant else None
        outcome[source] = _CHECK_STATUS.get(status or "", "onbekend")
    return outcome
