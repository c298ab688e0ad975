-- stg.ind_zaken: IND case events, latest delivery per event month (a re-delivered month
-- replaces the earlier delivery of that month as a whole). Grain: zaak_id x gebeurtenis.
-- Case-level: stays in the internal warehouse, never published.
create or replace table stg.ind_zaken as
with latest as (
    select _periode, max(_delivery_id) as _delivery_id, count(distinct _delivery_id) as revisies
    from raw.ind_zaken
    group by _periode
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
