-- stg.oekraine_opvang: gemeentelijke opvang Oekraiense ontheemden, latest delivery per peildatum (by delivery date).
-- Grain: peildatum.
create or replace table stg.oekraine_opvang as
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
join meta.huidige_levering l
    on l.source = 'oekraine_opvang' and l.periode = r._periode and l.delivery_id = r._delivery_id
