-- kpi.vertrek: vertrek uit de caseload van DTenV per maand, with year-to-date figures.
-- Grain: maand (first day of the month).
-- aantoonbaar = zelfstandig_onder_toezicht + gedwongen (zelfstandig_zonder_toezicht is not aantoonbaar);
-- ytd_<soort> = January up to this month; ytd_<soort>_vj = the same months one year earlier;
-- ytd_groei_pct = 100 * (ytd_aantoonbaar - ytd_aantoonbaar_vj) / ytd_aantoonbaar_vj (null when a month is
-- missing on either side). DTenV shows counts under 5 as '.', counted as 0: onderdrukt marks the month.
-- maand_nummer: Maand van het jaar (1-12).
-- zelfstandig_onder_toezicht: Zelfstandig vertrek onder toezicht (aantoonbaar).
-- gedwongen: Gedwongen vertrek (aantoonbaar).
-- zelfstandig_zonder_toezicht: Zelfstandig vertrek zonder toezicht (niet aantoonbaar).
-- aantoonbaar: zelfstandig_onder_toezicht + gedwongen.
-- onderdrukt: Waar als DTenV een aantal als '.' (onder 5) leverde; telt als 0.
create or replace table kpi.vertrek as
with maanden as (
    select
        maand_start as maand,
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
ytd as (
    select
        m.maand,
        count(*) filter (where e.jaar = m.jaar) as maanden,
        count(*) filter (where e.jaar = m.jaar - 1) as maanden_vj,
        cast(sum(e.zelfstandig_onder_toezicht) filter (where e.jaar = m.jaar) as bigint) as ytd_zelfstandig_onder_toezicht,
        cast(sum(e.gedwongen) filter (where e.jaar = m.jaar) as bigint) as ytd_gedwongen,
        cast(sum(e.zelfstandig_zonder_toezicht) filter (where e.jaar = m.jaar) as bigint) as ytd_zelfstandig_zonder_toezicht,
        cast(sum(e.zelfstandig_onder_toezicht) filter (where e.jaar = m.jaar - 1) as bigint) as ytd_zelfstandig_onder_toezicht_vj,
        cast(sum(e.gedwongen) filter (where e.jaar = m.jaar - 1) as bigint) as ytd_gedwongen_vj,
        cast(sum(e.zelfstandig_zonder_toezicht) filter (where e.jaar = m.jaar - 1) as bigint) as ytd_zelfstandig_zonder_toezicht_vj
    from maanden m
    join maanden e on e.jaar in (m.jaar, m.jaar - 1) and e.maand_nummer <= m.maand_nummer
    group by m.maand
)
select
    m.maand,
    m.jaar,
    m.maand_nummer,
    m.zelfstandig_onder_toezicht,
    m.gedwongen,
    m.zelfstandig_zonder_toezicht,
    m.zelfstandig_onder_toezicht + m.gedwongen as aantoonbaar,
    y.ytd_zelfstandig_onder_toezicht,
    y.ytd_gedwongen,
    y.ytd_zelfstandig_zonder_toezicht,
    y.ytd_zelfstandig_onder_toezicht + y.ytd_gedwongen as ytd_aantoonbaar,
    y.ytd_zelfstandig_onder_toezicht_vj,
    y.ytd_gedwongen_vj,
    y.ytd_zelfstandig_zonder_toezicht_vj,
    y.ytd_zelfstandig_onder_toezicht_vj + y.ytd_gedwongen_vj as ytd_aantoonbaar_vj,
    case when y.maanden = y.maanden_vj and y.ytd_zelfstandig_onder_toezicht_vj + y.ytd_gedwongen_vj <> 0
        then 100.0 * ((y.ytd_zelfstandig_onder_toezicht + y.ytd_gedwongen)
            - (y.ytd_zelfstandig_onder_toezicht_vj + y.ytd_gedwongen_vj))
            / (y.ytd_zelfstandig_onder_toezicht_vj + y.ytd_gedwongen_vj)
    end as ytd_groei_pct,
    m.onderdrukt,
    m.voorlopig,
    m.revisies
from maanden m
join ytd y using (maand)
order by m.maand
