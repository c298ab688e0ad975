-- ind_afhandeling: the rows that break rule ind_afhandeling.inwilligingspercentage_0_100 (none when it holds).
-- melding: kpi.ind_afhandeling {sleutel}: inwilligingspercentage = {waarde:.2f} ligt niet tussen 0
--   en 100%
select maand || ' ' || procedure as sleutel, inwilligingspercentage as waarde
from kpi.ind_afhandeling
where inwilligingspercentage < 0 or inwilligingspercentage > 100
