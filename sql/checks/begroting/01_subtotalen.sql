-- begroting: the rows that break rule subtotalen (none when it holds).
-- melding: kpi.begroting {begrotingsjaar} artikel {artikel}, '{omschrijving}': {bedragen} ≠ som van
--   de regels eronder {som}
with r as (
    select *, t_min2 || '|' || t_min1 || '|' || t0 || '|' || t_plus1 || '|' || t_plus2 || '|'
              || t_plus3 || '|' || t_plus4 as bedragen
    from kpi.begroting
),
kind as (
    select begrotingsjaar, hoofdstuk, artikel, vuo,
           case niveau when 'artikelonderdeel' then 'totaal' when 'instrument' then 'artikelonderdeel'
                       else 'instrument' end as ouder_niveau,
           case when niveau = 'artikelonderdeel' then null else artikelonderdeel end as artikelonderdeel,
           case when niveau = 'regeling' then instrument end as instrument,
           sum(t_min2) as t_min2, sum(t_min1) as t_min1, sum(t0) as t0, sum(t_plus1) as t_plus1,
           sum(t_plus2) as t_plus2, sum(t_plus3) as t_plus3, sum(t_plus4) as t_plus4
    from kpi.begroting where niveau <> 'totaal'
    group by all
)
select o.begrotingsjaar, o.artikel, o.omschrijving, o.bedragen,
       k.t_min2 || '|' || k.t_min1 || '|' || k.t0 || '|' || k.t_plus1 || '|' || k.t_plus2 || '|'
       || k.t_plus3 || '|' || k.t_plus4 as som
from r o
join kind k on k.begrotingsjaar = o.begrotingsjaar and k.hoofdstuk = o.hoofdstuk
    and k.artikel = o.artikel and k.vuo = o.vuo and k.ouder_niveau = o.niveau
    and k.artikelonderdeel is not distinct from (case when o.niveau = 'totaal' then null
                                                      else o.artikelonderdeel end)
    and k.instrument is not distinct from (case when o.niveau = 'instrument' then o.instrument end)
where (o.t_min2, o.t_min1, o.t0, o.t_plus1, o.t_plus2, o.t_plus3, o.t_plus4)
      <> (k.t_min2, k.t_min1, k.t0, k.t_plus1, k.t_plus2, k.t_plus3, k.t_plus4)
