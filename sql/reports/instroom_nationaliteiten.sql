-- Report context: the top $top nationalities by eerste asielverzoeken in CBS period $perioden
-- (kpi.instroom_nationaliteiten). Grain: nationaliteit.
select *
from kpi.instroom_nationaliteiten
where perioden = $perioden and rang <= $top
order by rang
