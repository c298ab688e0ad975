-- vertrek: the rows that break rule aantoonbaar_is_som (none when it holds).
-- melding: vertrek {periode}: aantoonbaar {aantoonbaar} ≠ zelfstandig onder toezicht + gedwongen =
--   {som}
select cast(maand as varchar) as periode, aantoonbaar, zelfstandig_onder_toezicht + gedwongen as som
from kpi.vertrek where aantoonbaar <> zelfstandig_onder_toezicht + gedwongen
union all
select cast(jaar as varchar), aantoonbaar, zelfstandig_onder_toezicht + gedwongen
from kpi.vertrek_jaar where aantoonbaar <> zelfstandig_onder_toezicht + gedwongen
