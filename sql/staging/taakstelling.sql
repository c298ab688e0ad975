-- stg.taakstelling: taakstelling per gemeente per halfjaar, latest delivery per periode (by delivery date).
-- Grain: periode x gemeentecode.
create or replace table stg.taakstelling as
select
    r.periode,
    cast(substr(r.periode, 1, 4) as integer) as jaar,
    cast(substr(r.periode, 7, 1) as integer) as halfjaar,
    make_date(cast(substr(r.periode, 1, 4) as integer), 6 * cast(substr(r.periode, 7, 1) as integer) - 5, 1) as halfjaar_start,
    r.gemeentecode,
    r.gemeentenaam,
    r.taakstelling,
    false as voorlopig,
    l.revisies,
    r._delivery_id
from raw.taakstelling r
join meta.huidige_levering l
    on l.source = 'taakstelling' and l.periode = r._periode and l.delivery_id = r._delivery_id
