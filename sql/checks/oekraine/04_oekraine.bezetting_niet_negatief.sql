-- oekraine: the rows that break rule oekraine.bezetting_niet_negatief (none when it holds).
-- melding: kpi.oekraine {sleutel}: bezetting = {waarde} is negatief
select maand as sleutel, bezetting as waarde
from kpi.oekraine
where bezetting < 0
