-- kpi.taakstelling_achterstand_top10: the 10 gemeenten with the largest achterstand per maand.
-- Grain: maand x rang (1..10; fewer when fewer gemeenten have an achterstand). Ties by gemeentecode.
-- achterstand: Achterstand van de gemeente aan het eind van de maand.
-- resterende_opgave: Resterende opgave van de gemeente in het lopende halfjaar.
-- taakstelling: Taakstelling van de gemeente voor het lopende halfjaar.
-- gehuisvest_halfjaar_tm: Gehuisvest in het halfjaar tot en met de maand.
create or replace table kpi.taakstelling_achterstand_top10 as
select
    maand,
    rang,
    gemeentecode,
    gemeentenaam,
    achterstand,
    resterende_opgave,
    taakstelling,
    gehuisvest_halfjaar_tm,
    voorlopig
from (
    select
        *,
        row_number() over (partition by maand order by achterstand desc, gemeentecode) as rang
    from kpi.taakstelling_achterstand
    where achterstand > 0
)
where rang <= 10
order by maand, rang
