-- stg.mpp_prognose: MPP prognoses, latest delivery per editie (by delivery date).
-- Grain: editie x grootheid x jaar x scenario; editie_volgorde orders voorjaar (1) before najaar (2).
create or replace table stg.mpp_prognose as
select
    r.editie,
    cast(substr(editie, 1, 4) as integer) as editie_jaar,
    case when editie like '%-voorjaar' then 1 else 2 end as editie_volgorde,
    r.grootheid,
    r.jaar,
    r.scenario,
    r.waarde,
    false as voorlopig,
    l.revisies,
    r._delivery_id
from raw.mpp_prognose r
join meta.huidige_levering l
    on l.source = 'mpp_prognose' and l.periode = r._periode and l.delivery_id = r._delivery_id
