-- stg.ind_zaken: IND case events, latest delivery per event month (a re-delivered month (by delivery date)
-- replaces the earlier delivery of that month as a whole). Grain: zaak_id x gebeurtenis.
-- Case-level: stays in the internal warehouse, never published.
create or replace table stg.ind_zaken as
with latest as (
    -- the newest delivery per period by its own date (meta.delivery_order), not by arrival
    select r._periode, max_by(r._delivery_id, o.volgorde) as _delivery_id, count(distinct r._delivery_id) as revisies
    from raw.ind_zaken r
    join meta.delivery_order o on o.delivery_id = r._delivery_id
    group by r._periode
)
select
    r.zaak_id,
    r.procedure,
    r.nationaliteit,
    r.gebeurtenis,
    r.datum,
    cast(date_trunc('month', r.datum) as date) as maand,
    l.revisies,
    r._delivery_id
from raw.ind_zaken r
join latest l using (_periode, _delivery_id)
