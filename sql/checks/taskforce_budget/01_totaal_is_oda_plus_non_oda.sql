-- taskforce_budget: the rows that break rule totaal_is_oda_plus_non_oda (none when it holds).
-- melding: kpi.taskforce_budget {jaar}: totaal {totaal} ≠ ODA {oda} + non-ODA {non_oda}
select jaar, totaal, oda, non_oda
from kpi.taskforce_budget
where totaal <> oda + non_oda
