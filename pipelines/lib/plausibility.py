"""Plausibility against the source's own history (warning severity).

A delivery can pass every contract rule and still be wrong: a thousands dot read as a decimal
point, a truncated last field (25900 -> 259), a month delivered twice over. Contracts declare
which measures are watched (customProperty `plausibility`); each new period's total per group
is compared with the current figures of the same source (the latest delivery per
period, as staging takes it):

- a factor: more than `factor` times the previous period's value, or less than its 1/`factor`;
- a robust z-score of the step from the previous period: the change ln(1 + value) - ln(1 + previous)
  against the same changes over the last `history` periods, |0.6745 * (change - median) / MAD|
  above `robustZ` (MAD = median absolute deviation), and never for a step within a factor
  1 + `minStep` (default 2: doubling or halving; also the band of a series that never changed).
  Steps, not levels: a steady trend (housing tripling in a year) is no anomaly, a jump out of the
  usual month-to-month rhythm is;
- the same for the row count per period (`rowCount`), which catches half or double deliveries.

At least `minHistory` earlier steps are needed for the z-score. A flagged delivery still loads;
the warning names value, expected range and the history it was compared with.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb
import polars as pl

from pipelines.lib.bevindingen import MAX_FINDINGS_PER_RULE, Finding
from pipelines.lib.contracts import Contract, Plausibility
from pipelines.lib.formatting import getal

_Z = 0.6745  # MAD of a normal distribution in standard deviations


def _q(name: str) -> str:
    return '"' + name.replace('"', "") + '"'


@dataclass(frozen=True)
class Flag:
    measure: str  # a contract column, or "rijen" for the row count
    group: dict[str, object]
    periode: str
    value: float
    previous: float
    previous_periode: str
    low: float
    high: float
    periods: int
    first: str
    robust: bool  # the robust z-score of the step took part (the history varies enough)


def _series_sql(watch: Plausibility, relation: str, totals: list[tuple[str, str]]) -> str:
    """Per measure (`maat`), period and group the total of one relation, all measures stacked."""
    groups = "".join(f", {_q(g)}" for g in watch.group_by)
    return " union all ".join(
        f"select _periode as periode, {_literal(maat)} as maat{groups}, {value_sql} as waarde "
        f"from {relation} where {_where(watch)} group by _periode{groups}"
        for maat, value_sql in totals
    )


def _history_table(contract: Contract) -> str:
    return f"plausibiliteit_{contract.source}"


def _totals(watch: Plausibility, alias: str = "") -> list[tuple[str, str]]:
    """(measure, SQL total) per watched measure, and the row count when watched."""
    out = [(m, f"sum({alias}{_q(m)})") for m in watch.measures]
    return out + ([("rijen", "count(*)")] if watch.row_count else [])


def _values_sql(watch: Plausibility) -> str:
    """The totals of raw rows `r`, as the temp table's columns `w_<measure>`."""
    return ", ".join(
        f"{value_sql} as {_q('w_' + maat)}" for maat, value_sql in _totals(watch, "r.")
    )


def _history_ready(conn: duckdb.DuckDBPyConnection, contract: Contract, watch: Plausibility) -> str:
    """The connection's temp table of totals per delivery, period and group (made the first time
    this connection needs it), by name."""
    table = _history_table(contract)
    groups = "".join(f", r.{_q(g)}" for g in watch.group_by)
    values = _values_sql(watch)
    conn.execute(
        f"""create temp table if not exists {table} as
            select r._delivery_id as delivery_id, r._periode as periode{groups}, {values}
            from {contract.raw_table} r where false group by all"""
    )
    return table


def _add_totals(
    conn: duckdb.DuckDBPyConnection,
    contract: Contract,
    watch: Plausibility,
    deliveries: str,
    params: dict[str, object],
) -> None:
    """Total the raw rows of the deliveries that the query `deliveries` names, once each. A
    delivery's rows in raw never change. Each totalled delivery also gets a row without a period,
    so that one with no row to total is not read again; the history's join on the period leaves
    those rows out."""
    table = _history_ready(conn, contract, watch)
    groups = "".join(f", r.{_q(g)}" for g in watch.group_by)
    nulls = "".join(", null" for _ in [*watch.group_by, *_totals(watch)])
    values = _values_sql(watch)
    conn.execute(
        f"""
        insert into {table}
        with todo as ({deliveries} except select delivery_id from {table})
        select r._delivery_id, r._periode{groups}, {values}
        from {contract.raw_table} r
        where r._delivery_id in (select delivery_id from todo) and {_where(watch, "r.")}
        group by r._delivery_id, r._periode{groups}
        union all
        select delivery_id, null{nulls} from todo
        """,
        params,
    )


