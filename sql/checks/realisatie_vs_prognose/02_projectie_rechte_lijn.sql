-- realisatie_vs_prognose: the rows that break rule projectie_rechte_lijn (none when it holds).
-- melding: kpi.realisatie_vs_prognose {maand}: projectie {projectie_jaareinde:.1f} ≠ ytd x 12 /
--   maanden = {verwacht:.1f}
select maand, projectie_jaareinde, instroom_ytd * 12.0 / maanden as verwacht
from kpi.realisatie_vs_prognose
where abs(projectie_jaareinde - instroom_ytd * 12.0 / maanden) > 1e-6
