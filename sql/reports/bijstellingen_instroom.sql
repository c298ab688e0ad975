-- Report context: revisions of the CBS national monthly totals (83102NED, totals over geslacht, leeftijd
-- and nationaliteit) between a period's latest delivery and the one before, per measure, for the months
-- from $van up to $maand, with the change of the first and of all asylum requests (null when either
-- value is missing) and the change of status as the report shows it ("voorlopig → definitief").
-- Grain: periode (CBS month code).
with per_periode as (
    select
        periode,
        make_date(cast(substr(periode, 1, 4) as integer), cast(substr(periode, 7, 2) as integer), 1) as maand,
        any_value(levering) as levering,
        any_value(vorige_levering) as vorige_levering,
        max(try_cast(oud as bigint)) filter (where kolom = 'EersteAsielverzoekenPersonen_2') as eerste_oud,
        max(try_cast(nieuw as bigint)) filter (where kolom = 'EersteAsielverzoekenPersonen_2') as eerste_nieuw,
        max(try_cast(oud as bigint)) filter (where kolom = 'VolgendeAsielverzoeken_3') as volgende_oud,
        max(try_cast(nieuw as bigint)) filter (where kolom = 'VolgendeAsielverzoeken_3') as volgende_nieuw,
        max(try_cast(oud as bigint)) filter (where kolom = 'NareizigersPersonen_4') as nareizigers_oud,
        max(try_cast(nieuw as bigint)) filter (where kolom = 'NareizigersPersonen_4') as nareizigers_nieuw,
        max(try_cast(oud as bigint)) filter (where kolom = 'TotaalAsielverzoeken_1') as totaal_oud,
        max(try_cast(nieuw as bigint)) filter (where kolom = 'TotaalAsielverzoeken_1') as totaal_nieuw,
        max(oud) filter (where kolom = 'PeriodenStatus') as status_oud,
        max(nieuw) filter (where kolom = 'PeriodenStatus') as status_nieuw
    from kpi.bijstellingen
    where bron = 'cbs_asielverzoeken'
        and soort = 'gewijzigd'
        and sleutel = 'T001038 | 10000 | T001059 | ' || periode
        and periode like '____MM__'
        and make_date(cast(substr(periode, 1, 4) as integer), cast(substr(periode, 7, 2) as integer), 1)
            between cast($van as date) and cast($maand as date)
    group by periode
    having count(*) filter (where kolom in (
        'EersteAsielverzoekenPersonen_2', 'VolgendeAsielverzoeken_3', 'NareizigersPersonen_4', 'TotaalAsielverzoeken_1'
    )) > 0
)
select
    *,
    eerste_nieuw - eerste_oud as eerste_verschil,
    totaal_nieuw - totaal_oud as totaal_verschil,
    case
        when coalesce(status_oud, '') <> '' and coalesce(status_nieuw, '') <> ''
            then lower(status_oud) || ' → ' || lower(status_nieuw)
        else ''
    end as status
from per_periode
order by periode
