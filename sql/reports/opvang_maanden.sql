-- Report context: kpi.opvang from $van up to and including $maand. Grain: maand.
select *
from kpi.opvang
where maand >= cast($van as date) and maand <= cast($maand as date)
order by maand
