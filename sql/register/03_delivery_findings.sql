-- meta.delivery_findings: what validation found in a delivery, per file, row, column and rule.
-- line_number: the line an editor shows in a text file (header = 1); null for Parquet, JSON.
create table if not exists meta.delivery_findings (
    delivery_id BIGINT not null,
    source VARCHAR not null,
    file_name VARCHAR not null,
    row_number INTEGER,
    column_name VARCHAR,
    rule VARCHAR not null,
    severity VARCHAR not null,
    value VARCHAR,
    message VARCHAR not null,
    occurrences BIGINT not null,
    line_number INTEGER
)
