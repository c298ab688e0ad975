-- kpi.instroom: asielinstroom per maand, kwartaal en jaar (CBS 83102NED).
-- Grain: periode_soort (maand | kwartaal | jaar) x perioden (CBS code: 2025MM05, 2025KW01, 2025JJ00).
-- Only the CBS totals over the other dimensions: geslacht 'T001038', leeftijd '10000',
-- nationaliteit 'T001059'. Measures (personen): eerste (eerste asielverzoeken), volgende (volgende
-- asielverzoeken), nareizigers, totaal (CBS TotaalAsielverzoeken = eerste + volgende + nareizigers).
-- Kwartaal and jaar rows are CBS's own (bron 'cbs'); where CBS has not published a quarter or year
-- (yet) it is the sum of its months (bron 'som_maanden'); maanden = months of the period present,
-- volledig = CBS row or all months present.
-- <m>_vj = same period one year earlier; <m>_yoy_pct = 100 * (<m> - <m>_vj) / <m>_vj, only when both
-- periods are volledig. On maand rows: <m>_ytd = January up to this month, <m>_ytd_vj = the same
-- months one year earlier, <m>_ytd_yoy_pct (null when a month is missing on either side).
-- voorlopig = CBS status is not Definitief (sums and ytd: any part voorlopig); revisies = deliveries
-- of the period.
-- periode_soort: maand, kwartaal of jaar.
-- perioden: CBS-periodecode (2025MM05, 2025KW02, 2025JJ00).
-- periode_nummer: Maand- (1-12) of kwartaalnummer (1-4); 0 bij een jaar.
-- periode_start: Eerste dag van de periode.
-- periode_titel: Naam van de periode volgens CBS (2025 mei, 2025 2e kwartaal).
-- bron: cbs: cijfer zoals CBS het publiceert; som_maanden: som van de gepubliceerde maanden.
-- volledig: Waar als CBS de periode publiceert of alle maanden van de periode er zijn.
-- eerste: Eerste asielverzoeken (personen).
-- volgende: Volgende (herhaalde) asielverzoeken.
-- nareizigers: Nareizigers (personen).
-- totaal: Totaal asielverzoeken en nareizigers = eerste + volgende + nareizigers.
-- status: Status van het CBS-cijfer: definitief, nader voorlopig of voorlopig.
-- ytd_voorlopig: Waar als een van de maanden in het year-to-date-cijfer voorlopig is.
create or replace table kpi.instroom as
with totalen as (
    select *
    from editie.cbs_asielverzoeken
    where geslacht = 'T001038' and leeftijd = '10000' and nationaliteit = 'T001059'
),
maanden as (
    select * from totalen where periode_soort = 'maand'
),
som_maanden as (
    select
        soort.periode_soort,
        m.jaar,
        case soort.periode_soort when 'kwartaal' then (m.periode_nummer - 1) // 3 + 1 else 0 end as periode_nummer,
        count(*) as maanden,
        cast(sum(m.eerste) as bigint) as eerste,
        cast(sum(m.volgende) as bigint) as volgende,
        cast(sum(m.nareizigers) as bigint) as nareizigers,
        cast(sum(m.totaal) as bigint) as totaal,
        bool_or(m.voorlopig) as voorlopig,
        max(m.revisies) as revisies
    from maanden m
    cross join (values ('kwartaal'), ('jaar')) as soort(periode_soort)
    group by all
),
perioden as (
    select
        periode_soort, perioden, jaar, periode_nummer, periode_start, periode_titel, 'cbs' as bron,
        eerste, volgende, nareizigers, totaal, voorlopig, status, revisies
    from totalen
    union all
    select
        s.periode_soort,
        case s.periode_soort
            when 'kwartaal' then s.jaar || 'KW0' || s.periode_nummer
            else s.jaar || 'JJ00'
        end,
        s.jaar,
        s.periode_nummer,
        case s.periode_soort
            when 'kwartaal' then make_date(s.jaar, 3 * s.periode_nummer - 2, 1)
            else make_date(s.jaar, 1, 1)
        end,
        case s.periode_soort
            when 'kwartaal' then s.jaar || ' ' || s.periode_nummer || 'e kwartaal'
            else cast(s.jaar as varchar)
        end,
        'som_maanden',
        s.eerste, s.volgende, s.nareizigers, s.totaal, s.voorlopig,
        case when s.voorlopig then 'voorlopig' else 'definitief' end,
        s.revisies
    from som_maanden s
    anti join totalen t
        on t.periode_soort = s.periode_soort and t.jaar = s.jaar and t.periode_nummer = s.periode_nummer
),
compleet as (
    select
        p.*,
        case p.periode_soort when 'maand' then 1 else coalesce(s.maanden, 0) end as maanden,
        p.bron = 'cbs' or s.maanden = case p.periode_soort when 'kwartaal' then 3 else 12 end as volledig
    from perioden p
    left join som_maanden s
        on s.periode_soort = p.periode_soort and s.jaar = p.jaar and s.periode_nummer = p.periode_nummer
),
ytd as (
    select
        m.jaar,
        m.periode_nummer,
        count(*) filter (where e.jaar = m.jaar) as maanden,
        count(*) filter (where e.jaar = m.jaar - 1) as maanden_vj,
        cast(sum(e.eerste) filter (where e.jaar = m.jaar) as bigint) as eerste_ytd,
        cast(sum(e.volgende) filter (where e.jaar = m.jaar) as bigint) as volgende_ytd,
        cast(sum(e.nareizigers) filter (where e.jaar = m.jaar) as bigint) as nareizigers_ytd,
        cast(sum(e.totaal) filter (where e.jaar = m.jaar) as bigint) as totaal_ytd,
        cast(sum(e.eerste) filter (where e.jaar = m.jaar - 1) as bigint) as eerste_ytd_vj,
        cast(sum(e.volgende) filter (where e.jaar = m.jaar - 1) as bigint) as volgende_ytd_vj,
        cast(sum(e.nareizigers) filter (where e.jaar = m.jaar - 1) as bigint) as nareizigers_ytd_vj,
        cast(sum(e.totaal) filter (where e.jaar = m.jaar - 1) as bigint) as totaal_ytd_vj,
        bool_or(e.voorlopig) filter (where e.jaar = m.jaar) as ytd_voorlopig
    from maanden m
    join maanden e
        on e.jaar in (m.jaar, m.jaar - 1) and e.periode_nummer <= m.periode_nummer
    group by m.jaar, m.periode_nummer
)
select
    c.periode_soort,
    c.perioden,
    c.jaar,
    c.periode_nummer,
    c.periode_start,
    c.periode_titel,
    c.bron,
    c.maanden,
    c.volledig,
    c.eerste,
    c.volgende,
    c.nareizigers,
    c.totaal,
    c.voorlopig,
    c.status,
    c.revisies,
    v.eerste as eerste_vj,
    v.volgende as volgende_vj,
    v.nareizigers as nareizigers_vj,
    v.totaal as totaal_vj,
    case when c.volledig and v.volledig and v.eerste <> 0
        then 100.0 * (c.eerste - v.eerste) / v.eerste end as eerste_yoy_pct,
    case when c.volledig and v.volledig and v.volgende <> 0
        then 100.0 * (c.volgende - v.volgende) / v.volgende end as volgende_yoy_pct,
    case when c.volledig and v.volledig and v.nareizigers <> 0
        then 100.0 * (c.nareizigers - v.nareizigers) / v.nareizigers end as nareizigers_yoy_pct,
    case when c.volledig and v.volledig and v.totaal <> 0
        then 100.0 * (c.totaal - v.totaal) / v.totaal end as totaal_yoy_pct,
    y.eerste_ytd,
    y.volgende_ytd,
    y.nareizigers_ytd,
    y.totaal_ytd,
    y.eerste_ytd_vj,
    y.volgende_ytd_vj,
    y.nareizigers_ytd_vj,
    y.totaal_ytd_vj,
    case when y.maanden = y.maanden_vj and y.eerste_ytd_vj <> 0
        then 100.0 * (y.eerste_ytd - y.eerste_ytd_vj) / y.eerste_ytd_vj end as eerste_ytd_yoy_pct,
    case when y.maanden = y.maanden_vj and y.volgende_ytd_vj <> 0
        then 100.0 * (y.volgende_ytd - y.volgende_ytd_vj) / y.volgende_ytd_vj end as volgende_ytd_yoy_pct,
    case when y.maanden = y.maanden_vj and y.nareizigers_ytd_vj <> 0
        then 100.0 * (y.nareizigers_ytd - y.nareizigers_ytd_vj) / y.nareizigers_ytd_vj end as nareizigers_ytd_yoy_pct,
    case when y.maanden = y.maanden_vj and y.totaal_ytd_vj <> 0
        then 100.0 * (y.totaal_ytd - y.totaal_ytd_vj) / y.totaal_ytd_vj end as totaal_ytd_yoy_pct,
    y.ytd_voorlopig
from compleet c
left join compleet v
    on v.periode_soort = c.periode_soort and v.jaar = c.jaar - 1 and v.periode_nummer = c.periode_nummer
left join ytd y
    on c.periode_soort = 'maand' and y.jaar = c.jaar and y.periode_nummer = c.periode_nummer
order by c.periode_start, c.periode_soort
