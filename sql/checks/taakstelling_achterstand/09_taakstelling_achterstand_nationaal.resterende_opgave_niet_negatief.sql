-- taakstelling_achterstand: the rows that break rule taakstelling_achterstand_nationaal.resterende_opgave_niet_negatief (none when it holds).
-- melding: kpi.taakstelling_achterstand_nationaal {sleutel}: resterende_opgave = {waarde} is
--   negatief
select maand as sleutel, resterende_opgave as waarde
from kpi.taakstelling_achterstand_nationaal
where resterende_opgave < 0
