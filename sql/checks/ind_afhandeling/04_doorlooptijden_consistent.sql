-- ind_afhandeling: the rows that break rule doorlooptijden_consistent (none when it holds).
-- melding: kpi.ind_afhandeling {maand} {procedure}: p90 {p90} < mediaan {mediaan} of binnen termijn
--   {binnen_termijn} > beslissingen met doorlooptijd {doorlooptijd_n}
select maand, procedure, doorlooptijd_mediaan_dagen as mediaan, doorlooptijd_p90_dagen as p90,
       binnen_termijn, doorlooptijd_n
from kpi.ind_afhandeling
where doorlooptijd_p90_dagen < doorlooptijd_mediaan_dagen or binnen_termijn > doorlooptijd_n
