"""What every domain under defs/ shares: the reporting-month partitions and
the warehouse resource."""

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb
from pydantic import Field, PrivateAttr

from pipelines.lib import instellingen, paths, schrijver, warehouse
from pipelines.lib.contracts import SOURCES

# The reporting month. end_offset=0: only complete months are partitions.
MONTHLY = dg.MonthlyPartitionsDefinition(
    start_date="2022-01-01", timezone="Europe/Amsterdam", end_offset=0
)


class _InstellingenBasis(dg.ConfigurableResource):
    """The settings of Ketenmonitor (pipelines/lib/instellingen.py), one field each. While a run
    uses the resource, its values are the settings everything in the run reads."""

    def waarden(self) -> dict[str, str]:
        """Environment variable -> value, for every setting."""
        return {i.omgeving: str(getattr(self, i.veld)) for i in instellingen.INSTELLINGEN}

    def in_gebruik(self) -> contextlib.AbstractContextManager[None]:
        """These values as the settings until the block ends."""
        return instellingen.gebruik(self.waarden())


# One string field per setting of the list, described as the list describes it.
Instellingen = type(
    "Instellingen",
    (_InstellingenBasis,),
    {
        "__module__": __name__,
        "__doc__": _InstellingenBasis.__doc__,
        "__annotations__": {i.veld: str for i in instellingen.INSTELLINGEN},
        **{
            i.veld: Field(default="", description=f"{i.omschrijving} ({i.omgeving})")
            for i in instellingen.INSTELLINGEN
        },
    },
)


class Warehouse(dg.ConfigurableResource):
    """The internal DuckDB warehouse; only the pipeline process writes it.

    A run that uses it holds the writer lock (pipelines/lib/schrijver.py) from its start to its end,
    whoever started it (UI, schedule, sensor, CLI), and first marks runs whose process died as
    failed (pipelines/defs/ops/afgebroken.py), so no run ever waits for a dead one."""

    database: str = ""
    # The settings, in force from before the warehouse opens until after it closes; without
    # them (tests, a resource built by hand) the environment is read as it is.
    instellingen: _InstellingenBasis | None = None
    _lock: contextlib.ExitStack | None = PrivateAttr(default=None)
    _schema_klaar: set[Path] = PrivateAttr(default_factory=set)
    # The database, opened at the first step that connects and closed when the run ends: each
    # step gets a connection of its own (a cursor: its own transactions, temporary tables and
    # registered frames), but the file is not opened, checkpointed and closed again for each of
    # the ~200 connections of a first run.
    _open: dict[Path, tuple[contextlib.ExitStack, duckdb.DuckDBPyConnection]] = PrivateAttr(
        default_factory=dict
    )

    @property
    def path(self) -> Path:
        return Path(self.database) if self.database else paths.warehouse_db()

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        from pipelines.defs.ops.afgebroken import PID_TAG, herstel_afgebroken_runs

        instance, run_id = context.instance, context.run_id
        with contextlib.ExitStack() as stack:
            if self.instellingen is not None:
                stack.enter_context(self.instellingen.in_gebruik())
            if instance is not None and run_id and instance.get_run_by_id(run_id) is not None:
                instance.add_run_tags(
                    run_id, {PID_TAG: str(os.getpid())}
                )  # lets a later writer see it died
            stack.enter_context(
                schrijver.schrijver(
                    f"Dagster-run {run_id}",
                    path=self.path.parent / schrijver.LOCK_NAME,
                    emit=context.log.info if context.log else None,
                )
            )
            self._lock = stack.pop_all()  # held until teardown; released here on a failure
        if instance is not None:
            herstel_afgebroken_runs(instance, emit=context.log.warning if context.log else None)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        for stack, _ in self._open.values():
            stack.close()
        self._open.clear()
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    @contextlib.contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        path = self.path
        if self._lock is None:  # not in a run (a resource built by hand): the file for this block
            with warehouse.connect(path) as conn:
                self._ensure_schema(path, conn)
                yield conn
            return
        if path not in self._open:
            stack = contextlib.ExitStack()
            self._open[path] = (stack, stack.enter_context(warehouse.connect(path)))
        with contextlib.closing(self._open[path][1].cursor()) as conn:
            self._ensure_schema(path, conn)
            yield conn

    def _ensure_schema(self, path: Path, conn: duckdb.DuckDBPyConnection) -> None:
        if path not in self._schema_klaar:  # once per run (~70 ms), not once per step
            warehouse.ensure_schema(conn)
            self._schema_klaar.add(path)


def partition_month(context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext) -> str:
    """The partition key as yyyy-mm (partition keys are yyyy-mm-01)."""
    return context.partition_key[:7]


_CHECK_STATUS = {"SUCCEEDED": "geslaagd", "FAILED": "mislukt"}


def contract_check_status(
    instance: dg.DagsterInstance, partition: str | None = None
) -> dict[str, str]:
    """Per source the latest outcome of its blocking `contract` check (for this partition, if
    given), in the words of the reports and the published snapshot:
    geslaagd / mislukt / onbekend."""
    outcome: dict[str, str] = {}
    for source in SOURCES:
        key = dg.AssetCheckKey(dg.AssetKey(f"raw_{source}"), "contract")
        record = instance.get_latest_asset_check_evaluation_record(key)
        relevant = record is not None and (
            partition is None or record.partition in (None, partition)
        )
        status = record.status.value if relevant else None
        outcome[source] = _CHECK_STATUS.get(status or "", "onbekend")
    return outcome
