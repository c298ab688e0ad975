-- stg.huisvesting_realisatie: vergunninghouders gehuisvest per gemeente per maand, latest delivery per maand (by delivery date).
-- Grain: maand x gemeentecode.
create or replace table stg.huisvesting_realisatie as
with latest as (
    -- the newest delivery per period by its own date (meta.delivery_order), not by arrival
    select r._periode, max_by(r._delivery_id, o.volgorde) as _delivery_id, count(distinct r._delivery_id) as revisies
    from raw.huisvesting_realisatie r
    join meta.delivery_order o on o.delivery_id = r._delivery_id
    group by r._periode
)
select
    r.maand,
    cast(strptime(maand || '-01', '%Y-%m-%d') as date) as maand_start,
    r.gemeentecode,
    r.gehuisvest,
    false as voorlopig,
    l.revisies,
    r._delivery_id
from raw.huisvesting_realisatie r
join latest l using (_periode, _delivery_id)
