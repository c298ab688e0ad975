"""Does the whole contract still hold on what was accepted?

The per-delivery validation guards each file; this guards the sum of them: the contract's
suite run over the current state (latest delivery per period, across all deliveries), and
the bookkeeping between `raw.<source>` and the deliveries register. It fails only on a real
inconsistency, so it can block everything downstream.

Case-level sources (ind_zaken) hold millions of rows, so for them the check is incremental:
`meta.contract_perioden` remembers which delivery of each period passed under which contract
version, and only periods whose current delivery changed are looked at. The suite ran on each
of those deliveries, whole, when it was accepted; it runs again (in bounded chunks of periods)
only for deliveries accepted under another contract version. The rule that spans periods, the
key, is checked in SQL for the changed periods' rows against every other current period. The
state is written only when the whole check passes, so what it remembers held on the whole
current state at that moment.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from pipelines.lib.bevindingen import MAX_FINDINGS_PER_RULE, Finding
from pipelines.lib.contracts import Contract
from pipelines.lib.verwachtingen import run_suite
from pipelines.lib.warehouse import transaction

CHECKED_DDL = """create table if not exists meta.contract_perioden (
    source VARCHAR, periode VARCHAR, delivery_id BIGINT, contract_version VARCHAR,
    primary key (source, periode))"""
# At most this many rows go through the suite at once (whole periods; a larger period goes alone).
CHUNK_ROWS = 500_000


@dataclass
class ConsistencyReport:
    source: str
    rows_checked: int
    findings: list[Finding]
    counts: dict[str, int]
    bookkeeping: list[str]
    suite_rows: int | None = (
        None  # case-level: rows the suite ran over again (None: all rows_checked)
    )

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def passed(self) -> bool:
        return not self.errors and not self.bookkeeping


def _current_state_sql(contract: Contract) -> str:
    cols = [f'r."{c}"' for c in contract.polars_schema()]
    return f"""
        select {", ".join(cols)}, d.file_name as _file_name, r._row_number
        from {contract.raw_table} r
        join meta.huidige_levering l on l.source = '{contract.source}'
            and l.periode = r._periode and l.delivery_id = r._delivery_id
        join meta.deliveries d on d.delivery_id = r._delivery_id
        order by r._delivery_id, r._row_number
    """


_BOOKKEEPING_SQL = (
    """
    select coalesce(d.delivery_id, r._delivery_id), coalesce(d.file_name, 'onbekend bestand'),
           coalesce(d.status, 'niet geregistreerd'), coalesce(d.row_count, 0), """
    """count(r._delivery_id) as raw_rows
    from meta.deliveries d
    full outer join (select _delivery_id from {table}) r on r._delivery_id = d.delivery_id
    where coalesce(d.source, $source) = $source
    group by d.delivery_id, r._delivery_id, d.file_name, d.status, d.row_count
    having d.delivery_id is null or d.status <> 'accepted' and count(r._delivery_id) > 0
        or d.status = 'accepted' and d.row_count <> count(r._delivery_id)
