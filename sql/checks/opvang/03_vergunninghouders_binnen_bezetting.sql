-- opvang: the rows that break rule vergunninghouders_binnen_bezetting (none when it holds).
-- melding: kpi.opvang_opvangsoort {maand} {opvangsoort}: waarvan vergunninghouders
--   {waarvan_vergunninghouders} > bezetting {bezetting}
select maand, opvangsoort, waarvan_vergunninghouders, bezetting from kpi.opvang_opvangsoort
where waarvan_vergunninghouders > bezetting
