-- kpi.realisatie_vs_prognose: asielinstroom year-to-date against the latest MPP prognose for the year.
-- Grain: maand (every month with CBS monthly totals).
-- instroom = eerste + volgende + nareizigers (CBS 83102NED monthly totals, kpi.instroom maand rows);
-- instroom_ytd = January up to the month; maanden = months of the year present up to the month;
-- projectie_jaareinde = straight line: instroom_ytd * 12 / maanden.
-- MPP: grootheid 'asielinstroom' of the latest edition that has the year (highest editie_jaar, then
-- editie_volgorde: voorjaar 1, najaar 2): mpp_min / mpp_midden / mpp_max.
-- positie = where the projection falls: 'onder bandbreedte' | 'binnen bandbreedte' | 'boven bandbreedte';
-- verschil_midden = projectie - midden; realisatie_pct_midden = 100 * instroom_ytd / mpp_midden.
-- maand_nummer: Maand van het jaar (1-12).
-- instroom: Asielinstroom in de maand = eerste + volgende + nareizigers.
-- instroom_ytd: Asielinstroom van januari tot en met de maand.
-- maanden: Aantal maanden van het jaar met gegevens tot en met de maand.
-- projectie_jaareinde: instroom_ytd x 12 / maanden (rechte lijn).
-- mpp_editie: De laatste MPP-editie met een prognose voor het jaar (2025-najaar).
-- mpp_min: MPP asielinstroom, scenario min.
-- mpp_midden: MPP asielinstroom, scenario midden.
-- mpp_max: MPP asielinstroom, scenario max.
-- verschil_midden_pct: 100 x (projectie - midden) / midden.
create or replace table kpi.realisatie_vs_prognose as
with maanden as (
    select
        periode_start as maand,
        jaar,
        periode_nummer as maand_nummer,
        coalesce(eerste, 0) + coalesce(volgende, 0) + coalesce(nareizigers, 0) as instroom,
        voorlopig
    from kpi.instroom
    where periode_soort = 'maand'
),
ytd as (
    select
        m.maand,
        m.jaar,
        m.maand_nummer,
        m.instroom,
        cast(sum(e.instroom) as bigint) as instroom_ytd,
        count(*) as maanden,
        bool_or(e.voorlopig) as voorlopig
    from maanden m
    join maanden e on e.jaar = m.jaar and e.maand_nummer <= m.maand_nummer
    group by m.maand, m.jaar, m.maand_nummer, m.instroom
),
laatste_editie as (
    select jaar, arg_max(editie, editie_jaar * 10 + editie_volgorde) as editie
    from editie.mpp_prognose
    where grootheid = 'asielinstroom'
    group by jaar
),
mpp as (
    select
        p.jaar,
        p.editie,
        max(p.waarde) filter (where p.scenario = 'min') as mpp_min,
        max(p.waarde) filter (where p.scenario = 'midden') as mpp_midden,
        max(p.waarde) filter (where p.scenario = 'max') as mpp_max
    from editie.mpp_prognose p
    join laatste_editie l using (jaar, editie)
    where p.grootheid = 'asielinstroom'
    group by p.jaar, p.editie
),
projectie as (
    select y.*, y.instroom_ytd * 12.0 / y.maanden as projectie_jaareinde
    from ytd y
)
select
    p.maand,
    p.jaar,
    p.maand_nummer,
    p.instroom,
    p.instroom_ytd,
    p.maanden,
    p.projectie_jaareinde,
    m.editie as mpp_editie,
    m.mpp_min,
    m.mpp_midden,
    m.mpp_max,
    case
        when m.editie is null then null
        when p.projectie_jaareinde < m.mpp_min then 'onder bandbreedte'
        when p.projectie_jaareinde > m.mpp_max then 'boven bandbreedte'
        else 'binnen bandbreedte'
    end as positie,
    p.projectie_jaareinde - m.mpp_midden as verschil_midden,
    100.0 * (p.projectie_jaareinde - m.mpp_midden) / nullif(m.mpp_midden, 0) as verschil_midden_pct,
    100.0 * p.instroom_ytd / nullif(m.mpp_midden, 0) as realisatie_pct_midden,
    p.voorlopig
from projectie p
left join mpp m using (jaar)
order by p.maand
