-- taakstelling_achterstand: the rows that break rule resterende_opgave_omvat_achterstand (none when it holds).
-- melding: kpi.taakstelling_achterstand {gemeentecode} {maand}: resterende opgave
--   {resterende_opgave} < achterstand {achterstand}
select gemeentecode, maand, achterstand, resterende_opgave from kpi.taakstelling_achterstand
where taakstelling >= 0 and resterende_opgave < achterstand
