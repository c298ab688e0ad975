-- taakstelling_achterstand: the rows that break rule taakstelling_achterstand.resterende_opgave_niet_negatief (none when it holds).
-- melding: kpi.taakstelling_achterstand {sleutel}: resterende_opgave = {waarde} is negatief
select gemeentecode || ' ' || maand as sleutel, resterende_opgave as waarde
from kpi.taakstelling_achterstand
where resterende_opgave < 0
