-- Report context: every MPP edition's asielinstroom range for the year of $maand (editie.mpp_prognose),
-- to show how the prognose moved between editions. Grain: editie.
select
    editie,
    editie_jaar,
    editie_volgorde,
    max(waarde) filter (where scenario = 'min') as mpp_min,
    max(waarde) filter (where scenario = 'midden') as mpp_midden,
    max(waarde) filter (where scenario = 'max') as mpp_max
from editie.mpp_prognose
where grootheid = 'asielinstroom' and jaar = year(cast($maand as date))
group by editie, editie_jaar, editie_volgorde
order by editie_jaar, editie_volgorde
