-- ind_afhandeling: the rows that break rule voorraad_bekend_en_niet_negatief (none when it holds).
-- melding: kpi.ind_afhandeling {maand} {procedure}: voorraad {voorraad} is onbekend of negatief
select maand, procedure, voorraad
from kpi.ind_afhandeling
where voorraad is null or voorraad < 0
