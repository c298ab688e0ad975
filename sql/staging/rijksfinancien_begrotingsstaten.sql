-- stg.rijksfinancien_begrotingsstaten: begrotingsstaten (rijksfinancien.nl), latest delivery per begrotingsjaar (by delivery date).
-- Grain: begrotingsjaar x vuo x begrotingsnummer x artikelnummer; x EUR 1.000, null = not yet known.
create or replace table stg.rijksfinancien_begrotingsstaten as
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
join meta.huidige_levering l
    on l.source = 'rijksfinancien_begrotingsstaten' and l.periode = r._periode and l.delivery_id = r._delivery_id
