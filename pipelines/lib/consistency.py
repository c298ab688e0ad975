"""Does the whole contract still hold on what was accepted?

The per-delivery validation guards each file; this guards the sum of them: the contract's
suite run over the current state (latest delivery per period, across all deliveries), and
the bookkeeping between `raw.<source>` and the deliveries register. It fails only on a real
inconsistency, so it can block everything downstream.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from pipelines.lib.contracts import Contract
from pipelines.lib.validation import Finding, run_suite


@dataclass
class ConsistencyReport:
    source: str
    rows_checked: int
    findings: list[Finding]
    counts: dict[str, int]
    bookkeeping: list[str]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def passed(self) -> bool:
        return not self.errors and not self.bookkeeping


def _current_state_sql(contract: Contract) -> str:
    cols = [f'r."{c}"' for c in contract.polars_schema()]
    return f"""
        with latest as (
            select r._periode, max_by(r._delivery_id, o.volgorde) as _delivery_id
            from {contract.raw_table} r
            join meta.delivery_order o on o.delivery_id = r._delivery_id
            group by r._periode
        )
        select {", ".join(cols)}, d.file_name as _file_name, r._row_number
        from {contract.raw_table} r
        join latest l using (_periode, _delivery_id)
        join meta.deliveries d on d.delivery_id = r._delivery_id
        order by r._delivery_id, r._row_number
    """


_BOOKKEEPING_SQL = """
    select coalesce(d.delivery_id, r._delivery_id), coalesce(d.file_name, 'onbekend bestand'),
           coalesce(d.status, 'niet geregistreerd'), coalesce(d.row_count, 0), count(r._delivery_id) as raw_rows
    from meta.deliveries d
    full outer join (select _delivery_id from {table}) r on r._delivery_id = d.delivery_id
    where coalesce(d.source, $source) = $source
    group by d.delivery_id, r._delivery_id, d.file_name, d.status, d.row_count
    having d.delivery_id is null or d.status <> 'accepted' and count(r._delivery_id) > 0
        or d.status = 'accepted' and d.row_count <> count(r._delivery_id)
"""


def check_source(conn: duckdb.DuckDBPyConnection, contract: Contract) -> ConsistencyReport:
    state = conn.sql(_current_state_sql(contract)).pl()
    bookkeeping = [
        f"levering {row[0]} ({row[1]}, status {row[2]}): register zegt {row[3]} rijen, raw bevat er {row[4]}"
        for row in conn.execute(
            _BOOKKEEPING_SQL.format(table=contract.raw_table), {"source": contract.source}
        ).fetchall()
    ]
    if state.is_empty():
        return ConsistencyReport(contract.source, 0, [], {}, bookkeeping)
    frame = state.drop("_file_name", "_row_number")
    findings, counts = run_suite(contract, frame, contract.raw_table)
    # Point each finding at the delivery file and row it came from.
    located = []
    for f in findings:
        if f.row is None or f.kind == "row_count":
            located.append(f)
            continue
        file_name, row_number = state["_file_name"][f.row - 1], state["_row_number"][f.row - 1]
        located.append(Finding(file_name, row_number, f.column, f.rule, f.kind, f.severity, f.value, f.description))
    return ConsistencyReport(contract.source, state.height, located, counts, bookkeeping)
