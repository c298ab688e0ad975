-- stg.coa_bezetting: COA month-end occupancy, latest delivery per peildatum (by delivery date).
-- Grain: peildatum x opvangsoort. dure_opvang marks hotel, cruiseschip, crisisnoodopvang, noodopvang.
create or replace table stg.coa_bezetting as
with latest as (
    -- the newest delivery per period by its own date (meta.delivery_order), not by arrival
    select r._periode, max_by(r._delivery_id, o.volgorde) as _delivery_id, count(distinct r._delivery_id) as revisies
    from raw.coa_bezetting r
    join meta.delivery_order o on o.delivery_id = r._delivery_id
    group by r._periode
)
select
    r.peildatum,
    cast(date_trunc('month', peildatum) as date) as maand,
    r.opvangsoort,
    r.locaties,
    r.capaciteit,
    r.bezetting,
    r.waarvan_vergunninghouders,
    cast(kostprijs_per_plek_per_jaar as double) as kostprijs_per_plek_per_jaar,
    opvangsoort in ('hotel', 'cruiseschip', 'crisisnoodopvang', 'noodopvang') as dure_opvang,
    false as voorlopig,
    l.revisies,
    r._delivery_id
from raw.coa_bezetting r
join latest l using (_periode, _delivery_id)
