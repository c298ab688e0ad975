-- stg.oekraine_opvang: gemeentelijke opvang Oekraiense ontheemden, latest delivery per peildatum.
-- Grain: peildatum.
create or replace table stg.oekraine_opvang as
with latest as (
    select _periode, max(_delivery_id) as _delivery_id, count(distinct _delivery_id) as revisies
    from raw.oekraine_opvang
    group by _periode
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
