-- rapportage.leveringen: het leveringenregister zonder bestandspaden en zonder geleverde waarden.
-- Grain: levering (één bestand van een ketenpartner), alleen de leveringen waarop deze editie berust
-- (parameter $delivery_ids). Ook afgewezen leveringen staan erin, met de
-- regels die ze schonden; de waarden uit de afwijzingsredenen blijven intern (ze kunnen uit
-- zaakniveau-gegevens komen). Van bronnen op zaakniveau (ind_zaken; contract caseLevel) zijn de
-- aantallen afgerond op tientallen en onder 10 onderdrukt, en is de bestandsgrootte weggelaten.
-- Nederlandse kolomnamen voor analisten; hun beschrijving staat in sql/publish/commentaar.yaml.
select
    d.delivery_id as leveringsnummer,
    d.source as bron,
    d.file_name as bestand,
    d.sha256,
    case when d.source in ('ind_zaken') then null else d.size_bytes end as grootte_bytes,
    d.received_at as ontvangen,
    case d.status when 'accepted' then 'geaccepteerd' when 'rejected' then 'afgewezen' else d.status end as status,
    case when d.source in ('ind_zaken') then kpi.openbaar_aantal(d.row_count) else d.row_count end as rijen,
    d.periods as perioden,
    d.contract_version as contractversie,
    case when d.source in ('ind_zaken') then kpi.openbaar_aantal(d.error_count) else d.error_count end as fouten,
    case when d.source in ('ind_zaken') then kpi.openbaar_aantal(d.warning_count) else d.warning_count end
        as waarschuwingen,
    coalesce(
        (select list(distinct f.rule order by f.rule) from meta.delivery_findings f
         where f.delivery_id = d.delivery_id and f.severity = 'error'),
        []::varchar[]
    ) as geschonden_regels,
    d.run_id
from meta.deliveries d
where list_contains(cast($delivery_ids as bigint[]), d.delivery_id)
order by d.delivery_id