def remember(conn: duckdb.DuckDBPyConnection, contract: Contract, delivery_id: int) -> None:
    """Total a delivery just stored in raw for the plausibility of the next ones on this
    connection (a first load of years of files: each file compared with all before it), so that
    `flags` finds every current delivery totalled and need not look for the ones that are not."""
    if contract.plausibility is not None:
        _add_totals(
            conn,
            contract,
            contract.plausibility,
            "select $delivery_id as delivery_id",
            {"delivery_id": delivery_id},
        )


def _refresh_history(
    conn: duckdb.DuckDBPyConnection, contract: Contract, watch: Plausibility
) -> None:
    """Total the deliveries current now (meta.huidige_levering, small) that this connection has
    not totalled yet: at its first delivery, or after deliveries stored on another connection."""
    _add_totals(
        conn,
        contract,
        watch,
        "select delivery_id from meta.huidige_levering where source = $source",
        {"source": contract.source},
    )


def _history_sql(contract: Contract, watch: Plausibility) -> str:
    """The source's current series: per period the totals of the delivery staging takes
    (meta.huidige_levering), from the connection's totals per delivery (raw can hold millions of
    case rows); all measures stacked, each row led by `false` (not new). One more row, led by null,
    counts the current deliveries the connection has not totalled yet."""
    plain = "".join(f", {_q(g)}" for g in watch.group_by)
    nulls = "".join(", null" for _ in watch.group_by)
    table = _history_table(contract)
    stacked = " union all ".join(
        f"select false, periode, {_literal(maat)} as maat{plain}, {_q('w_' + maat)} as waarde "
        f"from per_levering"
        for maat, _ in _totals(watch)
    )
    return f"""
        with huidig as materialized (
            select periode, delivery_id from meta.huidige_levering
            where source = {_literal(contract.source)}
        ),
        per_levering as (
            select t.* from {table} t
            join huidig l on l.periode = t.periode and l.delivery_id = t.delivery_id
        )
        {stacked}
        union all
        select null, null, null{nulls}, count(*) from huidig
        where delivery_id not in (select delivery_id from {table})
    """


def _where(watch: Plausibility, alias: str = "") -> str:
    conditions = [f"{alias}{_q(c)} = {_literal(v)}" for c, v in watch.where.items()]
    if watch.period_like:
        conditions.append(f"{alias}_periode like {_literal(watch.period_like)}")
    return " and ".join(conditions) or "true"


def _literal(value: object) -> str:
    # contract values only (never delivered data); quoted as SQL text
    return "'" + str(value).replace("'", "''") + "'"


def flags(
    conn: duckdb.DuckDBPyConnection, contract: Contract, incoming: pl.DataFrame
) -> list[Flag]:
    """Flags for an incoming delivery (contract columns plus `_periode`),
    against raw's current figures."""
    watch = contract.plausibility
    if watch is None or incoming.is_empty():
        return []

    # only the columns the series read, handed over without a copy (Arrow string views)
    used = dict.fromkeys([*watch.measures, *watch.group_by, *watch.where, "_periode"])
    _history_ready(conn, contract, watch)
    conn.register(
        "plausibility_incoming",
        incoming.select(list(used)).to_arrow(compat_level=pl.CompatLevel.newest()),
    )
    # The new totals and the current series in one plain query; the window over each new
    # period's history is small (at most `history` periods per series) and worked out below.
    query = f"""
        select true as nieuw, * from ({_series_sql(watch, "plausibility_incoming", _totals(watch))})
        union all
        select * from ({_history_sql(contract, watch)})
    """
    try:
        rows = conn.execute(query).fetchall()
        if _not_totalled(rows):  # current deliveries this connection has not totalled yet
            _refresh_history(conn, contract, watch)
            rows = conn.execute(query).fetchall()
    finally:
        conn.unregister("plausibility_incoming")
    new: list[tuple] = []
    series: dict[tuple, list[tuple[str, object]]] = {}
    for is_new, periode, *key, value in rows:
        if is_new is None:  # the count of deliveries not totalled, 0 by now
            continue
        if is_new:
            new.append((periode, tuple(key), value))
        else:
            series.setdefault(tuple(key), []).append((periode, value))
    for history in series.values():
        history.sort(key=lambda point: point[0])
    found: list[Flag] = []
    for periode, key, value in sorted(new, key=lambda n: (n[0], *map(_last_if_null, n[1]))):
        window = [p for p in series.get(key, []) if p[0] < periode][-watch.history :]
        if not window:
            continue
        # the steps between consecutive periods of the window, where the earlier one has a value
        steps = [
            math.log(1 + max(later or 0, 0)) - math.log(1 + max(earlier, 0))
            for (_, earlier), (_, later) in zip(window, window[1:], strict=False)
            if earlier is not None
        ]
        med = _median(steps)
        mad = None if med is None else _median([abs(step - med) for step in steps])
        prev_periode, prev = window[-1]
        low, high = _expected(float(prev or 0), med, mad, len(steps), watch)  # type: ignore[arg-type]
        if not low <= float(value or 0) <= high:  # type: ignore[arg-type]
            measure, *group_values = key
            found.append(
                Flag(
                    measure,
                    dict(zip(watch.group_by, group_values, strict=True)),
                    periode,
                    float(value or 0),  # type: ignore[arg-type]
                    float(prev or 0),  # type: ignore[arg-type]
                    prev_periode,
                    low,
                    high,
                    len(window),
                    window[0][0],
                    med is not None and len(steps) >= watch.min_history,
                )
            )
    return found


