-- Report context: kpi.instroom rows of one kind (maand | kwartaal | jaar) starting from $van up to and
-- including $maand (first days of months). Grain: perioden.
select *
from kpi.instroom
where periode_soort = $soort
    and periode_start >= cast($van as date)
    and periode_start <= cast($maand as date)
order by periode_start
