-- instroom: the rows that break rule instroom.nareizigers_niet_negatief (none when it holds).
-- melding: kpi.instroom {sleutel}: nareizigers = {waarde} is negatief
select perioden as sleutel, nareizigers as waarde
from kpi.instroom
where nareizigers < 0
