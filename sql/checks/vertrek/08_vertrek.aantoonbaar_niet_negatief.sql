-- vertrek: the rows that break rule vertrek.aantoonbaar_niet_negatief (none when it holds).
-- melding: kpi.vertrek {sleutel}: aantoonbaar = {waarde} is negatief
select maand as sleutel, aantoonbaar as waarde
from kpi.vertrek
where aantoonbaar < 0
