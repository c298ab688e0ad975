-- editie.rijksfinancien_begrotingsstaten: stg.rijksfinancien_begrotingsstaten as of the edition month (DuckDB variable editie_maand, first day of the
-- reporting month, set by pipelines.lib.editie.zet_maand): budget years up to the year of the month.
-- Indicators read this view, so no figure after the edition month reaches an edition. Grain: as stg.rijksfinancien_begrotingsstaten.
create or replace view editie.rijksfinancien_begrotingsstaten as
select * from stg.rijksfinancien_begrotingsstaten
where begrotingsjaar <= year(getvariable('editie_maand'))
