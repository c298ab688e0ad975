-- vertrek: the rows that break rule vertrek.zelfstandig_zonder_toezicht_niet_negatief (none when it holds).
-- melding: kpi.vertrek {sleutel}: zelfstandig_zonder_toezicht = {waarde} is negatief
select maand as sleutel, zelfstandig_zonder_toezicht as waarde
from kpi.vertrek
where zelfstandig_zonder_toezicht < 0
