-- quarantine.findings: the findings of the rejected deliveries.
create or replace view quarantine.findings as
select f.* from meta.delivery_findings f
join meta.deliveries d using (delivery_id) where d.status = 'rejected'
