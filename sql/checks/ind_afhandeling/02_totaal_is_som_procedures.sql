-- ind_afhandeling: the rows that break rule totaal_is_som_procedures (none when it holds).
-- melding: kpi.ind_afhandeling {maand}: totaal (aanvragen {aanvragen}, beslissingen {beslissingen},
--   intrekkingen {intrekkingen}, afgehandeld {afgehandeld}, voorraad {voorraad}, doorlooptijd_n
--   {doorlooptijd_n}, binnen termijn {binnen_termijn}) ≠ som over de procedures ({p_aanvragen},
--   {p_beslissingen}, {p_intrekkingen}, {p_afgehandeld}, {p_voorraad}, {p_doorlooptijd_n},
--   {p_binnen_termijn})
select t.maand, t.aanvragen, t.beslissingen, t.intrekkingen, t.afgehandeld, t.voorraad,
       t.doorlooptijd_n, t.binnen_termijn,
       p.aanvragen as p_aanvragen, p.beslissingen as p_beslissingen,
       p.intrekkingen as p_intrekkingen, p.afgehandeld as p_afgehandeld,
       p.voorraad as p_voorraad, p.doorlooptijd_n as p_doorlooptijd_n,
       p.binnen_termijn as p_binnen_termijn
from kpi.ind_afhandeling t
join (select maand, sum(aanvragen) as aanvragen, sum(beslissingen) as beslissingen,
             sum(intrekkingen) as intrekkingen, sum(afgehandeld) as afgehandeld,
             sum(voorraad) as voorraad, sum(doorlooptijd_n) as doorlooptijd_n,
             sum(binnen_termijn) as binnen_termijn
      from kpi.ind_afhandeling where procedure <> 'totaal' group by maand) p using (maand)
where t.procedure = 'totaal'
  and (t.aanvragen <> p.aanvragen or t.beslissingen <> p.beslissingen
       or t.intrekkingen <> p.intrekkingen or t.afgehandeld <> p.afgehandeld
       or t.voorraad is distinct from p.voorraad or t.doorlooptijd_n <> p.doorlooptijd_n
       or t.binnen_termijn <> p.binnen_termijn)
