-- Report context: the taskforce budget lines (kpi.taskforce_budget_regelingen), x EUR 1.000.
-- Grain: hoofdstuk x artikelonderdeel x instrument x regeling x jaar.
select *
from kpi.taskforce_budget_regelingen
order by hoofdstuk desc, artikel, artikelonderdeel, instrument, regeling, jaar
