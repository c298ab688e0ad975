-- Report context: begrotingsstaten of hoofdstuk $hoofdstuk in begrotingsjaar $begrotingsjaar
-- (kpi.begroting_staten), x EUR 1.000: ontwerp, vastgesteld, suppletoires, realisatie, verschil.
-- Grain: artikelnummer x vuo (V, U, O in that order).
select *
from kpi.begroting_staten
where begrotingsnummer = $hoofdstuk and begrotingsjaar = $begrotingsjaar
order by case vuo when 'V' then 1 when 'U' then 2 else 3 end, artikelnummer
