-- Report context: the 10 gemeenten with the largest achterstand in month $maand. Grain: rang.
select *
from kpi.taakstelling_achterstand_top10
where maand = cast($maand as date)
order by rang
