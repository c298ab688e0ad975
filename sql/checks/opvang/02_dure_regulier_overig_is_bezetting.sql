-- opvang: the rows that break rule dure_regulier_overig_is_bezetting (none when it holds).
-- melding: kpi.opvang {maand}: dure opvang + regulier + overig = {som} (kosten {som_kosten:.0f}) ≠
--   bezetting {bezetting} (kosten {kosten_per_jaar:.0f})
select maand, bezetting, bezetting_dure_opvang + bezetting_regulier + bezetting_overig as som,
       kosten_per_jaar,
       kosten_dure_opvang_per_jaar + kosten_regulier_per_jaar + kosten_overig_per_jaar as som_kosten
from kpi.opvang
where bezetting <> bezetting_dure_opvang + bezetting_regulier + bezetting_overig
   or abs(kosten_per_jaar
          - (kosten_dure_opvang_per_jaar + kosten_regulier_per_jaar + kosten_overig_per_jaar)) > 1
