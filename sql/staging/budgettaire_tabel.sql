-- stg.budgettaire_tabel: Budgettaire gevolgen van beleid, latest delivery per begrotingsjaar (by delivery date).
-- Grain: begrotingsjaar x hoofdstuk x artikel x vuo x artikelonderdeel x instrument x regeling x jaar;
-- bedrag x EUR 1.000; t_offset = jaar - begrotingsjaar (-2 .. +4).
create or replace table stg.budgettaire_tabel as
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
join meta.huidige_levering l
    on l.source = 'budgettaire_tabel' and l.periode = r._periode and l.delivery_id = r._delivery_id
