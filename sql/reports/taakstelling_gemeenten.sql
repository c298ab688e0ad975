-- Report context (annex): taakstelling, gehuisvest, achterstand and resterende opgave of every gemeente in
-- month $maand (kpi.taakstelling_achterstand). Grain: gemeentecode; ordered by name, then code.
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
    voorlopig
from kpi.taakstelling_achterstand
where maand = cast($maand as date)
order by lower(gemeentenaam), gemeentecode
