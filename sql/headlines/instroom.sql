-- The headline figures of kpi_instroom for the reporting month (Dagster asset metadata);
-- case-level figures only in their disclosed form.
select eerste, totaal, eerste_ytd, eerste_ytd_yoy_pct, voorlopig
from kpi.instroom where periode_soort = 'maand' and periode_start = $maand
