-- vertrek: the rows that break rule aandelen_groei_samen_100 (none when it holds).
-- melding: kpi.vertrek_jaar {jaar}: aandelen in de groei tellen op tot {som:.2f}% in plaats van
--   100%
select jaar, aandeel_groei_zelfstandig_onder_toezicht_pct + aandeel_groei_gedwongen_pct as som
from kpi.vertrek_jaar
where abs(aandeel_groei_zelfstandig_onder_toezicht_pct + aandeel_groei_gedwongen_pct - 100) > 1e-6
