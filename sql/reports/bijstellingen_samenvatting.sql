-- Report context: per source and revising delivery, how much changed against the delivery before it
-- (kpi.bijstellingen), for the chapters the reports cover and periods up to the edition month $maand.
-- Grain: bron x levering x vorige_levering.
select
    bron,
    levering,
    vorige_levering,
    min(ontvangen) as ontvangen,
    min(vorige_ontvangen) as vorige_ontvangen,
    count(distinct periode) as perioden,
    min(periode) as eerste_periode,
    max(periode) as laatste_periode,
    count(*) filter (where soort = 'gewijzigd') as gewijzigd,
    count(*) filter (where soort = 'nieuw') as nieuw,
    count(*) filter (where soort = 'vervallen') as vervallen
from kpi.bijstellingen
-- only what the reports are about: hoofdstuk XX, its predecessor artikel VI.37 and the taskforce
-- lines of XVII; every other chapter of a whole-government file stays in kpi.bijstellingen for analysts
where (hoofdstuk is null or hoofdstuk = 'XX' or (hoofdstuk = 'VI' and artikel = 37)
        or (bron = 'budgettaire_tabel' and hoofdstuk = 'XVII'))
    and coalesce(meta.periode_begin(periode) <= cast($maand as date), true)
group by bron, levering, vorige_levering
order by bron, levering, vorige_levering
