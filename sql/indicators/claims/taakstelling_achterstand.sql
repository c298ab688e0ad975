-- Claim measurement: the national achterstand on the huisvestingstaakstelling at the end of month $maand
-- (first day of the month): sum over gemeenten of max(0, saldo end of previous half-year - gehuisvest so
-- far), from kpi.taakstelling_achterstand_nationaal.
select
    achterstand as gemeten,
    gemeenten_met_achterstand,
    resterende_opgave,
    voorlopig
from kpi.taakstelling_achterstand_nationaal
where maand = cast($maand as date)
