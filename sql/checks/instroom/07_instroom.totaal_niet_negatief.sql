-- instroom: the rows that break rule instroom.totaal_niet_negatief (none when it holds).
-- melding: kpi.instroom {sleutel}: totaal = {waarde} is negatief
select perioden as sleutel, totaal as waarde
from kpi.instroom
where totaal < 0
