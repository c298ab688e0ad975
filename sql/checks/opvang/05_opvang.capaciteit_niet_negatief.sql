-- opvang: the rows that break rule opvang.capaciteit_niet_negatief (none when it holds).
-- melding: kpi.opvang {sleutel}: capaciteit = {waarde} is negatief
select maand as sleutel, capaciteit as waarde
from kpi.opvang
where capaciteit < 0
