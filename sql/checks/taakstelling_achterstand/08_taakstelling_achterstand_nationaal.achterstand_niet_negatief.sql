-- taakstelling_achterstand: the rows that break rule taakstelling_achterstand_nationaal.achterstand_niet_negatief (none when it holds).
-- melding: kpi.taakstelling_achterstand_nationaal {sleutel}: achterstand = {waarde} is negatief
select maand as sleutel, achterstand as waarde
from kpi.taakstelling_achterstand_nationaal
where achterstand < 0
