-- kpi.begroting_staten: begrotingsstaten per artikel per jaar (rijksfinancien.nl; jaarverslag model 3.22d),
-- x EUR 1.000. Grain: begrotingsjaar x vuo x begrotingsnummer x artikelnummer (every chapter delivered).
-- ontwerp, vastgesteld, eerste_suppletoire, tweede_suppletoire, realisatie as published (null = not yet
-- known); verschil = realisatie - vastgestelde begroting (null while either is unknown);
-- verschil_pct = 100 * verschil / vastgesteld. V, U and O rows are separate and never summed.
-- soort: Verplichtingen, Uitgaven of Ontvangsten.
-- ontwerp: Stand ontwerpbegroting (x EUR 1.000).
-- vastgesteld: Stand vastgestelde begroting (x EUR 1.000).
-- eerste_suppletoire: Stand eerste suppletoire begroting (x EUR 1.000).
-- tweede_suppletoire: Stand tweede suppletoire begroting (x EUR 1.000).
-- realisatie: Realisatie (x EUR 1.000); leeg zolang het jaar niet is afgesloten.
-- verschil: realisatie - vastgestelde begroting (x EUR 1.000).
create or replace table kpi.begroting_staten as
select
    begrotingsjaar,
    vuo,
    case vuo when 'V' then 'Verplichtingen' when 'U' then 'Uitgaven' else 'Ontvangsten' end as soort,
    begrotingsnummer,
    naam_begroting,
    artikelnummer,
    artikel,
    stand_ontwerpbegroting as ontwerp,
    stand_vastgestelde_begroting as vastgesteld,
    stand_eerste_suppletoire as eerste_suppletoire,
    stand_tweede_suppletoire as tweede_suppletoire,
    realisatie,
    realisatie - stand_vastgestelde_begroting as verschil,
    100.0 * (realisatie - stand_vastgestelde_begroting) / nullif(stand_vastgestelde_begroting, 0) as verschil_pct,
    voorlopig,
    revisies
from editie.rijksfinancien_begrotingsstaten
order by begrotingsjaar, begrotingsnummer, artikelnummer, case vuo when 'V' then 1 when 'U' then 2 else 3 end
