-- ref.taskforce_regelingen: the budget lines of the taskforce internationale migratie as listed in
-- data/reference/taskforce_regelingen.csv, as text: the list is kept by hand, and
-- sql/indicators/taskforce_budget_regelingen.sql reads it tolerantly (spaces, ODA as ja/true/1).
-- An empty regeling means the whole artikelonderdeel.
-- hoofdstuk: Begrotingshoofdstuk (XVII of XX).
-- artikel: Artikelnummer.
-- artikelonderdeel: Artikelonderdeel (4.4).
-- regeling: Regeling (leeg: het hele artikelonderdeel).
-- oda: Of de regeling als ODA telt.
create or replace table ref.taskforce_regelingen as
select hoofdstuk, artikel, artikelonderdeel, regeling, oda
from read_csv($pad, header = true, all_varchar = true)
