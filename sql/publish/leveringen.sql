-- rapportage.leveringen: het leveringenregister zonder bestandspaden en zonder geleverde waarden.
-- Grain: levering (één bestand van een ketenpartner), alleen de leveringen waarop deze editie berust
-- (parameter $delivery_ids). Ook afgewezen leveringen staan erin, met de
-- regels die ze schonden; de waarden uit de afwijzingsredenen blijven intern (ze kunnen uit
-- zaakniveau-gegevens komen).
-- delivery_id: Volgnummer van de levering in het register (oplopend in de volgorde waarin de pipeline de leveringen zag).
-- source: Bron (datacontract), bv. coa_bezetting.
-- file_name: Bestandsnaam zoals geleverd (zonder map).
-- sha256: SHA-256 van het geleverde bestand; een identiek bestand wordt maar één keer geladen.
-- size_bytes: Grootte van het bestand in bytes.
-- received_at: Moment (UTC) waarop de pipeline de levering voor het eerst zag.
-- status: accepted (geladen) of rejected (afgewezen, niets geladen, bewaard in quarantaine).
-- row_count: Aantal geladen rijen (0 bij afwijzing).
-- periods: De perioden die de levering bevat, in het formaat van de bron (jjjj-mm, 2025MM05, 2025-H1, ...).
-- contract_version: Versie van het datacontract waartegen de levering is gecontroleerd.
-- error_count: Aantal fouten (regelschendingen met ernst error); groter dan 0 betekent afgewezen.
-- warning_count: Aantal waarschuwingen (geladen, wel gemeld).
-- broken_rules: De contractregels die de levering schond (fouten), zonder de waarden.
-- run_id: Dagster-run die de levering inlas.
select
    d.delivery_id,
    d.source,
    d.file_name,
    d.sha256,
    d.size_bytes,
    d.received_at,
    d.status,
    d.row_count,
    d.periods,
    d.contract_version,
    d.error_count,
    d.warning_count,
    coalesce(
        (select list(distinct f.rule order by f.rule) from meta.delivery_findings f
         where f.delivery_id = d.delivery_id and f.severity = 'error'),
        []::varchar[]
    ) as broken_rules,
    d.run_id
from meta.deliveries d
where list_contains(cast($delivery_ids as bigint[]), d.delivery_id)
order by d.delivery_id
