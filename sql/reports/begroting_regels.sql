-- Report context: the rows of the tables "Budgettaire gevolgen van beleid" of hoofdstuk $hoofdstuk in
-- begrotingsjaar $begrotingsjaar (kpi.begroting), x EUR 1.000, t-2 .. t+4. Grain: artikel x volgorde.
-- soort: the row's kind in the table (totaal, subtotaal per artikelonderdeel, inspring per instrument,
-- inspring2 per regeling); symbool: * for a voorlopig row.
select
    *,
    case niveau
        when 'totaal' then 'totaal'
        when 'artikelonderdeel' then 'subtotaal'
        when 'instrument' then 'inspring'
        when 'regeling' then 'inspring2'
        else ''
    end as soort,
    case when voorlopig then '*' else '' end as symbool
from kpi.begroting
where hoofdstuk = $hoofdstuk and begrotingsjaar = $begrotingsjaar
order by artikel, volgorde
