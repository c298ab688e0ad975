-- kpi.opvang_opvangsoort: COA-opvang per maand en opvangsoort (stand op de peildatum).
-- Grain: maand x opvangsoort (regulier, noodopvang, crisisnoodopvang, hotel, cruiseschip, doorstroomlocatie).
-- bezettingsgraad_pct = 100 * bezetting / capaciteit; kosten_per_jaar = bezetting x kostprijs_per_plek_per_jaar
-- (euro, run-rate); aandeel_bezetting_pct = share of the month's total bezetting; dure_opvang marks hotel,
-- cruiseschip, crisisnoodopvang and noodopvang.
-- dure_opvang: Waar voor hotel, cruiseschip, crisisnoodopvang en noodopvang.
-- kosten_per_jaar: Kosten op jaarbasis in euro = bezetting x kostprijs per plek per jaar.
create or replace table kpi.opvang_opvangsoort as
select
    maand,
    peildatum,
    opvangsoort,
    dure_opvang,
    locaties,
    capaciteit,
    bezetting,
    case when capaciteit > 0 then 100.0 * bezetting / capaciteit end as bezettingsgraad_pct,
    waarvan_vergunninghouders,
    kostprijs_per_plek_per_jaar,
    bezetting * kostprijs_per_plek_per_jaar as kosten_per_jaar,
    case when sum(bezetting) over (partition by maand) > 0
        then 100.0 * bezetting / sum(bezetting) over (partition by maand) end as aandeel_bezetting_pct,
    voorlopig,
    revisies
from editie.coa_bezetting
order by maand, opvangsoort
