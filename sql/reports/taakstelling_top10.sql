-- Report context: the 10 gemeenten with the largest achterstand in month $maand. Grain: rang.
-- symbool: * for a voorlopig achterstand.
select *, case when voorlopig then '*' else '' end as symbool
from kpi.taakstelling_achterstand_top10
where maand = cast($maand as date)
order by rang
