-- Report context (annex): taakstelling, gehuisvest, achterstand and resterende opgave of every gemeente in
-- month $maand (kpi.taakstelling_achterstand). Grain: gemeentecode; ordered by name, then code.
-- taakstelling_getoond: the taakstelling where it is known; symbool: * for a voorlopig achterstand.
select
    gemeentecode,
    gemeentenaam,
    periode,
    taakstelling,
    taakstelling_bekend,
    saldo_begin,
    gehuisvest,
    gehuisvest_halfjaar_tm,
    achterstand,
    resterende_opgave,
    voorlopig,
    case when taakstelling_bekend then taakstelling end as taakstelling_getoond,
    case when voorlopig then '*' else '' end as symbool
from kpi.taakstelling_achterstand
where maand = cast($maand as date)
order by lower(gemeentenaam), gemeentecode
