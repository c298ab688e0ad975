-- taakstelling_achterstand: the rows that break rule nationaal_is_som_gemeenten (none when it holds).
-- melding: kpi.taakstelling_achterstand_nationaal {maand}: achterstand {achterstand}, resterende
--   opgave {resterende_opgave}, gemeenten met achterstand {gemeenten_met_achterstand} ≠ som over
--   gemeenten ({g_achterstand}, {g_resterende_opgave}, {g_met_achterstand})
select n.maand, n.achterstand, n.resterende_opgave, n.gemeenten_met_achterstand,
       g.achterstand as g_achterstand, g.resterende_opgave as g_resterende_opgave,
       g.met_achterstand as g_met_achterstand
from kpi.taakstelling_achterstand_nationaal n
join (select maand, sum(achterstand) as achterstand, sum(resterende_opgave) as resterende_opgave,
             count(*) filter (where achterstand > 0) as met_achterstand
      from kpi.taakstelling_achterstand group by maand) g using (maand)
where n.achterstand <> g.achterstand or n.resterende_opgave <> g.resterende_opgave
   or n.gemeenten_met_achterstand <> g.met_achterstand
