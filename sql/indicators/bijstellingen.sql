-- kpi.bijstellingen: what changed when a period was delivered again ("Bijstellingen t.o.v. vorige editie").
-- Grain: bron x periode x sleutel x kolom, for every period of a source delivered more than once
-- (stg revisies > 1), comparing the latest delivery of the period (by its own date, meta.delivery_order) with
-- the one that was latest before it arrived (both kept in raw).
-- sleutel = the contract's primary key values joined with ' | '; soort = 'gewijzigd' (kolom changed from
-- oud to nieuw, values as text), 'nieuw' (key only in the latest delivery) or 'vervallen' (key only in the
-- previous one; kolom, oud and nieuw are then null). levering / vorige_levering = file names.
-- ind_zaken is case-level: it is compared as counts per procedure | gebeurtenis, disclosure-controlled
-- (kpi.openbaar_aantal: rounded to tens, under 10 suppressed), never per zaak.
-- sleutel: Sleutel van de rij volgens het datacontract, waarden gescheiden door ' | '.
-- kolom: De gewijzigde kolom (leeg bij een nieuwe of vervallen rij).
-- soort: gewijzigd, nieuw of vervallen.
-- oud: Waarde in de vorige levering (als tekst).
-- nieuw: Waarde in de laatste levering (als tekst).
-- revisies: Aantal leveringen van deze periode.
-- vorige_delivery_id: Leveringsnummer van de vorige levering van de periode.
-- delivery_id: Leveringsnummer van de laatste levering van de periode.
-- vorige_levering: Bestandsnaam van de vorige levering.
-- levering: Bestandsnaam van de laatste levering.
-- vorige_ontvangen: Moment (UTC) waarop de vorige levering binnenkwam.
-- ontvangen: Moment (UTC) waarop de laatste levering binnenkwam.
-- hoofdstuk: Begrotingshoofdstuk van de regel (alleen begrotingsstaten en budgettaire tabel; anders leeg).
-- artikel: Begrotingsartikel van de regel (alleen begrotingsstaten en budgettaire tabel; anders leeg).
create or replace table kpi.bijstellingen as
with rijen as (
    select 'cbs_asielverzoeken' as bron, _periode as periode, _delivery_id as delivery_id,
        concat_ws(' | ', Geslacht, Leeftijd, Nationaliteit, Perioden) as sleutel, to_json(r) as rij
    from raw.cbs_asielverzoeken r
    union all
    select 'ind_zaken', _periode, _delivery_id, procedure || ' | ' || gebeurtenis,
        to_json({'aantal': kpi.openbaar_aantal(count(*))})
    from raw.ind_zaken
    group by _periode, _delivery_id, procedure, gebeurtenis
    union all
    select 'coa_bezetting', _periode, _delivery_id, concat_ws(' | ', peildatum, opvangsoort), to_json(r)
    from raw.coa_bezetting r
    union all
    select 'taakstelling', _periode, _delivery_id, concat_ws(' | ', periode, gemeentecode), to_json(r)
    from raw.taakstelling r
    union all
    select 'huisvesting_realisatie', _periode, _delivery_id, concat_ws(' | ', maand, gemeentecode), to_json(r)
    from raw.huisvesting_realisatie r
    union all
    select 'dtenv_vertrek', _periode, _delivery_id, concat_ws(' | ', maand, vertreksoort), to_json(r)
    from raw.dtenv_vertrek r
    union all
    select 'rijksfinancien_begrotingsstaten', _periode, _delivery_id,
        concat_ws(' | ', begrotingsjaar, vuo, begrotingsnummer, artikelnummer), to_json(r)
    from raw.rijksfinancien_begrotingsstaten r
    union all
    select 'budgettaire_tabel', _periode, _delivery_id,
        concat_ws(' | ', begrotingsjaar, hoofdstuk, artikel, vuo, artikelonderdeel, instrument, regeling, jaar),
        to_json(r)
    from raw.budgettaire_tabel r
    union all
    select 'oekraine_opvang', _periode, _delivery_id, cast(peildatum as varchar), to_json(r)
    from raw.oekraine_opvang r
    union all
    select 'mpp_prognose', _periode, _delivery_id, concat_ws(' | ', editie, grootheid, jaar, scenario), to_json(r)
    from raw.mpp_prognose r
),
leveringen as (
    select l.bron, l.periode, l.delivery_id, o.volgorde,
        count(*) over (partition by l.bron, l.periode) as revisies
    from (select distinct bron, periode, delivery_id from rijen) l
    join meta.delivery_order o on o.delivery_id = l.delivery_id
),
laatste as (
    -- the delivery staging takes: the newest by its own date (meta.delivery_order)
    select bron, periode, max_by(delivery_id, volgorde) as delivery_id, any_value(revisies) as revisies
    from leveringen
    group by bron, periode
),
paren as (
    -- ... against the one that was the newest before it arrived; an older file arriving later
    -- changes nothing and so has no pair
    select n.bron, n.periode, n.delivery_id, max_by(o.delivery_id, o.volgorde) as vorige_delivery_id, n.revisies
    from laatste n
    join leveringen o on o.bron = n.bron and o.periode = n.periode and o.delivery_id < n.delivery_id
    group by n.bron, n.periode, n.delivery_id, n.revisies
),
nieuw as (
    select r.bron, r.periode, r.sleutel, r.rij
    from rijen r
    join paren p on p.bron = r.bron and p.periode = r.periode and p.delivery_id = r.delivery_id
),
oud as (
    select r.bron, r.periode, r.sleutel, r.rij
    from rijen r
    join paren p on p.bron = r.bron and p.periode = r.periode and p.vorige_delivery_id = r.delivery_id
),
vergeleken as (
    select
        coalesce(n.bron, o.bron) as bron,
        coalesce(n.periode, o.periode) as periode,
        coalesce(n.sleutel, o.sleutel) as sleutel,
        o.rij as oud_rij,
        n.rij as nieuw_rij
    from nieuw n
    full outer join oud o on o.bron = n.bron and o.periode = n.periode and o.sleutel = n.sleutel
),
kolommen as (
    select bron, periode, sleutel, oud_rij, nieuw_rij, unnest(json_keys(nieuw_rij)) as kolom
    from vergeleken
    where oud_rij is not null and nieuw_rij is not null
),
wijzigingen as (
    select
        bron, periode, sleutel, kolom, 'gewijzigd' as soort,
        json_extract_string(oud_rij, '$."' || kolom || '"') as oud,
        json_extract_string(nieuw_rij, '$."' || kolom || '"') as nieuw
    from kolommen
    where not starts_with(kolom, '_')
        and json_extract_string(oud_rij, '$."' || kolom || '"')
            is distinct from json_extract_string(nieuw_rij, '$."' || kolom || '"')
    union all
    select bron, periode, sleutel, null, case when oud_rij is null then 'nieuw' else 'vervallen' end, null, null
    from vergeleken
    where oud_rij is null or nieuw_rij is null
)
select
    w.bron,
    w.periode,
    w.sleutel,
    w.kolom,
    w.soort,
    w.oud,
    w.nieuw,
    p.revisies,
    p.vorige_delivery_id,
    p.delivery_id,
    vd.file_name as vorige_levering,
    nd.file_name as levering,
    vd.received_at as vorige_ontvangen,
    nd.received_at as ontvangen,
    -- the budget keys above are built from required columns, so these positions are fixed
    case w.bron
        when 'rijksfinancien_begrotingsstaten' then split_part(w.sleutel, ' | ', 3)
        when 'budgettaire_tabel' then split_part(w.sleutel, ' | ', 2)
    end as hoofdstuk,
    case w.bron
        when 'rijksfinancien_begrotingsstaten' then try_cast(split_part(w.sleutel, ' | ', 4) as integer)
        when 'budgettaire_tabel' then try_cast(split_part(w.sleutel, ' | ', 3) as integer)
    end as artikel
from wijzigingen w
join paren p using (bron, periode)
left join meta.deliveries vd on vd.delivery_id = p.vorige_delivery_id
left join meta.deliveries nd on nd.delivery_id = p.delivery_id
order by w.bron, w.periode, w.sleutel, w.kolom
