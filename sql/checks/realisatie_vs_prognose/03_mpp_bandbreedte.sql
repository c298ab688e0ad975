-- realisatie_vs_prognose: the rows that break rule mpp_bandbreedte (none when it holds).
-- melding: kpi.realisatie_vs_prognose {jaar}: MPP {mpp_editie} min {mpp_min} / midden {mpp_midden}
--   / max {mpp_max} niet oplopend
select distinct jaar, mpp_editie, mpp_min, mpp_midden, mpp_max from kpi.realisatie_vs_prognose
where mpp_min > mpp_midden or mpp_midden > mpp_max
