-- vertrek: the rows that break rule vertrek.zelfstandig_onder_toezicht_niet_negatief (none when it holds).
-- melding: kpi.vertrek {sleutel}: zelfstandig_onder_toezicht = {waarde} is negatief
select maand as sleutel, zelfstandig_onder_toezicht as waarde
from kpi.vertrek
where zelfstandig_onder_toezicht < 0
