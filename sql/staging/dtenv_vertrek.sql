-- stg.dtenv_vertrek: DTenV departures per month and kind, latest delivery per maand.
-- Grain: maand x vertreksoort. A '.' (under 5) counts as 0 and is flagged onderdrukt.
create or replace table stg.dtenv_vertrek as
with latest as (
    select _periode, max(_delivery_id) as _delivery_id, count(distinct _delivery_id) as revisies
    from raw.dtenv_vertrek
    group by _periode
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
