-- ref.nationaliteiten: CBS nationality codes with ISO 3166 alpha-3 and the Dutch name
-- (data/reference/nationaliteiten.csv).
-- cbs_code: CBS-code van de nationaliteit (R + 6 cijfers).
-- iso_alpha3: ISO 3166-1 alpha-3-code.
-- naam: Nederlandse naam van de nationaliteit.
create or replace table ref.nationaliteiten as
select cbs_code, iso_alpha3, naam
from read_csv(
    $pad,
    header = true,
    delim = ',',
    quote = '"',
    columns = {'cbs_code': 'varchar', 'iso_alpha3': 'varchar', 'naam': 'varchar'}
)
order by cbs_code
