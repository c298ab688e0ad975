-- opvang: the rows that break rule opvang.kosten_per_jaar_niet_negatief (none when it holds).
-- melding: kpi.opvang {sleutel}: kosten_per_jaar = {waarde} is negatief
select maand as sleutel, kosten_per_jaar as waarde
from kpi.opvang
where kosten_per_jaar < 0
