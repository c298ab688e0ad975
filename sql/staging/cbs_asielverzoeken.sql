-- stg.cbs_asielverzoeken: CBS 83102NED, latest delivery per period code (by delivery date).
-- Grain: geslacht x leeftijd x nationaliteit x perioden. Period codes are split into kind,
-- year and number; the status from the Perioden code list becomes a voorlopig flag.
create or replace table stg.cbs_asielverzoeken as
select
    r.Geslacht as geslacht,
    r.Leeftijd as leeftijd,
    r.Nationaliteit as nationaliteit,
    r.NationaliteitTitle as nationaliteit_naam,
    r.Perioden as perioden,
    case substr(r.Perioden, 5, 2) when 'MM' then 'maand' when 'KW' then 'kwartaal' else 'jaar' end as periode_soort,
    cast(substr(r.Perioden, 1, 4) as integer) as jaar,
    cast(substr(r.Perioden, 7, 2) as integer) as periode_nummer,
    case substr(r.Perioden, 5, 2)
        when 'MM' then make_date(cast(substr(r.Perioden, 1, 4) as integer), cast(substr(r.Perioden, 7, 2) as integer), 1)
        when 'KW' then make_date(cast(substr(r.Perioden, 1, 4) as integer), 3 * cast(substr(r.Perioden, 7, 2) as integer) - 2, 1)
        else make_date(cast(substr(r.Perioden, 1, 4) as integer), 1, 1)
    end as periode_start,
    r.PeriodenTitle as periode_titel,
    r.TotaalAsielverzoeken_1 as totaal,
    r.EersteAsielverzoekenPersonen_2 as eerste,
    r.VolgendeAsielverzoeken_3 as volgende,
    r.NareizigersPersonen_4 as nareizigers,
    lower(r.PeriodenStatus) as status,
    r.PeriodenStatus <> 'Definitief' as voorlopig,
    l.revisies,
    r._delivery_id
from raw.cbs_asielverzoeken r
join meta.huidige_levering l
    on l.source = 'cbs_asielverzoeken' and l.periode = r._periode and l.delivery_id = r._delivery_id
