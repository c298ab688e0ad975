-- meta.delivery_order: the order of a source's accepted deliveries in time: the date a delivery
-- carries in its name (begrotingsstaten_2026-06-03.csv; never later than its arrival), else the
-- day it arrived; arrival order breaks ties. The regular expression is
-- pipelines.lib.landingsmap.DATE_IN_NAME (kept equal by a test), which delivery_date applies in
-- Python. The file name and the periods it holds come along, so that the views and checks over
-- it need no second join with meta.deliveries.
create or replace view meta.delivery_order as
select delivery_id, source, leveringsdatum,
       row_number() over (partition by source order by leveringsdatum, delivery_id) as volgorde,
       file_name, periods
from (
    select delivery_id, source, file_name, periods,
           least(
               coalesce(
                   try_strptime(
                       regexp_extract(file_name, '((?:19|20)\d{2}-\d{2}-\d{2})', 1), '%Y-%m-%d'
                   )::date,
                   received_at::date
               ),
               received_at::date
           ) as leveringsdatum
    from meta.deliveries
    where status = 'accepted'
)
