-- opvang: the rows that break rule opvang.aandeel_dure_opvang_pct_0_100 (none when it holds).
-- melding: kpi.opvang {sleutel}: aandeel_dure_opvang_pct = {waarde:.2f} ligt niet tussen 0 en 100%
select maand as sleutel, aandeel_dure_opvang_pct as waarde
from kpi.opvang
where aandeel_dure_opvang_pct < 0 or aandeel_dure_opvang_pct > 100
