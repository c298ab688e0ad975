-- editie.cbs_asielverzoeken: stg.cbs_asielverzoeken as of the edition month (DuckDB variable editie_maand, first day of the
-- reporting month, set by pipelines.lib.editie.zet_maand): months up to and including it, quarters and years that have ended by then.
-- Indicators read this view, so no figure after the edition month reaches an edition. Grain: as stg.cbs_asielverzoeken.
create or replace view editie.cbs_asielverzoeken as
select * from stg.cbs_asielverzoeken
where periode_start + to_months(case periode_soort when 'kwartaal' then 2 when 'jaar' then 11 else 0 end) <= getvariable('editie_maand')
