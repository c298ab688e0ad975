-- taakstelling_achterstand: the rows that break rule saldo_loopt_door (none when it holds).
-- melding: kpi.taakstelling_achterstand {gemeentecode} {maand}: saldo begin halfjaar {saldo_begin}
--   ≠ saldo eind vorig halfjaar {saldo_vorig}
select h.gemeentecode, h.maand, h.saldo_begin, v.saldo as saldo_vorig
from kpi.taakstelling_achterstand h
join kpi.taakstelling_achterstand v
  on v.gemeentecode = h.gemeentecode and v.maand = h.halfjaar_start - interval 1 month
where h.maand = h.halfjaar_start and h.saldo_begin <> v.saldo
