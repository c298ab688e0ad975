-- taskforce_budget: the rows that break rule hoofdstukken_oda_split (none when it holds).
-- melding: kpi.taskforce_budget {jaar}: BHO {bho} ≠ {bho_oda} + {bho_non_oda} of AenM {aenm} ≠
--   {aenm_oda} + {aenm_non_oda}
select jaar, bho, bho_oda, bho_non_oda, aenm, aenm_oda, aenm_non_oda from kpi.taskforce_budget
where bho <> bho_oda + bho_non_oda or aenm <> aenm_oda + aenm_non_oda
