-- Report context: kpi.oekraine from $van up to and including $maand. Grain: maand.
select *
from kpi.oekraine
where maand >= cast($van as date) and maand <= cast($maand as date)
order by maand
