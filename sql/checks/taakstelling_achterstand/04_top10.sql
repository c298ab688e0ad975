-- taakstelling_achterstand: the rows that break rule top10 (none when it holds).
-- melding: kpi.taakstelling_achterstand_top10 {maand} rang {rang} ({gemeentecode}, achterstand
--   {achterstand}): niet in overeenstemming met de gemeentecijfers (achterstand {g_achterstand})
select t.maand, t.rang, t.gemeentecode, t.achterstand, g.achterstand as g_achterstand
from kpi.taakstelling_achterstand_top10 t
left join kpi.taakstelling_achterstand g using (maand, gemeentecode)
where t.rang > 10 or g.achterstand is distinct from t.achterstand
   or t.achterstand < (select max(achterstand) from kpi.taakstelling_achterstand x
                       where x.maand = t.maand and x.gemeentecode not in (
                           select gemeentecode from kpi.taakstelling_achterstand_top10 y
                           where y.maand = t.maand))
