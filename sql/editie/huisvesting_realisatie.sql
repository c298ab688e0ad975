-- editie.huisvesting_realisatie: stg.huisvesting_realisatie as of the edition month (DuckDB variable editie_maand, first day of the
-- reporting month, set by pipelines.lib.editie.zet_maand): months up to and including it.
-- Indicators read this view, so no figure after the edition month reaches an edition. Grain: as stg.huisvesting_realisatie.
create or replace view editie.huisvesting_realisatie as
select * from stg.huisvesting_realisatie
where maand_start <= getvariable('editie_maand')
