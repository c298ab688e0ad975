-- quarantine.deliveries: the rejected deliveries, where they are kept and why.
create or replace view quarantine.deliveries as
select d.delivery_id, d.source, d.file_name, d.received_at, d.quarantine_path, d.reasons,
       d.error_count, d.run_id
from meta.deliveries d where d.status = 'rejected'
