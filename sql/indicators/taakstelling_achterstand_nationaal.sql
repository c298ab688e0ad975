-- kpi.taakstelling_achterstand_nationaal: the national taakstelling figures per maand.
-- Grain: maand. Sums over gemeenten of kpi.taakstelling_achterstand (a surplus in one gemeente is not
-- netted against another: achterstand and resterende_opgave are summed after the max(0, ...) per gemeente).
-- gemeenten_met_achterstand = number of gemeenten with achterstand > 0; taakstelling = the national
-- taakstelling of the current half-year; gehuisvest = housed in the month; gehuisvest_halfjaar_tm = housed
-- in the half-year up to the month.
-- taakstelling: Landelijke taakstelling van het lopende halfjaar.
-- taakstelling_bekend: Waar als de taakstelling van alle gemeenten voor het halfjaar is geleverd.
-- achterstand: Som over de gemeenten van de achterstand (zonder verrekening tussen gemeenten).
-- resterende_opgave: Som over de gemeenten van de resterende opgave.
-- gemeenten: Aantal gemeenten.
-- gemeenten_met_achterstand: Aantal gemeenten met een achterstand groter dan 0.
create or replace table kpi.taakstelling_achterstand_nationaal as
select
    maand,
    any_value(periode) as periode,
    cast(sum(taakstelling) as bigint) as taakstelling,
    bool_and(taakstelling_bekend) as taakstelling_bekend,
    cast(sum(gehuisvest) as bigint) as gehuisvest,
    cast(sum(gehuisvest_halfjaar_tm) as bigint) as gehuisvest_halfjaar_tm,
    cast(sum(achterstand) as bigint) as achterstand,
    cast(sum(resterende_opgave) as bigint) as resterende_opgave,
    count(*) as gemeenten,
    count(*) filter (where achterstand > 0) as gemeenten_met_achterstand,
    bool_or(voorlopig) as voorlopig,
    max(revisies) as revisies
from kpi.taakstelling_achterstand
group by maand
order by maand
