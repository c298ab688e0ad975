-- beleidsclaims: the rows that break rule status_toegestaan (none when it holds).
-- melding: kpi.beleidsclaims {claim_id}: status '{status}' is niet bevestigd / afwijkend / geen
--   data
select claim_id, status from kpi.beleidsclaims
where status not in ('bevestigd', 'afwijkend', 'geen data')
