-- opvang: the rows that break rule totaal_is_som_opvangsoorten (none when it holds).
-- melding: kpi.opvang {maand}: totaal (bezetting {bezetting}, capaciteit {capaciteit},
--   vergunninghouders {vergunninghouders}, kosten {kosten_per_jaar:.0f}) ≠ som over de
--   opvangsoorten (bezetting {s_bezetting}, capaciteit {s_capaciteit}, vergunninghouders
--   {s_vergunninghouders}, kosten {s_kosten:.0f})
select o.maand, o.bezetting, o.capaciteit, o.vergunninghouders, o.kosten_per_jaar,
       s.bezetting as s_bezetting, s.capaciteit as s_capaciteit,
       s.vergunninghouders as s_vergunninghouders, s.kosten_per_jaar as s_kosten
from kpi.opvang o
join (select maand, sum(bezetting) as bezetting, sum(capaciteit) as capaciteit,
             sum(waarvan_vergunninghouders) as vergunninghouders,
             sum(kosten_per_jaar) as kosten_per_jaar
      from kpi.opvang_opvangsoort group by maand) s using (maand)
where o.bezetting <> s.bezetting or o.capaciteit <> s.capaciteit
   or o.vergunninghouders <> s.vergunninghouders
   or abs(o.kosten_per_jaar - s.kosten_per_jaar) > 1
