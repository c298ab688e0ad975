-- stg.rijksfinancien_begrotingsstaten: begrotingsstaten (rijksfinancien.nl), latest delivery per begrotingsjaar (by delivery date).
-- Grain: begrotingsjaar x vuo x begrotingsnummer x artikelnummer; x EUR 1.000, null = not yet known.
create or replace table stg.rijksfinancien_begrotingsstaten as
with latest as (
    -- the newest delivery per period by its own date (meta.delivery_order), not by arrival
    select r._periode, max_by(r._delivery_id, o.volgorde) as _delivery_id, count(distinct r._delivery_id) as revisies
    from raw.rijksfinancien_begrotingsstaten r
    join meta.delivery_order o on o.delivery_id = r._delivery_id
    group by r._periode
)
select
    r.begrotingsjaar,
    r.vuo,
    r.begrotingsnummer,
    trim(naam_begroting) as naam_begroting,
    r.artikelnummer,
    r.artikel,
    r.stand_ontwerpbegroting,
    r.stand_vastgestelde_begroting,
    r.stand_eerste_suppletoire,
    r.stand_tweede_suppletoire,
    r.realisatie,
    false as voorlopig,
    l.revisies,
    r._delivery_id
from raw.rijksfinancien_begrotingsstaten r
join latest l using (_periode, _delivery_id)
