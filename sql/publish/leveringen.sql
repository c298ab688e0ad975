-- rapportage.leveringen: het leveringenregister zonder bestandspaden en zonder geleverde waarden.
-- Grain: levering (één bestand van een ketenpartner), alleen de leveringen waarop deze editie berust
-- (parameter $delivery_ids). Ook afgewezen leveringen staan erin, met de
-- regels die ze schonden; de waarden uit de afwijzingsredenen blijven intern (ze kunnen uit
-- zaakniveau-gegevens komen). Van bronnen op zaakniveau (ind_zaken; contract caseLevel) zijn de
-- aantallen afgerond op tientallen en onder 10 onderdrukt, en is de bestandsgrootte weggelaten.
-- delivery_id: Volgnummer van de levering in het register (oplopend in de volgorde waarin de pipeline de leveringen zag).
-- source: Bron (datacontract), bv. coa_bezetting.
-- file_name: Bestandsnaam zoals geleverd (zonder map).
-- sha256: SHA-256 van het geleverde bestand; een identiek bestand wordt maar één keer geladen.
-- size_bytes: Grootte van het bestand in bytes (leeg bij bronnen op zaakniveau).
-- received_at: Moment (UTC) waarop de pipeline de levering voor het eerst zag.
-- status: accepted (geladen) of rejected (afgewezen, niets geladen, bewaard in quarantaine).
-- row_count: Aantal geladen rijen (0 bij afwijzing; zaakniveau: afgerond op tientallen, onder 10 leeg).
-- periods: De perioden die de levering bevat, in het formaat van de bron (jjjj-mm, 2025MM05, 2025-H1, ...).
-- contract_version: Versie van het datacontract waartegen de levering is gecontroleerd.
-- error_count: Aantal fouten (regelschendingen met ernst error); groter dan 0 betekent afgewezen (zaakniveau: afgerond, onder 10 leeg).
-- warning_count: Aantal waarschuwingen (geladen, wel gemeld; zaakniveau: afgerond, onder 10 leeg).
-- broken_rules: De contractregels die de levering schond (fouten), zonder de waarden.
-- run_id: Dagster-run die de levering inlas.
select
    d.delivery_id,
    d.source,
    d.file_name,
    d.sha256,
    case when d.source in ('ind_zaken') then null else d.size_bytes end as size_bytes,
    d.received_at,
    d.status,
    case when d.source in ('ind_zaken') then kpi.openbaar_aantal(d.row_count) else d.row_count end as row_count,
    d.periods,
    d.contract_version,
    case when d.source in ('ind_zaken') then kpi.openbaar_aantal(d.error_count) else d.error_count end as error_count,
    case when d.source in ('ind_zaken') then kpi.openbaar_aantal(d.warning_count) else d.warning_count end
        as warning_count,
    coalesce(
        (select list(distinct f.rule order by f.rule) from meta.delivery_findings f
         where f.delivery_id = d.delivery_id and f.severity = 'error'),
        []::varchar[]
    ) as broken_rules,
    d.run_id
from meta.deliveries d
where list_contains(cast($delivery_ids as bigint[]), d.delivery_id)
order by d.delivery_id
