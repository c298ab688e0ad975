-- oekraine: the rows that break rule oekraine.kosten_per_jaar_niet_negatief (none when it holds).
-- melding: kpi.oekraine {sleutel}: kosten_per_jaar = {waarde} is negatief
select maand as sleutel, kosten_per_jaar as waarde
from kpi.oekraine
where kosten_per_jaar < 0
