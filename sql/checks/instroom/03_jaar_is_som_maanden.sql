-- instroom: the rows that break rule jaar_is_som_maanden (none when it holds).
-- melding: kpi.instroom {perioden}: jaartotaal {totaal} ≠ som van de maanden {som}
select k.perioden, k.totaal, sum(m.totaal) as som
from kpi.instroom k
join kpi.instroom m on m.periode_soort = 'maand' and m.jaar = k.jaar
where k.periode_soort = 'jaar'
group by k.perioden, k.totaal
having count(*) = 12 and abs(k.totaal - sum(m.totaal)) > meta.cbs_tolerantie(12)
