-- stg.dtenv_vertrek: DTenV departures per month and kind, latest delivery per maand (by delivery date).
-- Grain: maand x vertreksoort. A '.' (under 5) counts as 0 and is flagged onderdrukt.
create or replace table stg.dtenv_vertrek as
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
join meta.huidige_levering l
    on l.source = 'dtenv_vertrek' and l.periode = r._periode and l.delivery_id = r._delivery_id
