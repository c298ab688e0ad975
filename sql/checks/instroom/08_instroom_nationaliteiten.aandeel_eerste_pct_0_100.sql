-- instroom: the rows that break rule instroom_nationaliteiten.aandeel_eerste_pct_0_100 (none when it holds).
-- melding: kpi.instroom_nationaliteiten {sleutel}: aandeel_eerste_pct = {waarde:.2f} ligt niet
--   tussen 0 en 100%
select perioden || ' ' || nationaliteit as sleutel, aandeel_eerste_pct as waarde
from kpi.instroom_nationaliteiten
where aandeel_eerste_pct < 0 or aandeel_eerste_pct > 100
