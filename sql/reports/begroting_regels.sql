-- Report context: the rows of the tables "Budgettaire gevolgen van beleid" of hoofdstuk $hoofdstuk in
-- begrotingsjaar $begrotingsjaar (kpi.begroting), x EUR 1.000, t-2 .. t+4. Grain: artikel x volgorde.
select *
from kpi.begroting
where hoofdstuk = $hoofdstuk and begrotingsjaar = $begrotingsjaar
order by artikel, volgorde
