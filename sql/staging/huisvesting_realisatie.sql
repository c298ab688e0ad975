-- stg.huisvesting_realisatie: vergunninghouders gehuisvest per gemeente per maand, latest delivery per maand (by delivery date).
-- Grain: maand x gemeentecode.
create or replace table stg.huisvesting_realisatie as
select
    r.maand,
    cast(strptime(maand || '-01', '%Y-%m-%d') as date) as maand_start,
    r.gemeentecode,
    r.gehuisvest,
    false as voorlopig,
    l.revisies,
    r._delivery_id
from raw.huisvesting_realisatie r
join meta.huidige_levering l
    on l.source = 'huisvesting_realisatie' and l.periode = r._periode and l.delivery_id = r._delivery_id
