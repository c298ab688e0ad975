-- stg.budgettaire_tabel: Budgettaire gevolgen van beleid, latest delivery per begrotingsjaar (by delivery date).
-- Grain: begrotingsjaar x hoofdstuk x artikel x vuo x artikelonderdeel x instrument x regeling x jaar;
-- bedrag x EUR 1.000; t_offset = jaar - begrotingsjaar (-2 .. +4).
create or replace table stg.budgettaire_tabel as
with latest as (
    -- the newest delivery per period by its own date (meta.delivery_order), not by arrival
    select r._periode, max_by(r._delivery_id, o.volgorde) as _delivery_id, count(distinct r._delivery_id) as revisies
    from raw.budgettaire_tabel r
    join meta.delivery_order o on o.delivery_id = r._delivery_id
    group by r._periode
)
select
    r.begrotingsjaar,
    r.hoofdstuk,
    r.artikel,
    r.artikelnaam,
    r.vuo,
    r.artikelonderdeel,
    r.artikelonderdeelnaam,
    r.instrument,
    r.regeling,
    r.jaar,
    jaar - begrotingsjaar as t_offset,
    r.bedrag,
    false as voorlopig,
    l.revisies,
    r._delivery_id
from raw.budgettaire_tabel r
join latest l using (_periode, _delivery_id)
