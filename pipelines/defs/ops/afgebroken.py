"""Runs whose process died: recognised by the next writer, marked failed, alerted on.

A run that writes the warehouse carries the tag `ketenmonitor/pid` (the process that executes it).
When a writer holds the writer lock and finds a run still STARTING or STARTED whose process no
longer exists, that run was killed (SIGKILL, OOM, reboot): it is marked failed with the step it
was in, an alert is sent, and nothing waits for it. A run without the tag is left alone (it has
not reached its first step yet).
"""

from collections.abc import Callable

import dagster as dg

from pipelines.lib import alerts, schrijver
from pipelines.lib.schrijver import WAREHOUSE_TAG

PID_TAG = "ketenmonitor/pid"
_KEY, _VALUE = next(iter(WAREHOUSE_TAG.items()))


def onderbroken_stap(instance: dg.DagsterInstance, run_id: str) -> str | None:
    """The step the run was in: started, not finished."""
    started: list[str] = []
    done: set[str] = set()
    for record in instance.get_records_for_run(run_id).records:
        event = record.event_log_entry.dagster_event
        if event is None or not event.step_key:
            continue
        if event.event_type == dg.DagsterEventType.STEP_START:
            started.append(event.step_key)
        elif event.event_type in (
            dg.DagsterEventType.STEP_SUCCESS,
            dg.DagsterEventType.STEP_FAILURE,
            dg.DagsterEventType.STEP_SKIPPED,
        ):
            done.add(event.step_key)
    open_steps = [s for s in started if s not in done]
    if open_steps:
        return open_steps[-1]
    return f"na {started[-1]}" if started else None  # killed between two steps


def afgebroken_runs(instance: dg.DagsterInstance) -> list[dg.DagsterRun]:
    """Writer runs still marked as running whose process is gone."""
    runs = instance.get_runs(
        filters=dg.RunsFilter(
            statuses=[dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED],
            tags={_KEY: _VALUE},
        )
    )
    dead = []
    for run in runs:
        pid = run.tags.get(PID_TAG, "")
        if pid.isdigit() and not schrijver.pid_alive(int(pid)):
            dead.append(run)
    return dead


def herstel_afgebroken_runs(
    instance: dg.DagsterInstance, emit: Callable[[str], None] | None = None
) -> list[alerts.Alert]:
    """Mark every dead writer run failed and alert on it; returns the alerts sent."""
    sent = []
    for run in afgebroken_runs(instance):
        step = onderbroken_stap(instance, run.run_id)
        waar = (
            "voor de eerste stap"
            if step is None
            else f"tussen twee stappen, {step}"
            if step.startswith("na ")
            else f"in stap {step}"
        )
        step = step or "voor de eerste stap"
        message = (
            f"Run {run.run_id} is afgebroken: het proces ({run.tags.get(PID_TAG)}) "
            f"bestaat niet meer; de run was {waar}. Elke levering en elke editie wordt in één keer "
            "vastgelegd of niet; de volgende run maakt af wat ontbrak."
        )
        instance.report_run_failed(run, message)
        alert = alerts.Alert(
            run_id=run.run_id,
            job=run.job_name,
            partition=run.tags.get("dagster/partition"),
            failed_steps=(alerts.StepFailure(step=step, error="proces verdwenen (afgebroken)"),),
            message=message,
        )
        alerts.notify(alert)
        sent.append(alert)
        if emit is not None:
            emit(message)
    return sent
