-- instroom: the rows that break rule totaal_is_som (none when it holds).
-- melding: kpi.instroom {perioden}: totaal {totaal} ≠ eerste + volgende + nareizigers = {som}
select perioden, totaal, eerste + volgende + nareizigers as som from kpi.instroom
where abs(totaal - (eerste + volgende + nareizigers)) > meta.cbs_tolerantie(3)
