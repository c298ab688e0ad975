-- taskforce_budget: the rows that break rule totaal_is_bho_plus_aenm (none when it holds).
-- melding: kpi.taskforce_budget {jaar}: totaal {totaal} ≠ BHO {bho} + AenM {aenm} (regelingen
--   buiten hoofdstuk XVII en XX?)
select jaar, totaal, bho, aenm
from kpi.taskforce_budget
where totaal <> bho + aenm
