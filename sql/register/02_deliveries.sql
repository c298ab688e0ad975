-- meta.deliveries: the deliveries register, one row per file ever offered (accepted or rejected),
-- never deleted; (source, sha256) is unique, so the same content is recognised under any name.
create table if not exists meta.deliveries (
    delivery_id BIGINT primary key,
    source VARCHAR not null,
    file_name VARCHAR not null,
    file_path VARCHAR not null,
    sha256 VARCHAR not null,
    size_bytes BIGINT not null,
    received_at TIMESTAMP not null,
    status VARCHAR not null check (status in ('accepted', 'rejected')),
    row_count BIGINT not null,
    periods VARCHAR[] not null,
    contract_version VARCHAR not null,
    error_count BIGINT not null,
    warning_count BIGINT not null,
    reasons VARCHAR,
    quarantine_path VARCHAR,
    run_id VARCHAR,
    unique (source, sha256)
)
