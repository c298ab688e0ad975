-- Report context: kpi.opvang_opvangsoort for month $maand, regulier first, then the other kinds in a
-- fixed order (doorstroomlocatie, noodopvang, crisisnoodopvang, hotel, cruiseschip). Grain: opvangsoort.
select *
from kpi.opvang_opvangsoort
where maand = cast($maand as date)
order by
    case opvangsoort
        when 'regulier' then 1 when 'doorstroomlocatie' then 2 when 'noodopvang' then 3
        when 'crisisnoodopvang' then 4 when 'hotel' then 5 when 'cruiseschip' then 6 else 7
    end,
    opvangsoort
