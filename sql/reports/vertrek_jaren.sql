-- Report context: kpi.vertrek_jaar for the years up to the year of $maand. Grain: jaar.
select *
from kpi.vertrek_jaar
where jaar <= year(cast($maand as date))
order by jaar
