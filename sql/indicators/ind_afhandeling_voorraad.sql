-- kpi.ind_afhandeling: voorraad of month $maand computed from scratch, for the rows ind_afhandeling.sql
-- could not carry forward (no previous month, or the previous month was computed on other deliveries).
-- voorraad = zaken with an aanvraag on or before the month end and no inwilliging, afwijzing or intrekking
-- on or before it, by the procedure of the aanvraag; 'totaal' over all procedures.
update kpi.ind_afhandeling k
set voorraad = s.voorraad, voorraad_berekening = 'volledig'
from (
    select p.procedure, coalesce(v.voorraad, 0) as voorraad
    from (values ('asiel_eerste'), ('asiel_herhaald'), ('nareis'), ('totaal')) as p(procedure)
    left join (
        select coalesce(procedure, 'totaal') as procedure, count(*) as voorraad
        from (
            select
                zaak_id,
                any_value(procedure) filter (where gebeurtenis = 'aanvraag') as procedure,
                count(*) filter (where gebeurtenis = 'aanvraag') as aanvragen,
                count(*) filter (where gebeurtenis in ('inwilliging', 'afwijzing', 'intrekking')) as afsluitingen
            from stg.ind_zaken
            where datum <= last_day(cast($maand as date))
            group by zaak_id
        )
        where aanvragen > 0 and afsluitingen = 0
        group by grouping sets ((procedure), ())
    ) v using (procedure)
) s
where k.maand = cast($maand as date) and k.procedure = s.procedure and k.voorraad is null
