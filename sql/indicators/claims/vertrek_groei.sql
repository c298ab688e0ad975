-- Claim measurement: growth of aantoonbaar vertrek (zelfstandig onder toezicht + gedwongen) in year $jaar
-- against the year before, in %, from kpi.vertrek_jaar. No row when the year is incomplete.
select
    groei_aantoonbaar_pct as gemeten,
    aantoonbaar,
    aantoonbaar_vj,
    groei_aantoonbaar,
    voorlopig
from kpi.vertrek_jaar
where jaar = $jaar and volledig
