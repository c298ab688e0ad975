-- opvang: the rows that break rule opvang.bezetting_niet_negatief (none when it holds).
-- melding: kpi.opvang {sleutel}: bezetting = {waarde} is negatief
select maand as sleutel, bezetting as waarde
from kpi.opvang
where bezetting < 0
