-- The headline figures of kpi_begroting for the reporting month (Dagster asset metadata);
-- case-level figures only in their disclosed form.
select max(begrotingsjaar) as laatste_begrotingsjaar, count(distinct artikel) as artikelen
from kpi.begroting
