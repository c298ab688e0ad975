-- vertrek: the rows that break rule vertrek.gedwongen_niet_negatief (none when it holds).
-- melding: kpi.vertrek {sleutel}: gedwongen = {waarde} is negatief
select maand as sleutel, gedwongen as waarde
from kpi.vertrek
where gedwongen < 0
