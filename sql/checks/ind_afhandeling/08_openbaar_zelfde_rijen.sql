-- ind_afhandeling: the rows that break rule openbaar_zelfde_rijen (none when it holds).
-- melding: kpi.ind_afhandeling_openbaar {maand} {procedure}: rij ontbreekt in de interne of de
--   openbare tabel
select coalesce(k.maand, o.maand) as maand, coalesce(k.procedure, o.procedure) as procedure
from kpi.ind_afhandeling k
full outer join kpi.ind_afhandeling_openbaar o using (maand, procedure)
where k.maand is null or o.maand is null
