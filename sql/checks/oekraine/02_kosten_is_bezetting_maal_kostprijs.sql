-- oekraine: the rows that break rule kosten_is_bezetting_maal_kostprijs (none when it holds).
-- melding: kpi.oekraine {maand}: kosten per jaar {kosten_per_jaar:.0f} ≠ bezetting x kostprijs x
--   365 = {verwacht:.0f}
select maand, kosten_per_jaar, bezetting * kostprijs_per_plek_per_dag * 365 as verwacht
from kpi.oekraine where abs(kosten_per_jaar - bezetting * kostprijs_per_plek_per_dag * 365) > 1
