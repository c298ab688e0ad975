-- meta.periode_begin(p): the first day of the first month a delivery period covers, for every period
-- format the sources use: '2025-05' and '2025-05-31' (month), '2025MM05', '2025KW02', '2025JJ00' (CBS),
-- '2025-H1' (half-year), '2025' (year), '2025-voorjaar' / '2025-najaar' (MPP: April / October).
-- Null for anything else. The SQL twin of pipelines.lib.perioden.periode_bereik (kept equal by a test).
create or replace macro meta.periode_begin(p) as
case
    when regexp_full_match(trim(p), '\d{4}-(0[1-9]|1[0-2])(-\d{2})?')
        then make_date(cast(trim(p)[1:4] as integer), cast(trim(p)[6:7] as integer), 1)
    when regexp_full_match(trim(p), '\d{4}MM(0[1-9]|1[0-2])')
        then make_date(cast(trim(p)[1:4] as integer), cast(trim(p)[7:8] as integer), 1)
    when regexp_full_match(trim(p), '\d{4}KW0[1-4]')
        then make_date(cast(trim(p)[1:4] as integer), 3 * cast(trim(p)[8:8] as integer) - 2, 1)
    when regexp_full_match(trim(p), '\d{4}-H[12]')
        then make_date(cast(trim(p)[1:4] as integer), 6 * cast(trim(p)[7:7] as integer) - 5, 1)
    when regexp_full_match(trim(p), '\d{4}-voorjaar')
        then make_date(cast(trim(p)[1:4] as integer), 4, 1)
    when regexp_full_match(trim(p), '\d{4}-najaar')
        then make_date(cast(trim(p)[1:4] as integer), 10, 1)
    when regexp_full_match(trim(p), '\d{4}(JJ00)?')
        then make_date(cast(trim(p)[1:4] as integer), 1, 1)
end
