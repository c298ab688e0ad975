-- The headline figures of kpi_vertrek for the reporting month (Dagster asset metadata);
-- case-level figures only in their disclosed form.
select aantoonbaar, ytd_aantoonbaar, ytd_groei_pct from kpi.vertrek where maand = $maand
