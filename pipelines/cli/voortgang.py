"""Progress of a run as it happens, one line per step, and the words for a check's outcome."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self

from pipelines.cli.omgeving import out

if TYPE_CHECKING:
    import dagster as dg

FAILED = "mislukt"  # a step that failed; the same word as a blocking check that failed (check_word)


@dataclass
class StepReport:
    key: str
    status: str = "bezig"
    duration_ms: float | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    checks: dict[str, tuple[bool, str]] = field(default_factory=dict)  # check -> (passed, severity)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class RunOutcome:
    run_id: str
    partition: str | None
    success: bool
    steps: dict[str, StepReport]
    started: float
    seconds: float


def _metadata_value(value: Any) -> Any:
    return getattr(value, "value", value)


class ProgressPrinter:
    """Follows a run's event log from a second thread and prints one readable line per step."""

    def __init__(
        self, instance: dg.DagsterInstance, run_id: str, emit: Callable[[str], None] = out
    ) -> None:
        self.instance = instance
        self.run_id = run_id
        self.emit = emit
        self.steps: dict[str, StepReport] = {}
        self.total: int | None = None
        self.done = 0
        # the step-name column; widened to the longest step of the run once the plan is known
        self.width = 48
        self._cursor: str | None = None
        self.last_error: Exception | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._loop, name="ketenmonitor-progress", daemon=True
        )

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.poll()  # whatever arrived after the last tick

    def _loop(self) -> None:
        while not self._stop.wait(0.25):
            try:
                self.poll()
            except Exception as exc:  # noqa: BLE001  progress only; the final poll in __exit__ is unguarded
                self.last_error = exc

    def _step(self, key: str) -> StepReport:
        return self.steps.setdefault(key, StepReport(key))

    def _count_steps(self) -> None:
        if self.total is not None:
            return
        run = self.instance.get_run_by_id(self.run_id)
        if run is not None and run.execution_plan_snapshot_id:
            plan = self.instance.get_execution_plan_snapshot(run.execution_plan_snapshot_id)
            self.total = len(plan.step_keys_to_execute)
            self.width = max((len(k) for k in plan.step_keys_to_execute), default=self.width)

    def poll(self) -> None:
        import dagster as dg

        self._count_steps()
        while True:
            conn = self.instance.get_records_for_run(self.run_id, cursor=self._cursor, limit=500)
            self._cursor = conn.cursor
            for record in conn.records:
                self._handle(record.event_log_entry, dg)
            if not conn.has_more:
                break

    def _handle(self, entry: Any, dg: Any) -> None:
        event = entry.dagster_event
        if event is None:
            if entry.step_key and "Not executing" in entry.user_message:
                step = self._step(
                    entry.step_key
                )  # Dagster's way of saying: skipped, upstream failed
                if step.status == "bezig":
                    step.status = "overgeslagen"
                    self._line(step)
            elif entry.level >= logging.WARNING and entry.step_key:
                self._step(entry.step_key).warnings.append(entry.user_message)
                self.emit(f"        ! {entry.user_message.splitlines()[0]}")
            return
        kind = event.event_type
        step = self._step(event.step_key) if event.step_key else None
        if kind == dg.DagsterEventType.ASSET_MATERIALIZATION and step:
            mat = event.event_specific_data.materialization
            step.metadata.update({k: _metadata_value(v) for k, v in mat.metadata.items()})
        elif kind == dg.DagsterEventType.ASSET_CHECK_EVALUATION and step:
            ev = event.event_specific_data
            step.checks[f"{ev.asset_key.to_user_string()}:{ev.check_name}"] = (
                ev.passed,
                ev.severity.value,
            )
        elif kind == dg.DagsterEventType.STEP_SUCCESS and step:
            step.status = "ok"
            step.duration_ms = event.event_specific_data.duration_ms
            self._line(step)
        elif kind == dg.DagsterEventType.STEP_FAILURE and step:
            step.status = FAILED
            from pipelines.defs.ops.sensors import root_error

            step.error = root_error(event.step_failure_data.error)
            self._line(step)
        elif kind == dg.DagsterEventType.STEP_SKIPPED and step and step.status == "bezig":
            step.status = "overgeslagen"
            self._line(step)
        elif kind == dg.DagsterEventType.RUN_FAILURE:
            self.emit(f"  run mislukt: {entry.message}")

    def _line(self, step: StepReport) -> None:
        self.done += 1
        counter = f"[{self.done:>2}/{self.total}]" if self.total else f"[{self.done:>2}]"
        secs = f"{step.duration_ms / 1000:5.1f} s" if step.duration_ms is not None else "       "
        detail = (
            "voorgaande stap mislukt of geblokkeerd"
            if step.status == "overgeslagen"
            else _step_detail(step)
        )
        self.emit(
            f"  {counter} {step.status:<12} {step.key:<{self.width}} {secs}  {detail}".rstrip()
        )
        if step.error:
            self.emit(f"        fout: {step.error.splitlines()[0] if step.error else ''}")


DELIVERIES_CHECK = (
    "leveringen"  # the non-blocking check that fails when a delivery of the run was rejected
)


def check_word(check: str, passed: bool, severity: str) -> str:
    """One word per state, on the step lines and in the summary table alike: `geslaagd`; `afgewezen`
    when the deliveries check saw a rejected delivery; `mislukt` for a blocking (error) check that
    failed, as for a failed step; `waarschuwing` for a warning-severity check that failed."""
    if passed:
        return "geslaagd"
    if check == DELIVERIES_CHECK:
        return "afgewezen"
    return "mislukt" if severity == "ERROR" else "waarschuwing"


def _step_detail(step: StepReport) -> str:
    from pipelines.lib.formatting import aantal

    md = step.metadata
    parts = []
    if "bestanden" in md:
        parts.append(
            f"{aantal(md['bestanden'], 'bestand', 'bestanden')}, {md.get('geaccepteerd', 0)} nieuw "
            f"({aantal(md.get('rijen_geladen', 0), 'rij', 'rijen')}), {md.get('afgewezen', 0)} "
            f"afgewezen, {md.get('ongewijzigd', 0)} ongewijzigd"
        )
    elif "rijen" in md:
        parts.append(aantal(md["rijen"], "rij", "rijen"))
    for name, (passed, severity) in step.checks.items():
        label = name.split(":", 1)[1]
        parts.append(f"check {label}: {check_word(label, passed, severity)}")
    return "; ".join(str(p) for p in parts)
