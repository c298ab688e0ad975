-- rapportage.datakwaliteit: per bron de stand van de leveringen bij deze publicatie.
-- Grain: bron (alle bronnen uit de datacontracten, ook zonder leveringen). Parameter $maand: de eerste
-- dag van de verslagmaand; $delivery_ids: de leveringen waarop de editie berust (null: het hele register).
-- Verwacht de relatie bronnen(bron, ketenpartner, contractversie, contractcheck, cadans, gedekt,
-- gegevens_tm) uit pipelines.lib.editie: één definitie van actualiteit voor rapport, snapshot en status.
-- bron: Bron (datacontract), bv. coa_bezetting.
-- ketenpartner: De ketenpartner die de bron levert (IND, COA, CBS, ...).
-- contractversie: Huidige versie van het datacontract van de bron.
-- contractcheck: Uitkomst van de blokkerende Dagster-check 'contract' in deze run: geslaagd, mislukt of onbekend.
-- leveringen_geaccepteerd: Aantal geaccepteerde leveringen van de bron tot nu toe.
-- leveringen_afgewezen: Aantal afgewezen leveringen van de bron tot nu toe (bewaard in quarantaine).
-- laatste_levering: Bestandsnaam van de laatst geaccepteerde levering.
-- laatste_levering_ontvangen: Moment (UTC) waarop de laatst geaccepteerde levering binnenkwam.
-- laatste_periode: De meest recente periode in de geaccepteerde leveringen die begint op of voor de verslagmaand, in het formaat van de bron.
-- laatste_maand: De meest recente maand tot en met de verslagmaand in de geaccepteerde leveringen (alleen maandbronnen).
-- maanden_achter: Aantal maanden tussen laatste_maand en de verslagmaand (alleen maandbronnen; CBS mag één maand achter lopen).
-- actueel: Waar als de bron de verslagmaand dekt zoals haar contract vraagt (maand, halfjaar, begrotingsjaar of
--   MPP-editie van ten hoogste twaalf maanden oud); onwaar maakt de editie onvolledig.
-- openstaande_afwijzingen: Afgewezen leveringen na de laatst geaccepteerde levering: een correctie wordt nog verwacht.
-- laatste_afwijzing: Bestandsnaam van de laatst afgewezen levering.
with leveringen as (
    select * from meta.deliveries
    where $delivery_ids is null or list_contains(cast($delivery_ids as bigint[]), delivery_id)
),
perioden as (
    select
        d.source,
        p.periode,
        meta.periode_begin(p.periode) as begin
    from leveringen d, unnest(d.periods) as p(periode)
    where d.status = 'accepted'
),
per_bron as (
    select source, max(periode) as laatste_periode
    from perioden
    where begin <= cast($maand as date)
    group by source
),
tellingen as (
    select
        source,
        count(*) filter (where status = 'accepted') as leveringen_geaccepteerd,
        count(*) filter (where status = 'rejected') as leveringen_afgewezen,
        max(delivery_id) filter (where status = 'accepted') as laatste_geaccepteerd_id,
        max(delivery_id) filter (where status = 'rejected') as laatste_afgewezen_id
    from leveringen
    group by source
)
select
    b.bron,
    b.ketenpartner,
    b.contractversie,
    b.contractcheck,
    coalesce(t.leveringen_geaccepteerd, 0) as leveringen_geaccepteerd,
    coalesce(t.leveringen_afgewezen, 0) as leveringen_afgewezen,
    a.file_name as laatste_levering,
    a.received_at as laatste_levering_ontvangen,
    p.laatste_periode,
    case when b.cadans = 'maand' then cast(b.gegevens_tm as date) end as laatste_maand,
    case when b.cadans = 'maand' and b.gegevens_tm is not null
        then date_diff('month', cast(b.gegevens_tm as date), cast($maand as date)) end as maanden_achter,
    b.gedekt as actueel,
    (select count(*) from leveringen r
     where r.source = b.bron and r.status = 'rejected'
       and r.delivery_id > coalesce(t.laatste_geaccepteerd_id, 0)) as openstaande_afwijzingen,
    r.file_name as laatste_afwijzing
from bronnen b
left join tellingen t on t.source = b.bron
left join per_bron p on p.source = b.bron
left join meta.deliveries a on a.delivery_id = t.laatste_geaccepteerd_id
left join meta.deliveries r on r.delivery_id = t.laatste_afgewezen_id
order by b.bron
