-- oekraine: the rows that break rule oekraine.opvangplekken_niet_negatief (none when it holds).
-- melding: kpi.oekraine {sleutel}: opvangplekken = {waarde} is negatief
select maand as sleutel, opvangplekken as waarde
from kpi.oekraine
where opvangplekken < 0
