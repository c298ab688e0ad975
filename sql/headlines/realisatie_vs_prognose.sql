-- The headline figures of kpi_realisatie_vs_prognose for the reporting month (Dagster asset metadata);
-- case-level figures only in their disclosed form.
select instroom_ytd, projectie_jaareinde, mpp_editie, mpp_midden, positie
from kpi.realisatie_vs_prognose where maand = $maand
