-- Report context: kpi.vertrek from $van up to and including $maand. Grain: maand.
select *
from kpi.vertrek
where maand >= cast($van as date) and maand <= cast($maand as date)
order by maand
