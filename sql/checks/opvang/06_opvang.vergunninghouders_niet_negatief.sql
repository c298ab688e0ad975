-- opvang: the rows that break rule opvang.vergunninghouders_niet_negatief (none when it holds).
-- melding: kpi.opvang {sleutel}: vergunninghouders = {waarde} is negatief
select maand as sleutel, vergunninghouders as waarde
from kpi.opvang
where vergunninghouders < 0
