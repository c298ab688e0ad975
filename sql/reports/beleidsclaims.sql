-- Report context: the policy claims of the begroting 2026 with what the data show (kpi.beleidsclaims,
-- evaluated by pipelines/lib/beleidsclaims.py): geclaimd and gemeten are formatted nl_NL already;
-- status bevestigd | afwijkend | geen data; soort meting | beleidsparameter.
-- Grain: claim, in the order of reports/beleidsclaims.yaml.
select
    claim_id,
    paragraaf,
    claim,
    periode,
    soort,
    geclaimd,
    gemeten,
    eenheid,
    status,
    toelichting,
    hoe_gemeten,
    voorlopig
from kpi.beleidsclaims
order by volgorde
