-- Per source the deliveries, checks and currency of the published snapshot, for
-- `ketenmonitor status` when the internal warehouse is busy or missing.
select * from rapportage.datakwaliteit
