-- Report context: the latest begrotingsjaar of hoofdstuk $hoofdstuk with a realisatie (the last
-- jaarverslag), not later than the year of $maand.
select max(begrotingsjaar) as begrotingsjaar
from kpi.begroting_staten
where begrotingsnummer = $hoofdstuk and realisatie is not null and begrotingsjaar <= year(cast($maand as date))
