-- kpi.vertrek_jaar: aantoonbaar vertrek per jaar, growth on the previous year and each kind's share of it.
-- Grain: jaar. For a year still in progress (volledig = false) the comparison is year-to-date: the
-- previous year's same months (January up to tm_maand, the last month present).
-- aantoonbaar = zelfstandig_onder_toezicht + gedwongen; <soort>_vj = the previous year's (same months);
-- groei_<soort> = <soort> - <soort>_vj; groei_<soort>_pct = 100 * groei / vj;
-- aandeel_groei_<soort>_pct = 100 * groei_<soort> / groei_aantoonbaar (the two add up to 100; null when
-- groei_aantoonbaar = 0). Yoy figures are null when a month is missing on either side.
-- maanden: Aantal maanden van het jaar in de gegevens.
-- tm_maand: Laatste maand van het jaar in de gegevens.
-- zelfstandig_onder_toezicht: Zelfstandig vertrek onder toezicht (aantoonbaar).
-- gedwongen: Gedwongen vertrek (aantoonbaar).
-- zelfstandig_zonder_toezicht: Zelfstandig vertrek zonder toezicht (niet aantoonbaar).
-- aantoonbaar: zelfstandig_onder_toezicht + gedwongen.
-- onderdrukt: Waar als DTenV in het jaar een aantal als '.' (onder 5) leverde.
create or replace table kpi.vertrek_jaar as
with maanden as (
    select
        year(maand_start) as jaar,
        month(maand_start) as maand_nummer,
        coalesce(cast(sum(aantal) filter (where vertreksoort = 'zelfstandig_onder_toezicht') as bigint), 0) as zelfstandig_onder_toezicht,
        coalesce(cast(sum(aantal) filter (where vertreksoort = 'gedwongen') as bigint), 0) as gedwongen,
        coalesce(cast(sum(aantal) filter (where vertreksoort = 'zelfstandig_zonder_toezicht') as bigint), 0) as zelfstandig_zonder_toezicht,
        bool_or(onderdrukt) as onderdrukt,
        bool_or(voorlopig) as voorlopig,
        max(revisies) as revisies
    from editie.dtenv_vertrek
    group by maand_start
),
jaren as (
    select
        jaar,
        count(*) as maanden,
        max(maand_nummer) as tm_maand,
        cast(sum(zelfstandig_onder_toezicht) as bigint) as zelfstandig_onder_toezicht,
        cast(sum(gedwongen) as bigint) as gedwongen,
        cast(sum(zelfstandig_zonder_toezicht) as bigint) as zelfstandig_zonder_toezicht,
        bool_or(onderdrukt) as onderdrukt,
        bool_or(voorlopig) as voorlopig,
        max(revisies) as revisies
    from maanden
    group by jaar
),
vorig as (
    select
        j.jaar,
        count(m.jaar) as maanden_vj,
        cast(sum(m.zelfstandig_onder_toezicht) as bigint) as zelfstandig_onder_toezicht_vj,
        cast(sum(m.gedwongen) as bigint) as gedwongen_vj,
        cast(sum(m.zelfstandig_zonder_toezicht) as bigint) as zelfstandig_zonder_toezicht_vj
    from jaren j
    left join maanden m on m.jaar = j.jaar - 1 and m.maand_nummer <= j.tm_maand
    group by j.jaar
),
vergelijking as (
    select
        j.*,
        j.zelfstandig_onder_toezicht + j.gedwongen as aantoonbaar,
        j.maanden = j.tm_maand and v.maanden_vj = j.tm_maand as vergelijkbaar,
        v.zelfstandig_onder_toezicht_vj,
        v.gedwongen_vj,
        v.zelfstandig_zonder_toezicht_vj,
        v.zelfstandig_onder_toezicht_vj + v.gedwongen_vj as aantoonbaar_vj
    from jaren j
    join vorig v using (jaar)
),
groei as (
    select
        *,
        case when vergelijkbaar then aantoonbaar - aantoonbaar_vj end as groei_aantoonbaar,
        case when vergelijkbaar then zelfstandig_onder_toezicht - zelfstandig_onder_toezicht_vj end
            as groei_zelfstandig_onder_toezicht,
        case when vergelijkbaar then gedwongen - gedwongen_vj end as groei_gedwongen,
        case when vergelijkbaar then zelfstandig_zonder_toezicht - zelfstandig_zonder_toezicht_vj end
            as groei_zelfstandig_zonder_toezicht
    from vergelijking
)
select
    jaar,
    maanden,
    tm_maand,
    maanden = 12 as volledig,
    zelfstandig_onder_toezicht,
    gedwongen,
    zelfstandig_zonder_toezicht,
    aantoonbaar,
    case when vergelijkbaar then zelfstandig_onder_toezicht_vj end as zelfstandig_onder_toezicht_vj,
    case when vergelijkbaar then gedwongen_vj end as gedwongen_vj,
    case when vergelijkbaar then zelfstandig_zonder_toezicht_vj end as zelfstandig_zonder_toezicht_vj,
    case when vergelijkbaar then aantoonbaar_vj end as aantoonbaar_vj,
    groei_aantoonbaar,
    100.0 * groei_aantoonbaar / nullif(aantoonbaar_vj, 0) as groei_aantoonbaar_pct,
    groei_zelfstandig_onder_toezicht,
    100.0 * groei_zelfstandig_onder_toezicht / nullif(zelfstandig_onder_toezicht_vj, 0)
        as groei_zelfstandig_onder_toezicht_pct,
    groei_gedwongen,
    100.0 * groei_gedwongen / nullif(gedwongen_vj, 0) as groei_gedwongen_pct,
    groei_zelfstandig_zonder_toezicht,
    100.0 * groei_zelfstandig_zonder_toezicht / nullif(zelfstandig_zonder_toezicht_vj, 0)
        as groei_zelfstandig_zonder_toezicht_pct,
    100.0 * groei_zelfstandig_onder_toezicht / nullif(groei_aantoonbaar, 0) as aandeel_groei_zelfstandig_onder_toezicht_pct,
    100.0 * groei_gedwongen / nullif(groei_aantoonbaar, 0) as aandeel_groei_gedwongen_pct,
    onderdrukt,
    voorlopig,
    revisies
from groei
order by jaar
