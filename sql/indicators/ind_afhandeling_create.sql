-- kpi.ind_afhandeling: the table the monthly IND afhandeling rows are written into (see ind_afhandeling.sql).
-- Exact counts from case-level data: internal only; reports and publication use kpi.ind_afhandeling_openbaar.
create table if not exists kpi.ind_afhandeling (
    maand date not null,
    procedure varchar not null,
    aanvragen bigint not null,
    inwilligingen bigint not null,
    afwijzingen bigint not null,
    intrekkingen bigint not null,
    beslissingen bigint not null,
    inwilligingspercentage double,
    afgehandeld bigint not null,
    voorraad bigint,
    voorraad_berekening varchar,
    doorlooptijd_n bigint not null,
    doorlooptijd_mediaan_dagen double,
    doorlooptijd_p90_dagen double,
    binnen_termijn bigint not null,
    binnen_termijn_pct double,
    basis_levering bigint,
    revisies bigint,
    primary key (maand, procedure)
)
