-- Report context: warnings of accepted deliveries that the reader should see: figures that jump
-- against the source's own history (plausibel, volume), a changed period the source had marked
-- definitief, an older delivery that does not replace newer figures (ouder_dan_huidig).
-- Grain: finding, newest delivery first, at most $max. Values stay in meta; the report decides
-- what of the message it may show (not for case-level sources).
select
    f.delivery_id,
    f.source,
    f.file_name,
    f.rule,
    f.column_name,
    f.message,
    f.occurrences,
    d.received_at
from meta.delivery_findings f
join meta.deliveries d using (delivery_id)
where d.status = 'accepted'
    and f.severity = 'warning'
    and (f.rule like '%.plausibel' or f.rule like '%.volume' or f.rule like '%.definitief_herzien'
        or f.rule like '%.ouder_dan_huidig')
order by f.delivery_id desc, f.rule, f.column_name
limit $max
