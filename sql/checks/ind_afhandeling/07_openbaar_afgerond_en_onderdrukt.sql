-- ind_afhandeling: the rows that break rule openbaar_afgerond_en_onderdrukt (none when it holds).
-- melding: kpi.ind_afhandeling_openbaar {maand} {procedure}: {kolom} = {waarde} is niet afgerond op
--   tientallen of had onderdrukt moeten zijn
select o.maand, o.procedure, kolom, waarde from (
    unpivot kpi.ind_afhandeling_openbaar
    on aanvragen, inwilligingen, afwijzingen, intrekkingen, beslissingen, voorraad
    into name kolom value waarde) o
where waarde < 10 or waarde % 10 <> 0
