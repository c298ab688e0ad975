-- taakstelling_achterstand: the rows that break rule taakstelling_achterstand.achterstand_niet_negatief (none when it holds).
-- melding: kpi.taakstelling_achterstand {sleutel}: achterstand = {waarde} is negatief
select gemeentecode || ' ' || maand as sleutel, achterstand as waarde
from kpi.taakstelling_achterstand
where achterstand < 0
