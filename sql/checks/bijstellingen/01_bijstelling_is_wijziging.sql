-- bijstellingen: the rows that break rule bijstelling_is_wijziging (none when it holds).
-- melding: kpi.bijstellingen {bron} {periode} {sleutel} {kolom}: geen echte bijstelling ({oud} ->
--   {nieuw})
select bron, periode, sleutel, kolom, oud, nieuw from kpi.bijstellingen
where soort not in ('gewijzigd', 'nieuw', 'vervallen')
   or (soort = 'gewijzigd' and oud is not distinct from nieuw)
   or delivery_id <= vorige_delivery_id
