-- Report context: changed values of the other sources (not CBS, whose national totals have their own
-- table), latest periods first (up to the edition month $maand), at most $max rows. Grain: bron x periode x sleutel x kolom.
select bron, periode, sleutel, kolom, soort, oud, nieuw, levering, vorige_levering
from kpi.bijstellingen
where bron <> 'cbs_asielverzoeken'
    and coalesce(meta.periode_begin(periode) <= cast($maand as date), true)
order by periode desc, bron, sleutel, kolom nulls first
limit $max
