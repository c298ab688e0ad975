-- Report context: kpi.realisatie_vs_prognose for the months of the year of $maand up to $maand. Grain: maand.
select *
from kpi.realisatie_vs_prognose
where jaar = year(cast($maand as date)) and maand <= cast($maand as date)
order by maand
