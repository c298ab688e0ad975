-- Report context: the uitgaven of the migration article over the years: artikel $artikel of hoofdstuk XX
-- (Asiel en Migratie) and, for the years before XX existed, of its predecessor VI (Justitie en
-- Veiligheid) with the same article number, up to the year of $maand. x EUR 1.000. Grain: begrotingsjaar.
select
    begrotingsjaar,
    begrotingsnummer,
    naam_begroting,
    artikel,
    ontwerp,
    vastgesteld,
    eerste_suppletoire,
    tweede_suppletoire,
    realisatie,
    verschil,
    verschil_pct
from kpi.begroting_staten
where vuo = 'U'
    and artikelnummer = $artikel
    and begrotingsnummer in ('XX', 'VI')
    and begrotingsjaar <= year(cast($maand as date))
qualify row_number() over (
    partition by begrotingsjaar order by case begrotingsnummer when 'XX' then 1 else 2 end
) = 1
order by begrotingsjaar
