-- rapportage.leveringen: het leveringenregister zonder bestandspaden en zonder geleverde waarden.
-- Grain: levering (één bestand van een ketenpartner), alleen de leveringen waarop deze editie berust
-- (parameter $delivery_ids). Ook afgewezen leveringen staan erin, met de
-- regels die ze schonden; de waarden uit de afwijzingsredenen blijven intern (ze kunnen uit
-- zaakniveau-gegevens komen). Van bronnen op zaakniveau (ind_zaken; contract caseLevel) zijn de
-- aantallen afgerond op tientallen en onder 10 onderdrukt, en is de bestandsgrootte weggelaten.
-- Nederlandse kolomnamen voor analisten; de status als geaccepteerd of afgewezen.
-- leveringsnummer: Volgnummer van de levering in het register (oplopend in de volgorde waarin de pipeline de leveringen zag).
-- bron: Bron (datacontract), bv. coa_bezetting.
-- bestand: Bestandsnaam zoals geleverd (zonder map).
-- sha256: SHA-256 van het geleverde bestand; een identiek bestand wordt maar één keer geladen.
-- grootte_bytes: Grootte van het bestand in bytes (leeg bij bronnen op zaakniveau).
-- ontvangen: Moment (UTC) waarop de pipeline de levering voor het eerst zag.
-- status: geaccepteerd (geladen) of afgewezen (niets geladen, bewaard in quarantaine).
-- rijen: Aantal geladen rijen (0 bij afwijzing; zaakniveau: afgerond op tientallen, onder 10 leeg).
-- perioden: De perioden die de levering bevat, in het formaat van de bron (jjjj-mm, 2025MM05, 2025-H1, ...).
-- contractversie: Versie van het datacontract waartegen de levering is gecontroleerd.
-- fouten: Aantal fouten (regelschendingen met ernst error); groter dan 0 betekent afgewezen (zaakniveau: afgerond, onder 10 leeg).
-- waarschuwingen: Aantal waarschuwingen (geladen, wel gemeld; zaakniveau: afgerond, onder 10 leeg).
-- geschonden_regels: De contractregels die de levering schond (fouten), zonder de waarden.
-- run_id: Dagster-run die de levering inlas.
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
