-- editie.budgettaire_tabel: stg.budgettaire_tabel as of the edition month (DuckDB variable editie_maand, first day of the
-- reporting month, set by pipelines.lib.editie.zet_maand): budget years up to the year of the month (the plan years t+1 .. t+4 stay).
-- Indicators read this view, so no figure after the edition month reaches an edition. Grain: as stg.budgettaire_tabel.
create or replace view editie.budgettaire_tabel as
select * from stg.budgettaire_tabel
where begrotingsjaar <= year(getvariable('editie_maand'))
