-- editie.oekraine_opvang: stg.oekraine_opvang as of the edition month (DuckDB variable editie_maand, first day of the
-- reporting month, set by pipelines.lib.editie.zet_maand): peildata up to the end of the month.
-- Indicators read this view, so no figure after the edition month reaches an edition. Grain: as stg.oekraine_opvang.
create or replace view editie.oekraine_opvang as
select * from stg.oekraine_opvang
where maand <= getvariable('editie_maand')
