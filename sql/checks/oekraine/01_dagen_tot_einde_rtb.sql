-- oekraine: the rows that break rule dagen_tot_einde_rtb (none when it holds).
-- melding: kpi.oekraine {maand}: dagen tot einde RTB {dagen_tot_einde_rtb} ≠ {verwacht}
select maand, dagen_tot_einde_rtb, date_diff('day', peildatum, rtb_einddatum) as verwacht
from kpi.oekraine where dagen_tot_einde_rtb <> date_diff('day', peildatum, rtb_einddatum)
