-- stg.dtenv_vertrek: DTenV departures per month and kind, latest delivery per maand (by delivery date).
-- Grain: maand x vertreksoort. A '.' (under 5) counts as 0 and is flagged onderdrukt.
create or replace table stg.dtenv_vertrek as
with latest as (
    -- the newest delivery per period by its own date (meta.delivery_order), not by arrival
    select r._periode, max_by(r._delivery_id, o.volgorde) as _delivery_id, count(distinct r._delivery_id) as revisies
    from raw.dtenv_vertrek r
    join meta.delivery_order o on o.delivery_id = r._delivery_id
    group by r._periode
)
select
    r.maand,
    cast(strptime(maand || '-01', '%Y-%m-%d') as date) as maand_start,
    r.vertreksoort,
    coalesce(aantal, 0) as aantal,
    aantal_onderdrukt as onderdrukt,
    false as voorlopig,
    l.revisies,
    r._delivery_id
from raw.dtenv_vertrek r
join latest l using (_periode, _delivery_id)
