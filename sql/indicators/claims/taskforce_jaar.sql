-- Claim measurement: the taskforce budget (BHO + AenM, ODA + non-ODA) in year $jaar in EUR mln, from
-- kpi.taskforce_budget. geldig: "oplopend tot": no earlier year of the ramp is higher.
select
    t.totaal_mln as gemeten,
    t.totaal_mln >= (select max(x.totaal_mln) from kpi.taskforce_budget x where x.jaar <= $jaar) as geldig,
    t.oda / 1000.0 as oda_mln,
    t.non_oda / 1000.0 as non_oda_mln,
    t.bho / 1000.0 as bho_mln,
    t.aenm / 1000.0 as aenm_mln,
    cast(t.begrotingsjaar as varchar) as begrotingsjaar,
    t.voorlopig
from kpi.taskforce_budget t
where t.jaar = $jaar
