-- opvang: the rows that break rule opvang.aandeel_vergunninghouders_pct_0_100 (none when it holds).
-- melding: kpi.opvang {sleutel}: aandeel_vergunninghouders_pct = {waarde:.2f} ligt niet tussen 0 en
--   100%
select maand as sleutel, aandeel_vergunninghouders_pct as waarde
from kpi.opvang
where aandeel_vergunninghouders_pct < 0 or aandeel_vergunninghouders_pct > 100
