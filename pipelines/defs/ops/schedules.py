"""The monthly schedule: on the 10th at 07:00 Europe/Amsterdam, the previous month.

The partitions are Europe/Amsterdam months that end on the 1st; on the 10th the previous month is
the last complete one. When the register already shows that the month has no accepted data in any
monthly source, and no unregistered file waits in the landing folder, the tick is skipped with the
reason and the failure alert names what is missing; otherwise the run starts, and its `editie` step
decides after ingestion (and fails with the same reason, so the alert is sent then).
"""

import datetime as dt
from zoneinfo import ZoneInfo

import dagster as dg

from pipelines.defs.ops.jobs import maandelijkse_run
from pipelines.defs.shared import Instellingen
from pipelines.lib import alerts, editie, landingsmap, perioden, warehouse


def skip_reason(maand: dt.date) -> str | None:
    """Why the month cannot be published, when that is certain before a run; else None."""
    registered = warehouse.registered_contents()
    if (
        registered is None
        or not registered
        or landingsmap.unregistered_files(registered=registered)
    ):
        return (
            None  # a writer is busy, nothing is loaded yet, or new files wait: let the run decide
        )
    with warehouse.connect(read_only=True) as conn:
        ed = editie.bepaal(conn, maand)
    return None if ed.rapporteerbaar else editie.niet_rapporteerbaar_tekst(ed)


@dg.schedule(
    name="maandelijkse_run_schedule",
    job=maandelijkse_run,
    cron_schedule="0 7 10 * *",
    execution_timezone="Europe/Amsterdam",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Elke maand op de 10e om 07:00 (Europe/Amsterdam): de maandelijkse run "
    "voor de vorige maand. Een maand zonder geaccepteerde gegevens in een maandbron wordt "
    "overgeslagen, met een alert.",
)
def maandelijkse_run_schedule(
    context: dg.ScheduleEvaluationContext, instellingen: Instellingen
) -> dg.RunRequest | dg.SkipReason:
    with instellingen.in_gebruik():
        return _maandelijkse_run(context)


def _maandelijkse_run(context: dg.ScheduleEvaluationContext) -> dg.RunRequest | dg.SkipReason:
    when = (context.scheduled_execution_time or dt.datetime.now(dt.UTC)).astimezone(
        ZoneInfo("Europe/Amsterdam")
    )
    maand = perioden.add_months(dt.date(when.year, when.month, 1), -1)
    partition = maand.isoformat()
    reason = skip_reason(maand)
    if reason:
        alerts.notify(
            alerts.Alert(
                run_id=f"schema-{maand:%Y-%m}",
                job=maandelijkse_run.name,
                partition=partition,
                failed_steps=(),
                message=reason,
            )
        )
        return dg.SkipReason(reason)
    return dg.RunRequest(
        run_key=partition,
        partition_key=partition,
        job_name=maandelijkse_run.name,
        tags={"ketenmonitor/aanleiding": "schema"},
    )
