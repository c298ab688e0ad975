-- The headline figures of kpi_opvang for the reporting month (Dagster asset metadata);
-- case-level figures only in their disclosed form.
select bezetting, capaciteit, bezettingsgraad_pct, aandeel_dure_opvang_pct,
       kosten_per_jaar / 1e6 as kosten_per_jaar_mln, vergunninghouders
from kpi.opvang where maand = $maand
