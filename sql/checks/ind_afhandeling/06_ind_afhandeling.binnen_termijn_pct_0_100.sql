-- ind_afhandeling: the rows that break rule ind_afhandeling.binnen_termijn_pct_0_100 (none when it holds).
-- melding: kpi.ind_afhandeling {sleutel}: binnen_termijn_pct = {waarde:.2f} ligt niet tussen 0 en
--   100%
select maand || ' ' || procedure as sleutel, binnen_termijn_pct as waarde
from kpi.ind_afhandeling
where binnen_termijn_pct < 0 or binnen_termijn_pct > 100
