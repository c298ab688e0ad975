-- kpi.instroom_nationaliteiten: asielinstroom per nationaliteit (CBS 83102NED), for the top-N tables.
-- Grain: perioden (CBS code; maand, kwartaal and jaar as published by CBS) x nationaliteit (CBS code).
-- Totals over geslacht ('T001038') and leeftijd ('10000'); every nationality except the total
-- 'T001059'. rang = rank by eerste asielverzoeken within the period (ties: by code); aandeel_eerste_pct
-- = 100 * eerste / eerste of the period's total row. The report shows rang <= 10.
-- CBS rounds these cells to 5, so nationalities do not add up exactly to the total.
-- periode_soort: maand, kwartaal of jaar.
-- perioden: CBS-periodecode (2025MM05, 2025KW02, 2025JJ00).
-- periode_nummer: Maand- (1-12) of kwartaalnummer (1-4); 0 bij een jaar.
-- periode_start: Eerste dag van de periode.
-- periode_titel: Naam van de periode volgens CBS.
-- nationaliteit: CBS-code van de nationaliteit.
-- nationaliteit_naam: Naam van de nationaliteit volgens CBS.
-- eerste: Eerste asielverzoeken (personen).
-- volgende: Volgende (herhaalde) asielverzoeken.
-- nareizigers: Nareizigers (personen).
-- totaal: Totaal asielverzoeken en nareizigers.
create or replace table kpi.instroom_nationaliteiten as
with totaal as (
    select perioden, eerste
    from editie.cbs_asielverzoeken
    where geslacht = 'T001038' and leeftijd = '10000' and nationaliteit = 'T001059'
)
select
    n.periode_soort,
    n.perioden,
    n.jaar,
    n.periode_nummer,
    n.periode_start,
    n.periode_titel,
    n.nationaliteit,
    n.nationaliteit_naam,
    n.eerste,
    n.volgende,
    n.nareizigers,
    n.totaal,
    row_number() over (partition by n.perioden order by n.eerste desc nulls last, n.nationaliteit) as rang,
    case when t.eerste > 0 then 100.0 * n.eerste / t.eerste end as aandeel_eerste_pct,
    n.voorlopig,
    n.revisies
from editie.cbs_asielverzoeken n
left join totaal t using (perioden)
where n.geslacht = 'T001038' and n.leeftijd = '10000' and n.nationaliteit <> 'T001059'
order by n.periode_start, n.periode_soort, rang
