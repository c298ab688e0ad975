-- kpi.taskforce_budget: budget of the taskforce internationale migratie per jaar (the ramp), x EUR 1.000.
-- Grain: jaar (t-2 .. t+4 of the latest begrotingsjaar). From kpi.taskforce_budget_regelingen:
-- bho_* = hoofdstuk XVII (BHO), aenm_* = hoofdstuk XX (AenM); *_oda / *_non_oda by the list's ODA mark;
-- totaal = oda + non_oda (= bho + aenm when only these two chapters carry taskforce lines);
-- totaal_mln = totaal / 1000 (EUR mln); mutatie_vj = totaal - totaal of the previous year.
-- begrotingsjaar: De begroting waaruit de bedragen komen.
-- bho_oda: BHO (hoofdstuk XVII), ODA-regelingen (x EUR 1.000).
-- bho_non_oda: BHO (hoofdstuk XVII), non-ODA-regelingen (x EUR 1.000).
-- aenm_oda: AenM (hoofdstuk XX), ODA-regelingen (x EUR 1.000).
-- aenm_non_oda: AenM (hoofdstuk XX), non-ODA-regelingen (x EUR 1.000).
-- bho: BHO (hoofdstuk XVII) totaal (x EUR 1.000).
-- aenm: AenM (hoofdstuk XX) totaal (x EUR 1.000).
-- oda: ODA-uitgaven (x EUR 1.000).
-- non_oda: Non-ODA-uitgaven (x EUR 1.000).
-- totaal: Taskforce totaal (x EUR 1.000) = oda + non_oda.
create or replace table kpi.taskforce_budget as
with per_jaar as (
    select
        jaar,
        max(begrotingsjaar) as begrotingsjaar,
        coalesce(cast(sum(bedrag) filter (where hoofdstuk = 'XVII' and oda) as bigint), 0) as bho_oda,
        coalesce(cast(sum(bedrag) filter (where hoofdstuk = 'XVII' and not oda) as bigint), 0) as bho_non_oda,
        coalesce(cast(sum(bedrag) filter (where hoofdstuk = 'XX' and oda) as bigint), 0) as aenm_oda,
        coalesce(cast(sum(bedrag) filter (where hoofdstuk = 'XX' and not oda) as bigint), 0) as aenm_non_oda,
        coalesce(cast(sum(bedrag) filter (where hoofdstuk = 'XVII') as bigint), 0) as bho,
        coalesce(cast(sum(bedrag) filter (where hoofdstuk = 'XX') as bigint), 0) as aenm,
        coalesce(cast(sum(bedrag) filter (where oda) as bigint), 0) as oda,
        coalesce(cast(sum(bedrag) filter (where not oda) as bigint), 0) as non_oda,
        cast(sum(bedrag) as bigint) as totaal,
        bool_or(voorlopig) as voorlopig,
        max(revisies) as revisies
    from kpi.taskforce_budget_regelingen
    group by jaar
)
select
    *,
    totaal / 1000.0 as totaal_mln,
    totaal - lag(totaal) over (order by jaar) as mutatie_vj
from per_jaar
order by jaar