"""
)


def _bookkeeping(conn: duckdb.DuckDBPyConnection, contract: Contract) -> list[str]:
    return [
        f"levering {row[0]} ({row[1]}, status {row[2]}): register zegt {row[3]} rijen, "
        f"raw bevat er {row[4]}"
        for row in conn.execute(
            _BOOKKEEPING_SQL.format(table=contract.raw_table), {"source": contract.source}
        ).fetchall()
    ]


def _located(
    state_names: list[str], state_rows: list[int], findings: list[Finding]
) -> list[Finding]:
    """Point each finding at the delivery file and row it came from."""
    located = []
    for f in findings:
        if f.row is None or f.kind == "row_count":
            located.append(f)
            continue
        located.append(
            Finding(
                state_names[f.row - 1],
                state_rows[f.row - 1],
                f.column,
                f.rule,
                f.kind,
                f.severity,
                f.value,
                f.description,
            )
        )
    return located


def check_source(conn: duckdb.DuckDBPyConnection, contract: Contract) -> ConsistencyReport:
    if contract.case_level:
        return _check_incremental(conn, contract)
    state = conn.sql(_current_state_sql(contract)).pl()
    bookkeeping = _bookkeeping(conn, contract)
    if state.is_empty():
        return ConsistencyReport(contract.source, 0, [], {}, bookkeeping)
    frame = state.drop("_file_name", "_row_number")
    findings, counts = run_suite(contract, frame, contract.raw_table)
    located = _located(state["_file_name"].to_list(), state["_row_number"].to_list(), findings)
    return ConsistencyReport(contract.source, state.height, located, counts, bookkeeping)


def _chunks(sizes: list[tuple[str, int]]) -> list[list[str]]:
    chunks: list[list[str]] = []
    rows = 0
    for period, n in sizes:
        if not chunks or rows + n > CHUNK_ROWS:
            chunks.append([])
            rows = 0
        chunks[-1].append(period)
        rows += n
    return chunks


def _check_incremental(conn: duckdb.DuckDBPyConnection, contract: Contract) -> ConsistencyReport:
    from pipelines.lib.staging import CURRENT_SQL  # the register's current delivery per period

    conn.execute(CHECKED_DDL)
    bookkeeping = _bookkeeping(conn, contract)
    conn.execute(
        f"create or replace temp table contract_huidig as {CURRENT_SQL}",
        {"source": contract.source},
    )
    todo = [
        r[0]
        for r in conn.execute(
            """select h.periode from contract_huidig h
           left join meta.contract_perioden c on c.source = $s and c.periode = h.periode
           where c.delivery_id is distinct from h.delivery_id """
            """or c.contract_version is distinct from $v
           order by 1""",
            {"s": contract.source, "v": contract.version},
        ).fetchall()
    ]
    table = contract.raw_table
    sizes = conn.execute(
        """select r._periode, count(*) as rijen, """
        f"""any_value(d.contract_version) = $v as al_gevalideerd
            from {table} r
            join contract_huidig h on h.periode = r._periode and h.delivery_id = r._delivery_id
            join meta.deliveries d on d.delivery_id = r._delivery_id
            where list_contains($p, r._periode) group by 1 order by 1""",
        {"p": todo, "v": contract.version},
    ).fetchall()
    # validated whole by this contract version when accepted; only the key across periods is new
    changed_rows = sum(n for _, n, _ in sizes)
    sizes = [(period, n) for period, n, validated in sizes if not validated]
    cols = ", ".join(f'r."{c}"' for c in contract.polars_schema())
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    checked = 0
    for chunk in _chunks(sizes):
        state = conn.sql(
            f"""select {cols}, d.file_name as _file_name, r._row_number from {table} r
                join contract_huidig h on h.periode = r._periode and h.delivery_id = r._delivery_id
                join meta.deliveries d on d.delivery_id = r._delivery_id
                where list_contains($p, r._periode)
                order by r._delivery_id, r._row_number""",
            params={"p": chunk},
        ).pl()
        found, found_counts = run_suite(contract, state.drop("_file_name", "_row_number"), table)
        for f in _located(state["_file_name"].to_list(), state["_row_number"].to_list(), found):
            if sum(1 for g in findings if g.rule == f.rule) < MAX_FINDINGS_PER_RULE:
                findings.append(f)
        for rule, n in found_counts.items():
            counts[rule] = counts.get(rule, 0) + n
        checked += state.height
        del state
    key_findings, key_count = _key_across_periods(conn, contract, todo)
    if key_count:
        findings.extend(key_findings)
        rule = key_findings[0].rule
        counts[rule] = counts.get(rule, 0) + key_count
    report = ConsistencyReport(
        contract.source, changed_rows, findings, counts, bookkeeping, suite_rows=checked
    )
    if report.passed and todo:
        with transaction(conn):
            conn.execute(
                "delete from meta.contract_perioden where source = $s "
                "and list_contains($p, periode)",
                {"s": contract.source, "p": todo},
            )
            conn.execute(
                """insert into meta.contract_perioden select $s, periode, delivery_id, $v
                            from contract_huidig where list_contains($p, periode)""",
                {"s": contract.source, "v": contract.version, "p": todo},
            )
    conn.execute("drop table contract_huidig")
    return report


def _key_across_periods(
    conn: duckdb.DuckDBPyConnection, contract: Contract, todo: list[str]
) -> tuple[list[Finding], int]:
    """Rows of the periods in `todo` whose key also occurs in another current period (within a
    period the suite checks it). A join on the key: the new rows against the current state."""
    key = contract.primary_key
    if not key or not todo:
        return [], 0
    rule = next(r for r in contract.rules if r.kind == "primary_key")
    keys = ", ".join(f'r."{k}"' for k in key)
    on = " and ".join(f'n."{k}" = a."{k}"' for k in key)
    # The todo rows first, on their own: their exact size lets DuckDB build the join on them and
    # stream the whole current state past it once.
    conn.execute(
        f"""create or replace temp table contract_nieuw as
            select {keys}, r._periode, r._delivery_id, r._row_number from {contract.raw_table} r
            join contract_huidig h on h.periode = r._periode and h.delivery_id = r._delivery_id
            where list_contains($p, r._periode)""",
        {"p": todo},
    )
    rows = conn.execute(
        f"""with dubbel as (
                select distinct n._delivery_id, n._row_number
                from {contract.raw_table} a
                join contract_huidig h on h.periode = a._periode and h.delivery_id = a._delivery_id
                join contract_nieuw n on {on} and a._periode <> n._periode
            )
            select d.file_name, x._row_number, count(*) over () as totaal
            from dubbel x join meta.deliveries d on d.delivery_id = x._delivery_id
            order by x._delivery_id, x._row_number
            limit {MAX_FINDINGS_PER_RULE}"""
    ).fetchall()
    conn.execute("drop table contract_nieuw")
    if not rows:
        return [], 0
    column = ", ".join(contract.column(k).header for k in key)
    description = f"{rule.description} De sleutel komt ook voor in een andere maand."
    return (
        [
            Finding(name, row, column, rule.rule_id, rule.kind, rule.severity, None, description)
            for name, row, _ in rows
        ],
        int(rows[0][2]),
    )
