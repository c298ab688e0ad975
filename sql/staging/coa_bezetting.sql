-- stg.coa_bezetting: COA month-end occupancy, latest delivery per peildatum (by delivery date).
-- Grain: peildatum x opvangsoort. dure_opvang marks hotel, cruiseschip, crisisnoodopvang, noodopvang.
create or replace table stg.coa_bezetting as
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
join meta.huidige_levering l
    on l.source = 'coa_bezetting' and l.periode = r._periode and l.delivery_id = r._delivery_id
