-- Claim measurement: eerste asielverzoeken in quarter $kwartaal of $jaar against the same quarter one year
-- earlier, in % (100 * (kwartaal - kwartaal vorig jaar) / kwartaal vorig jaar), from kpi.instroom
-- (CBS 83102NED totals). No row when either quarter is missing or incomplete.
select
    100.0 * (n.eerste - v.eerste) / v.eerste as gemeten,
    n.eerste,
    v.eerste as eerste_vj,
    n.periode_titel,
    v.periode_titel as periode_titel_vj,
    n.voorlopig or v.voorlopig as voorlopig
from kpi.instroom n
join kpi.instroom v
    on v.periode_soort = 'kwartaal' and v.jaar = n.jaar - 1 and v.periode_nummer = n.periode_nummer
where n.periode_soort = 'kwartaal'
    and n.jaar = $jaar
    and n.periode_nummer = $kwartaal
    and n.volledig
    and v.volledig
    and v.eerste > 0
