-- The headline figures of kpi_oekraine for the reporting month (Dagster asset metadata);
-- case-level figures only in their disclosed form.
select opvangplekken, bezetting, bezettingsgraad_pct, dagen_tot_einde_rtb
from kpi.oekraine where maand = $maand
