-- beleidsclaims: the rows that break rule gemeten_bij_oordeel (none when it holds).
-- melding: kpi.beleidsclaims {claim_id}: status {status} zonder gemeten waarde
select claim_id, status from kpi.beleidsclaims
where status in ('bevestigd', 'afwijkend') and gemeten is null
