-- stg.huisvesting_realisatie: vergunninghouders gehuisvest per gemeente per maand, latest delivery per maand.
-- Grain: maand x gemeentecode.
create or replace table stg.huisvesting_realisatie as
with latest as (
    select _periode, max(_delivery_id) as _delivery_id, count(distinct _delivery_id) as revisies
    from raw.huisvesting_realisatie
    group by _periode
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
