-- beleidsclaims: the rows that break rule claims_compleet (none when it holds).
-- melding: kpi.beleidsclaims: claim {claim_id} komt {aantal} keer voor in plaats van 1 keer
select c.claim_id, count(b.claim_id) as aantal
from (select unnest($claim_ids) as claim_id) c
left join kpi.beleidsclaims b using (claim_id)
group by c.claim_id having count(b.claim_id) <> 1
