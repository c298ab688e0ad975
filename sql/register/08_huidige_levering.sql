-- meta.huidige_levering: which accepted delivery is current for each period of each source, and
-- how many accepted deliveries held that period (revisies). Current is the newest by the
-- delivery's own date (meta.delivery_order: the date in the file name, else arrival; arrival
-- breaks ties), not the last to arrive: an older file arriving later stays in raw for audit
-- but does not replace newer figures. Every stg table and the checks over the current state
-- take their rows from the delivery named here.
create or replace view meta.huidige_levering as
select
    source,
    periode,
    max_by(delivery_id, volgorde) as delivery_id,
    count(*) as revisies
from (select source, delivery_id, volgorde, unnest(periods) as periode from meta.delivery_order)
group by source, periode
