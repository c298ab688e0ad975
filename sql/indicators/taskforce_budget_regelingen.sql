-- kpi.taskforce_budget_regelingen: the budget lines of the taskforce internationale migratie.
-- Grain: hoofdstuk x artikel x artikelonderdeel x instrument x regeling x jaar; bedrag x EUR 1.000.
-- The lines are those listed in ref.taskforce_regelingen (data/reference/taskforce_regelingen.csv;
-- columns hoofdstuk, artikel, artikelonderdeel, regeling, oda); an empty regeling there means the whole
-- artikelonderdeel. Amounts: uitgaven (vuo 'U') of the latest begrotingsjaar per hoofdstuk in
-- editie.budgettaire_tabel. begroting: XVII = BHO (Buitenlandse Handel en Ontwikkelingshulp), XX = AenM.
-- oda = true when the list marks the line as ODA (ODA / ja / true / 1).
-- begroting: BHO (XVII), AenM (XX) of het hoofdstuk.
-- t_offset: jaar - begrotingsjaar (-2 .. +4).
-- bedrag: Uitgaven x EUR 1.000.
create or replace table kpi.taskforce_budget_regelingen as
with lijst as (
    select distinct
        trim(hoofdstuk) as hoofdstuk,
        cast(trim(artikel) as integer) as artikel,
        trim(artikelonderdeel) as artikelonderdeel,
        nullif(trim(regeling), '') as regeling,
        lower(trim(oda)) in ('oda', 'ja', 'j', 'true', '1', 'yes', 'y', 'waar') as oda
    from ref.taskforce_regelingen
),
laatste as (
    select hoofdstuk, max(begrotingsjaar) as begrotingsjaar
    from editie.budgettaire_tabel
    group by hoofdstuk
)
select
    b.begrotingsjaar,
    b.hoofdstuk,
    case b.hoofdstuk when 'XVII' then 'BHO' when 'XX' then 'AenM' else b.hoofdstuk end as begroting,
    b.artikel,
    b.artikelnaam,
    b.artikelonderdeel,
    b.artikelonderdeelnaam,
    b.instrument,
    b.regeling,
    l.oda,
    b.jaar,
    b.t_offset,
    cast(sum(b.bedrag) as bigint) as bedrag,
    bool_or(b.voorlopig) as voorlopig,
    max(b.revisies) as revisies
from editie.budgettaire_tabel b
join laatste using (hoofdstuk, begrotingsjaar)
join lijst l
    on l.hoofdstuk = b.hoofdstuk
    and l.artikel = b.artikel
    and l.artikelonderdeel = b.artikelonderdeel
    and (l.regeling is null or l.regeling = b.regeling)
where b.vuo = 'U'
group by all
order by b.hoofdstuk, b.artikel, b.artikelonderdeel, b.instrument, b.regeling, b.jaar
