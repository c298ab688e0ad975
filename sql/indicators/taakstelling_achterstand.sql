-- kpi.taakstelling_achterstand: achterstand op de huisvestingstaakstelling per gemeente per maand.
-- Grain: gemeentecode x maand (first day of the month), from the first delivered half-year up to the
-- last month with huisvesting_realisatie. Half-years: H1 = Jan-Jun, H2 = Jul-Dec.
-- saldo_begin(h) = saldo at the end of the previous half-year, 0 before the first delivered half-year;
-- saldo_eind(h) = saldo_begin(h) + taakstelling(h) - gehuisvest in h (a surplus is a negative saldo and
-- carries over too). For month m in half-year h, with gehuisvest_halfjaar_tm = housed in h up to m:
--   achterstand       = max(0, saldo_begin(h) - gehuisvest_halfjaar_tm)   (should already have been housed)
--   resterende_opgave = max(0, saldo_begin(h) + taakstelling(h) - gehuisvest_halfjaar_tm)
--   saldo             = saldo_begin(h) + taakstelling(h) - gehuisvest_halfjaar_tm (unclamped; in the
--                       last month of h it is saldo_eind(h)).
-- A half-year without a delivered taakstelling counts as 0 (taakstelling_bekend = false); a month
-- without a realisatie row for the gemeente counts as 0 gehuisvest. gemeentenaam: ref.gemeenten.
-- periode: Halfjaar van de taakstelling (2025-H1).
-- halfjaar_start: Eerste dag van het halfjaar.
-- taakstelling: Taakstelling van de gemeente voor het halfjaar (0 als nog niet geleverd).
-- taakstelling_bekend: Waar als de taakstelling voor het halfjaar is geleverd.
-- saldo_begin: Saldo aan het eind van het vorige halfjaar (negatief = overschot).
-- gehuisvest: Vergunninghouders gehuisvest in de maand.
-- gehuisvest_halfjaar_tm: Vergunninghouders gehuisvest in het halfjaar tot en met de maand.
-- achterstand: max(0, saldo_begin - gehuisvest_halfjaar_tm): wie al gehuisvest had moeten zijn.
-- resterende_opgave: max(0, saldo_begin + taakstelling - gehuisvest_halfjaar_tm).
-- saldo: saldo_begin + taakstelling - gehuisvest_halfjaar_tm (niet afgekapt).
create or replace table kpi.taakstelling_achterstand as
with grenzen as (
    select
        (select min(halfjaar_start) from editie.taakstelling) as eerste_maand,
        (select max(maand_start) from editie.huisvesting_realisatie) as laatste_maand
),
maanden as (
    select
        cast(m.maand as date) as maand,
        make_date(year(m.maand), case when month(m.maand) <= 6 then 1 else 7 end, 1) as halfjaar_start
    from grenzen g,
        generate_series(g.eerste_maand, g.laatste_maand, interval 1 month) as m(maand)
),
gemeenten as (
    -- every gemeente with a taakstelling or a realisatie; its name from the reference list (the
    -- contracts accept only listed codes), the latest delivered name for a code the list lost
    select
        d.gemeentecode,
        coalesce(any_value(r.gemeentenaam), arg_max(d.gemeentenaam, d.halfjaar_start)) as gemeentenaam
    from (
        select gemeentecode, gemeentenaam, halfjaar_start from editie.taakstelling
        union all
        select gemeentecode, null, null from editie.huisvesting_realisatie
    ) d
    left join ref.gemeenten r using (gemeentecode)
    group by d.gemeentecode
),
halfjaren as (
    select distinct halfjaar_start from maanden
),
gehuisvest_per_halfjaar as (
    select
        gemeentecode,
        make_date(year(maand_start), case when month(maand_start) <= 6 then 1 else 7 end, 1) as halfjaar_start,
        cast(sum(gehuisvest) as bigint) as gehuisvest
    from editie.huisvesting_realisatie
    group by all
),
per_halfjaar as (
    select
        g.gemeentecode,
        h.halfjaar_start,
        coalesce(t.taakstelling, 0) as taakstelling,
        t.gemeentecode is not null as taakstelling_bekend,
        coalesce(t.voorlopig, false) as taakstelling_voorlopig,
        coalesce(t.revisies, 0) as taakstelling_revisies,
        coalesce(r.gehuisvest, 0) as gehuisvest_halfjaar
    from gemeenten g
    cross join halfjaren h
    left join editie.taakstelling t
        on t.gemeentecode = g.gemeentecode and t.halfjaar_start = h.halfjaar_start
    left join gehuisvest_per_halfjaar r
        on r.gemeentecode = g.gemeentecode and r.halfjaar_start = h.halfjaar_start
),
saldi as (
    select
        *,
        cast(coalesce(sum(taakstelling - gehuisvest_halfjaar) over (
            partition by gemeentecode order by halfjaar_start
            rows between unbounded preceding and 1 preceding
        ), 0) as bigint) as saldo_begin
    from per_halfjaar
),
per_maand as (
    select
        s.gemeentecode,
        m.maand,
        s.halfjaar_start,
        s.taakstelling,
        s.taakstelling_bekend,
        s.saldo_begin,
        coalesce(r.gehuisvest, 0) as gehuisvest,
        cast(sum(coalesce(r.gehuisvest, 0)) over (
            partition by s.gemeentecode, s.halfjaar_start order by m.maand
        ) as bigint) as gehuisvest_halfjaar_tm,
        s.taakstelling_voorlopig or coalesce(r.voorlopig, false) as voorlopig,
        greatest(s.taakstelling_revisies, coalesce(r.revisies, 0)) as revisies
    from saldi s
    join maanden m on m.halfjaar_start = s.halfjaar_start
    left join editie.huisvesting_realisatie r
        on r.gemeentecode = s.gemeentecode and r.maand_start = m.maand
)
select
    p.gemeentecode,
    g.gemeentenaam,
    p.maand,
    year(p.halfjaar_start) || '-H' || case when month(p.halfjaar_start) = 1 then 1 else 2 end as periode,
    p.halfjaar_start,
    p.taakstelling,
    p.taakstelling_bekend,
    p.saldo_begin,
    p.gehuisvest,
    p.gehuisvest_halfjaar_tm,
    greatest(0, p.saldo_begin - p.gehuisvest_halfjaar_tm) as achterstand,
    greatest(0, p.saldo_begin + p.taakstelling - p.gehuisvest_halfjaar_tm) as resterende_opgave,
    p.saldo_begin + p.taakstelling - p.gehuisvest_halfjaar_tm as saldo,
    p.voorlopig,
    p.revisies
from per_maand p
join gemeenten g using (gemeentecode)
order by p.maand, p.gemeentecode
