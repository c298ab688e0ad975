-- kpi.begroting: the table "Budgettaire gevolgen van beleid" per artikel (RBV model 1.33d), x EUR 1.000.
-- Grain: begrotingsjaar x hoofdstuk x artikel x regel; regels in volgorde:
--   Verplichtingen (vuo V, one total row),
--   Uitgaven (vuo U): the total, then per artikelonderdeel its subtotal, per instrument its subtotal and,
--     where the instrument has regelingen, one row per regeling (a line without regeling under an
--     instrument that has regelingen shows as 'Overig'),
--   Ontvangsten (vuo O, one total row).
-- niveau: 'totaal' | 'artikelonderdeel' | 'instrument' | 'regeling'. V, U and O are never summed together.
-- Columns t_min2 .. t_plus4 = the amounts for jaar = begrotingsjaar - 2 .. begrotingsjaar + 4.
-- Every begrotingsjaar delivered is kept (the report uses the latest).
-- volgorde: Regelvolgorde in de tabel per artikel.
-- vuo: V (verplichtingen), U (uitgaven) of O (ontvangsten).
-- omschrijving: Regeltekst zoals in de tabel.
-- t_min2: Bedrag in jaar t-2 (x EUR 1.000).
-- t_min1: Bedrag in jaar t-1 (x EUR 1.000).
-- t0: Bedrag in het begrotingsjaar t (x EUR 1.000).
-- t_plus1: Bedrag in jaar t+1 (x EUR 1.000).
-- t_plus2: Bedrag in jaar t+2 (x EUR 1.000).
-- t_plus3: Bedrag in jaar t+3 (x EUR 1.000).
-- t_plus4: Bedrag in jaar t+4 (x EUR 1.000).
create or replace table kpi.begroting as
with regels as (
    select
        begrotingsjaar, hoofdstuk, artikel, vuo, artikelonderdeel, instrument,
        coalesce(nullif(trim(regeling), ''), 'Overig') as regeling,
        count(nullif(trim(regeling), '')) over (
            partition by begrotingsjaar, hoofdstuk, artikel, vuo, artikelonderdeel, instrument
        ) > 0 as met_regelingen,
        t_offset,
        bedrag,
        voorlopig,
        revisies
    from editie.budgettaire_tabel
    where t_offset between -2 and 4
),
namen as (
    select
        begrotingsjaar, hoofdstuk, artikel,
        any_value(artikelnaam) as artikelnaam
    from editie.budgettaire_tabel
    group by all
),
onderdeelnamen as (
    select begrotingsjaar, hoofdstuk, artikel, artikelonderdeel, any_value(artikelonderdeelnaam) as artikelonderdeelnaam
    from editie.budgettaire_tabel
    group by all
),
sommen as (
    select
        begrotingsjaar, hoofdstuk, artikel, vuo,
        case
            when grouping(artikelonderdeel) = 1 then 'totaal'
            when grouping(instrument) = 1 then 'artikelonderdeel'
            when grouping(regeling) = 1 then 'instrument'
            else 'regeling'
        end as niveau,
        artikelonderdeel, instrument, regeling,
        bool_or(met_regelingen) as met_regelingen,
        coalesce(cast(sum(bedrag) filter (where t_offset = -2) as bigint), 0) as t_min2,
        coalesce(cast(sum(bedrag) filter (where t_offset = -1) as bigint), 0) as t_min1,
        coalesce(cast(sum(bedrag) filter (where t_offset = 0) as bigint), 0) as t0,
        coalesce(cast(sum(bedrag) filter (where t_offset = 1) as bigint), 0) as t_plus1,
        coalesce(cast(sum(bedrag) filter (where t_offset = 2) as bigint), 0) as t_plus2,
        coalesce(cast(sum(bedrag) filter (where t_offset = 3) as bigint), 0) as t_plus3,
        coalesce(cast(sum(bedrag) filter (where t_offset = 4) as bigint), 0) as t_plus4,
        bool_or(voorlopig) as voorlopig,
        max(revisies) as revisies
    from regels
    group by grouping sets (
        (begrotingsjaar, hoofdstuk, artikel, vuo),
        (begrotingsjaar, hoofdstuk, artikel, vuo, artikelonderdeel),
        (begrotingsjaar, hoofdstuk, artikel, vuo, artikelonderdeel, instrument),
        (begrotingsjaar, hoofdstuk, artikel, vuo, artikelonderdeel, instrument, regeling)
    )
),
getoond as (
    select *
    from sommen
    where niveau = 'totaal'
        or (vuo = 'U' and (niveau in ('artikelonderdeel', 'instrument') or (niveau = 'regeling' and met_regelingen)))
)
select
    g.begrotingsjaar,
    g.hoofdstuk,
    g.artikel,
    n.artikelnaam,
    row_number() over (
        partition by g.begrotingsjaar, g.hoofdstuk, g.artikel
        order by
            case g.vuo when 'V' then 1 when 'U' then 2 else 3 end,
            try_cast(split_part(g.artikelonderdeel, '.', 2) as integer) nulls first,
            g.artikelonderdeel nulls first,
            g.instrument nulls first,
            case when g.regeling = 'Overig' then 1 else 0 end,
            g.regeling nulls first
    ) as volgorde,
    g.vuo,
    g.niveau,
    g.artikelonderdeel,
    o.artikelonderdeelnaam,
    g.instrument,
    g.regeling,
    case g.niveau
        when 'totaal' then case g.vuo when 'V' then 'Verplichtingen' when 'U' then 'Uitgaven' else 'Ontvangsten' end
        when 'artikelonderdeel' then g.artikelonderdeel || ' ' || coalesce(o.artikelonderdeelnaam, '')
        when 'instrument' then g.instrument
        else g.regeling
    end as omschrijving,
    g.t_min2,
    g.t_min1,
    g.t0,
    g.t_plus1,
    g.t_plus2,
    g.t_plus3,
    g.t_plus4,
    g.voorlopig,
    g.revisies
from getoond g
join namen n using (begrotingsjaar, hoofdstuk, artikel)
left join onderdeelnamen o using (begrotingsjaar, hoofdstuk, artikel, artikelonderdeel)
order by g.begrotingsjaar, g.hoofdstuk, g.artikel, volgorde
