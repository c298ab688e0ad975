-- Report context: every delivery in the register (accepted and rejected), for the source lines
-- ("Bron: ..., levering <datum>"), the chapter Datakwaliteit en bronnen and the edition id.
-- Grain: delivery. Ordered by source and delivery id (the order the pipeline saw them).
select
    d.delivery_id,
    d.source,
    d.file_name,
    d.sha256,
    d.size_bytes,
    d.received_at,
    d.status,
    d.row_count,
    d.periods,
    d.contract_version,
    d.error_count,
    d.warning_count,
    d.reasons
from meta.deliveries d
order by d.source, d.delivery_id
