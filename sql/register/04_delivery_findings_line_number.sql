-- Warehouses from before line_number: the column is added, older findings keep it empty.
alter table meta.delivery_findings add column if not exists line_number INTEGER
