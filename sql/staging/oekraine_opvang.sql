-- stg.oekraine_opvang: gemeentelijke opvang Oekraiense ontheemden, latest delivery per peildatum (by delivery date).
-- Grain: peildatum.
create or replace table stg.oekraine_opvang as
with latest as (
    -- the newest delivery per period by its own date (meta.delivery_order), not by arrival
    select r._periode, max_by(r._delivery_id, o.volgorde) as _delivery_id, count(distinct r._delivery_id) as revisies
    from raw.oekraine_opvang r
    join meta.delivery_order o on o.delivery_id = r._delivery_id
    group by r._periode
)
select
    r.peildatum,
    cast(date_trunc('month', peildatum) as date) as maand,
    r.opvangplekken,
    r.bezetting,
    cast(kostprijs_per_plek_per_dag as double) as kostprijs_per_plek_per_dag,
    false as voorlopig,
    l.revisies,
    r._delivery_id
from raw.oekraine_opvang r
join latest l using (_periode, _delivery_id)
