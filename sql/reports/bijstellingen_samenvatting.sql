-- Report context: per source and revising delivery, how much changed against the delivery before it
-- (kpi.bijstellingen). Grain: bron x levering x vorige_levering.
-- Only periods up to the edition month $maand.
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
where coalesce(meta.periode_begin(periode) <= cast($maand as date), true)
group by bron, levering, vorige_levering
order by bron, levering, vorige_levering
