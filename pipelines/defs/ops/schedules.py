"""The monthly schedule: on the 10th at 07:00 Europe/Amsterdam, the previous month.

The partitions are Europe/Amsterdam months that end on the 1st; on the 10th the last complete
partition is the previous month, which is what a schedule built from the partitioned job targets.
"""


import dagster as dg

from pipelines.defs.ops.jobs import maandelijkse_run

maandelijkse_run_schedule = dg.build_schedule_from_partitioned_job(
    maandelijkse_run,
    name="maandelijkse_run_schedule",
    description="Elke maand op de 10e om 07:00 (Europe/Amsterdam): de maandelijkse run voor de vorige maand.",
    minute_of_hour=0,
    hour_of_day=7,
    day_of_month=10,
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
