-- The headline figures of kpi_taskforce_budget for the reporting month (Dagster asset metadata);
-- case-level figures only in their disclosed form.
select max(begrotingsjaar) as begrotingsjaar, max(jaar) as laatste_jaar,
       arg_max(totaal_mln, jaar) as totaal_mln_laatste_jaar
from kpi.taskforce_budget
