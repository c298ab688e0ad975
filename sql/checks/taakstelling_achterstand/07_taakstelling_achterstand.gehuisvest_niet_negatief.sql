-- taakstelling_achterstand: the rows that break rule taakstelling_achterstand.gehuisvest_niet_negatief (none when it holds).
-- melding: kpi.taakstelling_achterstand {sleutel}: gehuisvest = {waarde} is negatief
select gemeentecode || ' ' || maand as sleutel, gehuisvest as waarde
from kpi.taakstelling_achterstand
where gehuisvest < 0
