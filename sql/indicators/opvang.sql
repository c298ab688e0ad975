-- kpi.opvang: COA-opvang per maand (stand op de peildatum aan het eind van de maand).
-- Grain: maand (one peildatum per maand).
-- bezetting, capaciteit, locaties, vergunninghouders = sums over the opvangsoorten;
-- bezettingsgraad_pct = 100 * bezetting / capaciteit;
-- dure opvang = hotel, cruiseschip, crisisnoodopvang, noodopvang; regulier = opvangsoort 'regulier';
-- overig = the rest (doorstroomlocatie), so dure + regulier + overig = bezetting;
-- kosten_per_jaar = run-rate in euro per jaar = sum(bezetting x kostprijs_per_plek_per_jaar), also split
-- dure / regulier / overig; kostprijs_dure_opvang / kostprijs_regulier = kosten / bezetting (euro per
-- bewoner per jaar); aandeel_* = shares in % of the total.
-- vergunninghouders: Bewoners met een verblijfsvergunning (statushouders) in de COA-opvang.
-- aandeel_vergunninghouders_pct: 100 x vergunninghouders / bezetting.
-- bezetting_dure_opvang: Bezetting in hotel, cruiseschip, crisisnoodopvang en noodopvang.
-- bezetting_regulier: Bezetting in reguliere opvang.
-- bezetting_overig: Bezetting in overige opvang (doorstroomlocaties).
-- capaciteit_dure_opvang: Capaciteit in dure opvang.
-- aandeel_dure_opvang_pct: 100 x bezetting dure opvang / bezetting.
-- kosten_per_jaar: Kosten op jaarbasis in euro: som van bezetting x kostprijs per plek per jaar.
-- kosten_dure_opvang_per_jaar: Kosten op jaarbasis van de dure opvang (euro).
-- kosten_regulier_per_jaar: Kosten op jaarbasis van de reguliere opvang (euro).
-- kosten_overig_per_jaar: Kosten op jaarbasis van de overige opvang (euro).
-- aandeel_kosten_dure_opvang_pct: 100 x kosten dure opvang / kosten totaal.
-- kostprijs_dure_opvang: Gemiddelde kosten per bewoner per jaar in dure opvang (euro).
-- kostprijs_regulier: Gemiddelde kosten per bewoner per jaar in reguliere opvang (euro).
create or replace table kpi.opvang as
select
    maand,
    max(peildatum) as peildatum,
    cast(sum(locaties) as bigint) as locaties,
    cast(sum(capaciteit) as bigint) as capaciteit,
    cast(sum(bezetting) as bigint) as bezetting,
    case when cast(sum(capaciteit) as bigint) > 0 then 100.0 * cast(sum(bezetting) as bigint) / cast(sum(capaciteit) as bigint) end as bezettingsgraad_pct,
    cast(sum(waarvan_vergunninghouders) as bigint) as vergunninghouders,
    case when cast(sum(bezetting) as bigint) > 0
        then 100.0 * cast(sum(waarvan_vergunninghouders) as bigint) / cast(sum(bezetting) as bigint) end as aandeel_vergunninghouders_pct,
    coalesce(cast(sum(bezetting) filter (where dure_opvang) as bigint), 0) as bezetting_dure_opvang,
    coalesce(cast(sum(bezetting) filter (where opvangsoort = 'regulier') as bigint), 0) as bezetting_regulier,
    coalesce(cast(sum(bezetting) filter (where not dure_opvang and opvangsoort <> 'regulier') as bigint), 0) as bezetting_overig,
    coalesce(cast(sum(capaciteit) filter (where dure_opvang) as bigint), 0) as capaciteit_dure_opvang,
    case when cast(sum(bezetting) as bigint) > 0
        then 100.0 * coalesce(cast(sum(bezetting) filter (where dure_opvang) as bigint), 0) / cast(sum(bezetting) as bigint)
    end as aandeel_dure_opvang_pct,
    sum(bezetting * kostprijs_per_plek_per_jaar) as kosten_per_jaar,
    coalesce(sum(bezetting * kostprijs_per_plek_per_jaar) filter (where dure_opvang), 0) as kosten_dure_opvang_per_jaar,
    coalesce(sum(bezetting * kostprijs_per_plek_per_jaar) filter (where opvangsoort = 'regulier'), 0) as kosten_regulier_per_jaar,
    coalesce(sum(bezetting * kostprijs_per_plek_per_jaar) filter (where not dure_opvang and opvangsoort <> 'regulier'), 0)
        as kosten_overig_per_jaar,
    case when sum(bezetting * kostprijs_per_plek_per_jaar) > 0
        then 100.0 * coalesce(sum(bezetting * kostprijs_per_plek_per_jaar) filter (where dure_opvang), 0)
            / sum(bezetting * kostprijs_per_plek_per_jaar)
    end as aandeel_kosten_dure_opvang_pct,
    sum(bezetting * kostprijs_per_plek_per_jaar) filter (where dure_opvang)
        / nullif(cast(sum(bezetting) filter (where dure_opvang) as bigint), 0) as kostprijs_dure_opvang,
    sum(bezetting * kostprijs_per_plek_per_jaar) filter (where opvangsoort = 'regulier')
        / nullif(cast(sum(bezetting) filter (where opvangsoort = 'regulier') as bigint), 0) as kostprijs_regulier,
    bool_or(voorlopig) as voorlopig,
    max(revisies) as revisies
from editie.coa_bezetting
group by maand
order by maand
