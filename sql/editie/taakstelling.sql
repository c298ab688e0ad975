-- editie.taakstelling: stg.taakstelling as of the edition month (DuckDB variable editie_maand, first day of the
-- reporting month, set by pipelines.lib.editie.zet_maand): half-years that have started by then (the circulaire is known at the start).
-- Indicators read this view, so no figure after the edition month reaches an edition. Grain: as stg.taakstelling.
create or replace view editie.taakstelling as
select * from stg.taakstelling
where halfjaar_start <= getvariable('editie_maand')
