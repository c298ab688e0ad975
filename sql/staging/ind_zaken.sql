-- stg.ind_zaken: IND case events, latest delivery per event month (a re-delivered month (by delivery date)
-- replaces the earlier delivery of that month as a whole). Grain: zaak_id x gebeurtenis.
-- Case-level: stays in the internal warehouse, never published. Staged per month (pipelines/lib/staging.py):
-- this select gives the rows of the event months $perioden ('yyyy-mm') from the delivery that
-- meta.stg_perioden holds as current for each; only the months whose current delivery changed are staged again.
select
    r.zaak_id,
    r.procedure,
    r.nationaliteit,
    r.gebeurtenis,
    r.datum,
    cast(date_trunc('month', r.datum) as date) as maand,
    s.revisies,
    r._delivery_id,
    r._periode
from raw.ind_zaken r
join meta.stg_perioden s
    on s.source = 'ind_zaken' and s.periode = r._periode and s.delivery_id = r._delivery_id
where list_contains($perioden, r._periode)
