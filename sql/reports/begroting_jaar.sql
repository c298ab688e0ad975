-- Report context: the begrotingsjaar the Begrotingsbijlage of month $maand shows: the latest one delivered
-- for hoofdstuk $hoofdstuk that is not later than the year of $maand.
select max(begrotingsjaar) as begrotingsjaar
from kpi.begroting
where hoofdstuk = $hoofdstuk and begrotingsjaar <= year(cast($maand as date))
