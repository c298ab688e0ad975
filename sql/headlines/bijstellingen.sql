-- The headline figures of kpi_bijstellingen for the reporting month (Dagster asset metadata);
-- case-level figures only in their disclosed form.
select count(distinct bron) as bronnen_bijgesteld, count(distinct bron || periode) as perioden_bijgesteld
from kpi.bijstellingen
