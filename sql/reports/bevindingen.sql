-- Report context: the findings of rejected deliveries (rule, column, row and line, value, message), for the
-- chapter Datakwaliteit en bronnen. Grain: finding. At most $max_per_levering per delivery.
select
    f.delivery_id,
    f.source,
    f.file_name,
    f.row_number,
    f.line_number,
    f.column_name,
    f.rule,
    f.severity,
    f.value,
    f.message,
    f.occurrences
from (
    select
        *,
        row_number() over (
            partition by delivery_id
            order by case severity when 'error' then 0 else 1 end, row_number nulls first, rule, column_name
        ) as rang
    from meta.delivery_findings
) f
join meta.deliveries d using (delivery_id)
where d.status = 'rejected' and f.rang <= $max_per_levering
order by f.source, f.delivery_id, f.rang
