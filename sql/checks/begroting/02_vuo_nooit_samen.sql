-- begroting: the rows that break rule vuo_nooit_samen (none when it holds).
-- melding: kpi.begroting {begrotingsjaar} artikel {artikel} {vuo}: totaal {t0} ≠ {stg_t0}, de som
--   van alleen de geleverde regels van soort {vuo}
select b.begrotingsjaar, b.artikel, b.vuo, b.t0, s.t0 as stg_t0
from kpi.begroting b
join (select begrotingsjaar, hoofdstuk, artikel, vuo, sum(bedrag) as t0
      from stg.budgettaire_tabel where t_offset = 0 group by all) s
  using (begrotingsjaar, hoofdstuk, artikel, vuo)
where b.niveau = 'totaal' and b.t0 <> s.t0
