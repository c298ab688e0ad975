-- ref.gemeenten: the gemeenten of the Netherlands (data/reference/gemeenten.csv; CBS gemeentecode
-- GM + 4 digits), the names the reports show. The contracts of taakstelling and
-- huisvesting_realisatie accept only codes from this list.
-- gemeentecode: CBS-gemeentecode (GM + 4 cijfers).
-- gemeentenaam: Naam van de gemeente.
-- provinciecode: CBS-provinciecode (PV + 2 cijfers).
-- provincienaam: Naam van de provincie.
-- inwoners: Aantal inwoners op 1 januari van het peiljaar.
-- peiljaar: Jaar waarop het aantal inwoners betrekking heeft.
create or replace table ref.gemeenten as
select gemeentecode, gemeentenaam, provinciecode, provincienaam, inwoners, peiljaar
from read_csv(
    $pad,
    header = true,
    delim = ',',
    quote = '"',
    columns = {
        'gemeentecode': 'varchar',
        'gemeentenaam': 'varchar',
        'provinciecode': 'varchar',
        'provincienaam': 'varchar',
        'inwoners': 'integer',
        'peiljaar': 'integer'
    }
)
order by gemeentecode
