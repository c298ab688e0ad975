-- vertrek: the rows that break rule jaar_is_som_maanden (none when it holds).
-- melding: kpi.vertrek_jaar {jaar}: aantoonbaar {aantoonbaar} / zonder toezicht
--   {zelfstandig_zonder_toezicht} ≠ som van de maanden {m_aantoonbaar} / {m_zzt}
select j.jaar, j.aantoonbaar, j.zelfstandig_zonder_toezicht, m.aantoonbaar as m_aantoonbaar,
       m.zzt as m_zzt
from kpi.vertrek_jaar j
join (select jaar, sum(aantoonbaar) as aantoonbaar, sum(zelfstandig_zonder_toezicht) as zzt
      from kpi.vertrek group by jaar) m using (jaar)
where j.aantoonbaar <> m.aantoonbaar or j.zelfstandig_zonder_toezicht <> m.zzt
