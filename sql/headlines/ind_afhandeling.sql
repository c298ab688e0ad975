-- The headline figures of kpi_ind_afhandeling for the reporting month (Dagster asset metadata);
-- case-level figures only in their disclosed form.
select aanvragen, beslissingen, voorraad, inwilligingspercentage, doorlooptijd_mediaan_dagen
from kpi.ind_afhandeling_openbaar where maand = $maand and procedure = 'totaal'
