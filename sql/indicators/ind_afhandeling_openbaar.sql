-- kpi.ind_afhandeling_openbaar: kpi.ind_afhandeling after disclosure control; the only IND table that
-- reports and the published snapshot use. Grain: maand x procedure.
-- Counts (derived from case-level data) are rounded to tens and suppressed (null, shown as '.') under 10:
-- kpi.openbaar_aantal(n), the SQL form of pipelines.lib.disclosure.round_and_suppress. Percentages are
-- computed from those disclosed counts, never from the exact ones (an exact share gives the exact counts
-- back: 27/121 = 22,314%), and doorlooptijden are whole days (an interpolated percentile's fraction
-- reveals the number of zaken); all three are suppressed when they rest on fewer than 10 zaken.
-- Rounded parts need not add up to the rounded totaal.
-- procedure: asiel_eerste, asiel_herhaald, nareis of totaal.
-- aanvragen: Aanvragen in de maand, afgerond op tientallen; onder 10 onderdrukt.
-- inwilligingen: Inwilligingen, afgerond op tientallen; onder 10 onderdrukt.
-- afwijzingen: Afwijzingen, afgerond op tientallen; onder 10 onderdrukt.
-- intrekkingen: Intrekkingen, afgerond op tientallen; onder 10 onderdrukt.
-- beslissingen: Inwilligingen + afwijzingen, afgerond op tientallen; onder 10 onderdrukt.
-- inwilligingspercentage: 100 x inwilligingen / beslissingen, beide afgerond op tientallen; leeg bij minder dan 10.
-- voorraad: Openstaande zaken aan het eind van de maand, afgerond op tientallen; onder 10 onderdrukt.
-- doorlooptijd_mediaan_dagen: Mediaan dagen van aanvraag tot eerste beslissing, hele dagen; leeg bij minder dan 10 zaken.
-- doorlooptijd_p90_dagen: 90e percentiel dagen van aanvraag tot eerste beslissing, hele dagen; leeg bij minder dan 10 zaken.
-- binnen_termijn_pct: Aandeel beslissingen binnen aanvraag + 6 maanden (%), uit de afgeronde aantallen; leeg bij minder
--   dan 10 zaken.
create or replace table kpi.ind_afhandeling_openbaar as
select
    maand,
    procedure,
    kpi.openbaar_aantal(aanvragen) as aanvragen,
    kpi.openbaar_aantal(inwilligingen) as inwilligingen,
    kpi.openbaar_aantal(afwijzingen) as afwijzingen,
    kpi.openbaar_aantal(intrekkingen) as intrekkingen,
    kpi.openbaar_aantal(beslissingen) as beslissingen,
    case when kpi.openbaar_aantal(beslissingen) > 0 and kpi.openbaar_aantal(inwilligingen) is not null
        then 100.0 * kpi.openbaar_aantal(inwilligingen) / kpi.openbaar_aantal(beslissingen)
    end as inwilligingspercentage,
    kpi.openbaar_aantal(voorraad) as voorraad,
    case when doorlooptijd_n >= 10 then round(doorlooptijd_mediaan_dagen) end as doorlooptijd_mediaan_dagen,
    case when doorlooptijd_n >= 10 then round(doorlooptijd_p90_dagen) end as doorlooptijd_p90_dagen,
    case when kpi.openbaar_aantal(doorlooptijd_n) > 0 and kpi.openbaar_aantal(binnen_termijn) is not null
        then 100.0 * kpi.openbaar_aantal(binnen_termijn) / kpi.openbaar_aantal(doorlooptijd_n)
    end as binnen_termijn_pct,
    revisies
from kpi.ind_afhandeling
order by maand, procedure
