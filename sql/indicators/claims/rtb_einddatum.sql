-- Claim measurement: the end date of temporary protection (RTB) that the oekraine indicator counts down to
-- (kpi.oekraine.rtb_einddatum), with the days left at the latest peildatum. No row before the indicator has data.
select
    arg_max(rtb_einddatum, peildatum) as gemeten,
    max(peildatum) as peildatum,
    arg_max(dagen_tot_einde_rtb, peildatum) as dagen_tot_einde_rtb
from kpi.oekraine
having count(*) > 0
