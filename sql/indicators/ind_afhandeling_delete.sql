-- kpi.ind_afhandeling: remove the rows of month $maand (first day of the month) before they are recomputed,
-- so that a month's run is idempotent (delete-then-insert per monthly partition).
delete from kpi.ind_afhandeling where maand = cast($maand as date)
