-- kpi.oekraine: gemeentelijke opvang Oekraiense ontheemden per maand (stand op de peildatum).
-- Grain: maand (one peildatum per maand).
-- bezettingsgraad_pct = 100 * bezetting / opvangplekken; kosten_per_jaar = run-rate in euro per jaar =
-- bezetting x kostprijs_per_plek_per_dag x 365 (as opvang: occupied places x cost per place);
-- rtb_einddatum = end of temporary protection under the Richtlijn Tijdelijke Bescherming (RTB), extended
-- to 4 March 2027 (begroting 2026, 2.1.3); dagen_tot_einde_rtb = rtb_einddatum - peildatum, in days.
-- opvangplekken: Gemeentelijke opvangplekken voor ontheemden uit Oekraine.
-- bezetting: Bezette plekken.
-- kostprijs_per_plek_per_dag: Kostprijs per plek per dag (euro).
-- kosten_per_jaar: bezetting x kostprijs per plek per dag x 365 (euro).
-- rtb_einddatum: Einde van de tijdelijke bescherming (RTB): 4 maart 2027.
-- dagen_tot_einde_rtb: Dagen van de peildatum tot het einde van de tijdelijke bescherming.
create or replace table kpi.oekraine as
select
    maand,
    peildatum,
    opvangplekken,
    bezetting,
    case when opvangplekken > 0 then 100.0 * bezetting / opvangplekken end as bezettingsgraad_pct,
    kostprijs_per_plek_per_dag,
    bezetting * kostprijs_per_plek_per_dag * 365 as kosten_per_jaar,
    date '2027-03-04' as rtb_einddatum,
    date_diff('day', peildatum, date '2027-03-04') as dagen_tot_einde_rtb,
    voorlopig,
    revisies
from editie.oekraine_opvang
order by maand
