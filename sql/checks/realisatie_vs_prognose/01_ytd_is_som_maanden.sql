-- realisatie_vs_prognose: the rows that break rule ytd_is_som_maanden (none when it holds).
-- melding: kpi.realisatie_vs_prognose {maand}: instroom year-to-date {instroom_ytd} ≠ som van de
--   maanden {som}
select r.maand, r.instroom_ytd, i.som from kpi.realisatie_vs_prognose r
join (select a.periode_start as maand,
             sum(coalesce(b.eerste, 0) + coalesce(b.volgende, 0) + coalesce(b.nareizigers, 0)) as som
      from kpi.instroom a
      join kpi.instroom b on b.periode_soort = 'maand' and b.jaar = a.jaar
          and b.periode_nummer <= a.periode_nummer
      where a.periode_soort = 'maand' group by a.periode_start) i using (maand)
where r.instroom_ytd <> i.som
