-- begroting: the rows that break rule staten_verschil (none when it holds).
-- melding: kpi.begroting_staten {begrotingsjaar} {begrotingsnummer} art. {artikelnummer} {vuo}:
--   verschil {verschil} ≠ realisatie - vastgestelde begroting = {verwacht}
select begrotingsjaar, begrotingsnummer, artikelnummer, vuo, verschil,
       realisatie - vastgesteld as verwacht
from kpi.begroting_staten where verschil is distinct from realisatie - vastgesteld
