-- editie.dtenv_vertrek: stg.dtenv_vertrek as of the edition month (DuckDB variable editie_maand, first day of the
-- reporting month, set by pipelines.lib.editie.zet_maand): months up to and including it.
-- Indicators read this view, so no figure after the edition month reaches an edition. Grain: as stg.dtenv_vertrek.
create or replace view editie.dtenv_vertrek as
select * from stg.dtenv_vertrek
where maand_start <= getvariable('editie_maand')
