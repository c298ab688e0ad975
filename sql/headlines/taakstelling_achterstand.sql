-- The headline figures of kpi_taakstelling_achterstand for the reporting month (Dagster asset metadata);
-- case-level figures only in their disclosed form.
select achterstand, resterende_opgave, gemeenten_met_achterstand
from kpi.taakstelling_achterstand_nationaal where maand = $maand
