-- Report context: kpi.taakstelling_achterstand_nationaal from $van up to and including $maand. Grain: maand.
select *
from kpi.taakstelling_achterstand_nationaal
where maand >= cast($van as date) and maand <= cast($maand as date)
order by maand
