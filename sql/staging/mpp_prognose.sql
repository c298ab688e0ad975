-- stg.mpp_prognose: MPP prognoses, latest delivery per editie (by delivery date).
-- Grain: editie x grootheid x jaar x scenario; editie_volgorde orders voorjaar (1) before najaar (2).
create or replace table stg.mpp_prognose as
with latest as (
    -- the newest delivery per period by its own date (meta.delivery_order), not by arrival
    select r._periode, max_by(r._delivery_id, o.volgorde) as _delivery_id, count(distinct r._delivery_id) as revisies
    from raw.mpp_prognose r
    join meta.delivery_order o on o.delivery_id = r._delivery_id
    group by r._periode
)
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
join latest l using (_periode, _delivery_id)
