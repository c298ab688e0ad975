-- begroting: the rows that break rule een_totaal_per_soort (none when it holds).
-- melding: kpi.begroting {begrotingsjaar} artikel {artikel}: {aantal} totaalregels voor soort {vuo}
select begrotingsjaar, artikel, vuo, count(*) as aantal from kpi.begroting
where niveau = 'totaal' group by begrotingsjaar, hoofdstuk, artikel, vuo having count(*) > 1
