-- editie.mpp_prognose: stg.mpp_prognose as of the edition month (DuckDB variable editie_maand, first day of the
-- reporting month, set by pipelines.lib.editie.zet_maand): MPP editions published by then (voorjaar = April, najaar = October).
-- Indicators read this view, so no figure after the edition month reaches an edition. Grain: as stg.mpp_prognose.
create or replace view editie.mpp_prognose as
select * from stg.mpp_prognose
where make_date(editie_jaar, case editie_volgorde when 1 then 4 else 10 end, 1) <= getvariable('editie_maand')
