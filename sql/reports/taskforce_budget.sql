-- Report context: the taskforce ramp (kpi.taskforce_budget), x EUR 1.000. Grain: jaar.
select *
from kpi.taskforce_budget
order by jaar
