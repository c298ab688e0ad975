-- Report context: changed values of the other sources (not CBS, whose national totals have their own
-- table), latest periods first (up to the edition month $maand), at most $max rows. Grain: bron x periode x sleutel x kolom.
select bron, periode, sleutel, kolom, soort, oud, nieuw, levering, vorige_levering
from kpi.bijstellingen
where bron <> 'cbs_asielverzoeken'
    and coalesce(meta.periode_begin(periode) <= cast($maand as date), true)
    -- only what the reports are about: hoofdstuk XX, its predecessor artikel VI.37 and the taskforce
    -- lines of XVII; every other chapter of a whole-government file stays in kpi.bijstellingen for analysts
    and (hoofdstuk is null or hoofdstuk = 'XX' or (hoofdstuk = 'VI' and artikel = 37)
        or (bron = 'budgettaire_tabel' and hoofdstuk = 'XVII'))
order by periode desc, bron, sleutel, kolom nulls first
limit $max
