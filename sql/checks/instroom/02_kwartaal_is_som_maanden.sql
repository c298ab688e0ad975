-- instroom: the rows that break rule kwartaal_is_som_maanden (none when it holds).
-- melding: kpi.instroom {perioden}: kwartaaltotaal {totaal} ≠ som van de maanden {som}
select k.perioden, k.totaal, sum(m.totaal) as som, count(*) as maanden
from kpi.instroom k
join kpi.instroom m on m.periode_soort = 'maand' and m.jaar = k.jaar
    and (m.periode_nummer - 1) // 3 + 1 = k.periode_nummer
where k.periode_soort = 'kwartaal'
group by k.perioden, k.totaal
having count(*) = 3 and abs(k.totaal - sum(m.totaal)) > meta.cbs_tolerantie(3)
