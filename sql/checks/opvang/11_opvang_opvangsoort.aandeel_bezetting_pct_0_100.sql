-- opvang: the rows that break rule opvang_opvangsoort.aandeel_bezetting_pct_0_100 (none when it holds).
-- melding: kpi.opvang_opvangsoort {sleutel}: aandeel_bezetting_pct = {waarde:.2f} ligt niet tussen
--   0 en 100%
select maand || ' ' || opvangsoort as sleutel, aandeel_bezetting_pct as waarde
from kpi.opvang_opvangsoort
where aandeel_bezetting_pct < 0 or aandeel_bezetting_pct > 100
