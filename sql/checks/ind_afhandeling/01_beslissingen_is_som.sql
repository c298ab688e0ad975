-- ind_afhandeling: the rows that break rule beslissingen_is_som (none when it holds).
-- melding: kpi.ind_afhandeling {maand} {procedure}: beslissingen {beslissingen} ≠ inwilligingen
--   {inwilligingen} + afwijzingen {afwijzingen}
select maand, procedure, beslissingen, inwilligingen, afwijzingen from kpi.ind_afhandeling
where beslissingen <> inwilligingen + afwijzingen
