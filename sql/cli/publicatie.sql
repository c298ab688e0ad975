-- The current edition of the published snapshot, as `ketenmonitor status` shows it.
select partitie, gepubliceerd_op, editie, run_id, len(tabellen) as tabellen, volledig,
       ontbrekende_bronnen
from rapportage.publicatie
