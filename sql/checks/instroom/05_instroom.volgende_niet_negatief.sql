-- instroom: the rows that break rule instroom.volgende_niet_negatief (none when it holds).
-- melding: kpi.instroom {sleutel}: volgende = {waarde} is negatief
select perioden as sleutel, volgende as waarde
from kpi.instroom
where volgende < 0
