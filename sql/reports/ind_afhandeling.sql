-- Report context: IND asielzaken after disclosure control (kpi.ind_afhandeling_openbaar: counts rounded to
-- tens, under 10 suppressed) from $van up to and including $maand. Never the exact kpi.ind_afhandeling.
-- Grain: maand x procedure.
select *
from kpi.ind_afhandeling_openbaar
where maand >= cast($van as date) and maand <= cast($maand as date)
order by maand,
    case procedure when 'asiel_eerste' then 1 when 'asiel_herhaald' then 2 when 'nareis' then 3 else 4 end
