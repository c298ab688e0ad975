-- Claim measurement: the share of gedwongen vertrek in the growth of aantoonbaar vertrek in year $jaar
-- against the year before (100 * groei gedwongen / groei aantoonbaar), from kpi.vertrek_jaar. Above 50%:
-- gedwongen vertrek contributed more of the growth than zelfstandig vertrek onder toezicht.
-- geldig: the claim presumes growth of both aantoonbaar and gedwongen vertrek.
select
    aandeel_groei_gedwongen_pct as gemeten,
    groei_aantoonbaar > 0 and groei_gedwongen > 0 as geldig,
    groei_aantoonbaar,
    groei_gedwongen,
    groei_zelfstandig_onder_toezicht,
    groei_gedwongen_pct,
    groei_zelfstandig_onder_toezicht_pct,
    voorlopig
from kpi.vertrek_jaar
where jaar = $jaar and volledig