def _not_totalled(rows: list[tuple]) -> int:
    """The count in `_history_sql`'s row led by null, wherever the union put it."""
    return next(int(row[-1]) for row in rows if row[0] is None)


def _last_if_null(value: object) -> tuple[bool, object]:
    """A sort key that puts a missing group value last, as SQL orders nulls."""
    return (value is None, value)


def _median(values: list[float]) -> float | None:
    """The median as DuckDB takes it: the middle value, or the mean of the two middle ones."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _expected(
    prev: float, med: float | None, mad: float | None, steps: int, watch: Plausibility
) -> tuple[float, float]:
    """The range the new value may take: within the factor of the previous period's value and, once
    the history has `minHistory` steps that vary, within robustZ robust deviations of
    the usual step."""
    if prev <= 0:
        # a series that starts (a new opvangsoort) has no previous value to stray from
        return float("-inf"), float("inf")
    low, high = prev / watch.factor, prev * watch.factor
    if med is not None and steps >= watch.min_history:
        # a series that never changed (MAD 0) still has the min_step band
        # never narrower than a step of min_step (x2 / /2 by default): smooth series have a
        # tiny MAD, and a usual busy month is no anomaly
        spread = max(watch.robust_z * mad / _Z, math.log1p(watch.min_step))
        centre = math.log1p(prev) + med
        low, high = max(low, math.expm1(centre - spread)), min(high, math.expm1(centre + spread))
    return low, high


def findings(
    conn: duckdb.DuckDBPyConnection, contract: Contract, file_name: str, incoming: pl.DataFrame
) -> tuple[list[Finding], dict[str, int]]:
    """The flags as warning findings (rules `<source>.plausibel` and `<source>.volume`) and
    their counts."""
    found = flags(conn, contract, incoming)
    out: list[Finding] = []
    counts: dict[str, int] = {}
    for f in found:
        rule = next(
            r
            for r in contract.rules
            if r.kind == "plausibility"
            and (r.rule_id.endswith(".volume") == (f.measure == "rijen"))
        )
        counts[rule.rule_id] = counts.get(rule.rule_id, 0) + 1
        if counts[rule.rule_id] > MAX_FINDINGS_PER_RULE:
            continue
        column = None if f.measure == "rijen" else contract.column(f.measure).header
        where = ", ".join(f"{contract.column(k).header}={v}" for k, v in f.group.items())
        what = "aantal rijen" if f.measure == "rijen" else f"totaal {column}"
        watch = contract.plausibility
        assert watch is not None
        span = f"{f.periods} voorgaande perioden {f.first} t/m {f.previous_periode} van deze bron"
        basis = (
            f"de gebruikelijke stap van periode tot periode in de {span}"
            if f.robust
            else f"ten hoogste een factor {getal(watch.factor)} ten opzichte van de vorige "
            f"periode; {span}"
        )
        whole = f.measure == "rijen" or contract.column(f.measure).logical_type == "integer"
        low, high = (
            (math.ceil(max(f.low, 0)), math.floor(f.high)) if whole else (max(f.low, 0), f.high)
        )
        desc = (
            f"{what}{f' ({where})' if where else ''} in {f.periode} is {_n(f.value)}; verwacht "
            f"{_n(low)} tot {_n(high)} (vorige periode {f.previous_periode}: {_n(f.previous)}; "
            f"{basis}). {rule.description}"
        )
        out.append(
            Finding(
                file_name, None, column, rule.rule_id, "plausibility", "warning", _n(f.value), desc
            )
        )
    return out, counts


def _n(value: float) -> str:
    return getal(value, 0 if float(value).is_integer() or abs(value) >= 100 else 2)
