-- rapportage.publicatie: waar deze snapshot vandaan komt. Grain: één rij (deze publicatie).
-- run_id: Dagster-run die deze snapshot publiceerde (ook te vinden in de Dagster UI).
-- partitie: De verslagmaand (Dagster-partitie), eerste dag van de maand.
-- gepubliceerd_op: Moment (UTC) waarop de snapshot is gebouwd.
-- editie: Editie-id: afgeleid van de verslagmaand, de codeversie en de sha256 van de leveringen waarop de editie berust.
-- codeversie: Versie van de Ketenmonitor-code (pakketversie + hash van code, SQL, contracten en sjablonen).
-- invoer_sha256: SHA-256 over de gesorteerde sha256-waarden van de leveringen waarop de editie berust.
-- vorige_editie: De editie van de maand ervoor waarmee deze editie is vergeleken (rapportage.bijstellingen_editie); leeg als die er niet was.
-- volledig: Waar als elke bron de verslagmaand dekt; onwaar voor een onvolledige editie.
-- ontbrekende_bronnen: De bronnen die de verslagmaand niet dekken (bij een onvolledige editie), met tot wanneer ze reiken.
-- bronbestanden: De geaccepteerde leveringen waarop deze editie berust: bron, bestand en sha256.
-- tabellen: De tabellen in schema rapportage van deze snapshot.
-- niet_gepubliceerd: kpi-tabellen die bewust niet zijn gepubliceerd, met de reden.
select
    $run_id as run_id,
    cast($partitie as date) as partitie,
    cast($gepubliceerd_op as timestamp) as gepubliceerd_op,
    $editie as editie,
    $codeversie as codeversie,
    $invoer_sha256 as invoer_sha256,
    cast($vorige_editie as varchar) as vorige_editie,
    cast($volledig as boolean) as volledig,
    cast($ontbrekende_bronnen as varchar[]) as ontbrekende_bronnen,
    coalesce(
        (select list({'bron': d.source, 'bestand': d.file_name, 'sha256': d.sha256} order by d.delivery_id)
         from meta.deliveries d where list_contains(cast($delivery_ids as bigint[]), d.delivery_id)),
        []
    ) as bronbestanden,
    cast($tabellen as varchar[]) as tabellen,
    cast($niet_gepubliceerd as varchar[]) as niet_gepubliceerd
