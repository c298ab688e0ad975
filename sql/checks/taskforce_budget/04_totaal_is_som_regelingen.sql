-- taskforce_budget: the rows that break rule totaal_is_som_regelingen (none when it holds).
-- melding: kpi.taskforce_budget {jaar}: totaal {totaal} ≠ som van de regelingen {som}
select t.jaar, t.totaal, r.som from kpi.taskforce_budget t
full outer join (select jaar, sum(bedrag) as som from kpi.taskforce_budget_regelingen group by jaar) r
  using (jaar)
where t.totaal is distinct from r.som
