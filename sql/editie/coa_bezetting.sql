-- editie.coa_bezetting: stg.coa_bezetting as of the edition month (DuckDB variable editie_maand, first day of the
-- reporting month, set by pipelines.lib.editie.zet_maand): peildata up to the end of the month.
-- Indicators read this view, so no figure after the edition month reaches an edition. Grain: as stg.coa_bezetting.
create or replace view editie.coa_bezetting as
select * from stg.coa_bezetting
where maand <= getvariable('editie_maand')
