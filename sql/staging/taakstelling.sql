-- stg.taakstelling: taakstelling per gemeente per halfjaar, latest delivery per periode (by delivery date).
-- Grain: periode x gemeentecode.
create or replace table stg.taakstelling as
with latest as (
    -- the newest delivery per period by its own date (meta.delivery_order), not by arrival
    select r._periode, max_by(r._delivery_id, o.volgorde) as _delivery_id, count(distinct r._delivery_id) as revisies
    from raw.taakstelling r
    join meta.delivery_order o on o.delivery_id = r._delivery_id
    group by r._periode
)
select
    r.periode,
    cast(substr(periode, 1, 4) as integer) as jaar,
    cast(substr(periode, 7, 1) as integer) as halfjaar,
    make_date(cast(substr(periode, 1, 4) as integer), 6 * cast(substr(periode, 7, 1) as integer) - 5, 1) as halfjaar_start,
    r.gemeentecode,
    r.gemeentenaam,
    r.taakstelling,
    false as voorlopig,
    l.revisies,
    r._delivery_id
from raw.taakstelling r
join latest l using (_periode, _delivery_id)
