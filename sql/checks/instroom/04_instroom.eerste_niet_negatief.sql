-- instroom: the rows that break rule instroom.eerste_niet_negatief (none when it holds).
-- melding: kpi.instroom {sleutel}: eerste = {waarde} is negatief
select perioden as sleutel, eerste as waarde
from kpi.instroom
where eerste < 0
