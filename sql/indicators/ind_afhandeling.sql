-- kpi.ind_afhandeling: IND asielzaken per procedure and month, computed for one month $maand (first day).
-- Grain: maand x procedure (asiel_eerste, asiel_herhaald, nareis, and 'totaal' over the three).
-- From the case events in stg.ind_zaken (one row per zaak_id x gebeurtenis):
--   aanvragen / inwilligingen / afwijzingen / intrekkingen = events dated in the month;
--   beslissingen = inwilligingen + afwijzingen; inwilligingspercentage = 100 * inwilligingen / beslissingen;
--   voorraad = zaken with an aanvraag on or before the month end and no inwilliging, afwijzing or
--     intrekking on or before it (by the procedure of the aanvraag);
--   afgehandeld = zaken that leave the voorraad in the month: aanvraag and first afsluiting both known,
--     the later of the two in the month; so voorraad(m) = voorraad(m-1) + aanvragen(m) - afgehandeld(m);
--   doorlooptijd = days from aanvraag to the zaak's first beslissing, for zaken whose first beslissing is in
--     the month and whose aanvraag is known (doorlooptijd_n of them): median and p90 (interpolated);
--   binnen_termijn = of those, first beslissing on or before aanvraag + 6 calendar months (statutory term).
-- Per partition: only the month's events and the zaken they belong to are read. voorraad is carried from
-- the previous month's row when that row was computed on the same deliveries (basis_levering = the highest
-- delivery id among stg events up to that month); otherwise it is left null here and
-- ind_afhandeling_voorraad.sql computes it from scratch. Exact counts (internal); disclosed values in
-- kpi.ind_afhandeling_openbaar.
-- procedure: asiel_eerste, asiel_herhaald, nareis of totaal.
-- aanvragen: Aanvragen in de maand (instroom).
-- inwilligingen: Inwilligingen in de maand.
-- afwijzingen: Afwijzingen in de maand.
-- intrekkingen: Intrekkingen in de maand.
-- beslissingen: inwilligingen + afwijzingen.
-- inwilligingspercentage: 100 x inwilligingen / beslissingen.
-- afgehandeld: Zaken die in de maand uit de voorraad gaan.
-- voorraad: Zaken met een aanvraag op of voor het einde van de maand, nog zonder inwilliging, afwijzing of intrekking.
-- voorraad_berekening: incrementeel (vorige maand + aanvragen - afgehandeld) of volledig (opnieuw geteld).
-- doorlooptijd_n: Zaken met hun eerste beslissing in de maand en een bekende aanvraag.
-- doorlooptijd_mediaan_dagen: Mediaan van de dagen van aanvraag tot eerste beslissing.
-- doorlooptijd_p90_dagen: 90e percentiel van de dagen van aanvraag tot eerste beslissing.
-- binnen_termijn: Beslissingen binnen de wettelijke termijn (aanvraag + 6 kalendermaanden).
-- binnen_termijn_pct: 100 x binnen_termijn / doorlooptijd_n.
-- basis_levering: Hoogste leveringsnummer van de IND-gegevens tot en met de maand (intern).
insert into kpi.ind_afhandeling
with grenzen as (
    select cast($maand as date) as maand_start, last_day(cast($maand as date)) as maand_eind
),
procedures as (
    select * from (values ('asiel_eerste'), ('asiel_herhaald'), ('nareis'), ('totaal')) as p(procedure)
),
maand_events as (
    select z.*
    from stg.ind_zaken z
    where z.maand = cast($maand as date)
),
tellingen as (
    select
        coalesce(procedure, 'totaal') as procedure,
        count(*) filter (where gebeurtenis = 'aanvraag') as aanvragen,
        count(*) filter (where gebeurtenis = 'inwilliging') as inwilligingen,
        count(*) filter (where gebeurtenis = 'afwijzing') as afwijzingen,
        count(*) filter (where gebeurtenis = 'intrekking') as intrekkingen,
        max(revisies) as revisies
    from maand_events
    group by grouping sets ((procedure), ())
),
-- every event of the zaken that had an event this month: a join on the month's zaak ids, not an
-- aggregate over all history
zaken as (
    select
        z.zaak_id,
        min(z.datum) filter (where z.gebeurtenis = 'aanvraag') as aanvraag_datum,
        any_value(z.procedure) filter (where z.gebeurtenis = 'aanvraag') as aanvraag_procedure,
        min(z.datum) filter (where z.gebeurtenis in ('inwilliging', 'afwijzing', 'intrekking')) as afsluit_datum,
        min(z.datum) filter (where z.gebeurtenis in ('inwilliging', 'afwijzing')) as beslis_datum,
        arg_min(z.procedure, z.datum) filter (where z.gebeurtenis in ('inwilliging', 'afwijzing')) as beslis_procedure
    from stg.ind_zaken z
    where z.zaak_id in (select zaak_id from maand_events)
    group by z.zaak_id
),
afgehandeld as (
    select coalesce(z.aanvraag_procedure, 'totaal') as procedure, count(*) as afgehandeld
    from zaken z, grenzen g
    where z.aanvraag_datum is not null
        and z.afsluit_datum is not null
        and greatest(z.aanvraag_datum, z.afsluit_datum) between g.maand_start and g.maand_eind
    group by grouping sets ((z.aanvraag_procedure), ())
),
doorlooptijden as (
    select
        coalesce(z.beslis_procedure, 'totaal') as procedure,
        count(*) as doorlooptijd_n,
        quantile_cont(date_diff('day', z.aanvraag_datum, z.beslis_datum), 0.5) as doorlooptijd_mediaan_dagen,
        quantile_cont(date_diff('day', z.aanvraag_datum, z.beslis_datum), 0.9) as doorlooptijd_p90_dagen,
        count(*) filter (where z.beslis_datum <= z.aanvraag_datum + interval 6 month) as binnen_termijn
    from zaken z, grenzen g
    where z.aanvraag_datum is not null
        and z.beslis_datum between g.maand_start and g.maand_eind
    group by grouping sets ((z.beslis_procedure), ())
),
vorige as (
    -- the previous month's voorraad, only if it was computed on the deliveries stg holds now
    select k.procedure, k.voorraad
    from kpi.ind_afhandeling k
    where k.maand = cast($maand as date) - interval 1 month
        and k.voorraad is not null
        and k.basis_levering is not distinct from (
            select max(_delivery_id) from stg.ind_zaken where maand < cast($maand as date)
        )
)
select
    g.maand_start as maand,
    p.procedure,
    coalesce(t.aanvragen, 0) as aanvragen,
    coalesce(t.inwilligingen, 0) as inwilligingen,
    coalesce(t.afwijzingen, 0) as afwijzingen,
    coalesce(t.intrekkingen, 0) as intrekkingen,
    coalesce(t.inwilligingen, 0) + coalesce(t.afwijzingen, 0) as beslissingen,
    case when coalesce(t.inwilligingen, 0) + coalesce(t.afwijzingen, 0) > 0
        then 100.0 * t.inwilligingen / (coalesce(t.inwilligingen, 0) + coalesce(t.afwijzingen, 0))
    end as inwilligingspercentage,
    coalesce(a.afgehandeld, 0) as afgehandeld,
    v.voorraad + coalesce(t.aanvragen, 0) - coalesce(a.afgehandeld, 0) as voorraad,
    case when v.voorraad is not null then 'incrementeel' end as voorraad_berekening,
    coalesce(d.doorlooptijd_n, 0) as doorlooptijd_n,
    d.doorlooptijd_mediaan_dagen,
    d.doorlooptijd_p90_dagen,
    coalesce(d.binnen_termijn, 0) as binnen_termijn,
    case when d.doorlooptijd_n > 0 then 100.0 * d.binnen_termijn / d.doorlooptijd_n end as binnen_termijn_pct,
    (select max(_delivery_id) from stg.ind_zaken where maand <= cast($maand as date)) as basis_levering,
    t.revisies
from grenzen g
cross join procedures p
left join tellingen t using (procedure)
left join afgehandeld a using (procedure)
left join doorlooptijden d using (procedure)
left join vorige v using (procedure)
order by p.procedure
