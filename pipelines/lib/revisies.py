"""Revisions across deliveries: which periods a newer delivery supersedes, a definitive figure that
a later delivery changes, and the findings against a source's own history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from pipelines.lib import plausibility
from pipelines.lib.bevindingen import MAX_FINDINGS_PER_RULE, Finding, ValidationResult
from pipelines.lib.contracts import Contract
from pipelines.lib.landingsmap import delivery_date


def period_expr(contract: Contract) -> pl.Expr:
    col = contract.column(contract.revision_period)
    if col.logical_type == "date":
        return pl.col(col.name).dt.strftime("%Y-%m")
    return pl.col(col.name).cast(pl.Utf8)


def periods_of(contract: Contract, data: pl.DataFrame) -> list[str]:
    """The periods a typed delivery holds, sorted: `period_expr` over its distinct values only."""
    column = contract.column(contract.revision_period).name
    distinct = data.select(pl.col(column).unique()).select(period_expr(contract).alias("p"))
    return sorted(distinct["p"].unique().to_list())


def _ident(name: str) -> str:
    # contract column names are checked identifiers (contracts._ident); quote them for SQL
    return '"' + name.replace('"', "") + '"'


def definitive_revisions(
    conn: duckdb.DuckDBPyConnection, contract: Contract, path: Path, data: pl.DataFrame
) -> tuple[list[Finding], int]:
    """Rows of an incoming delivery that change a period the source had already marked definitive.

    Compared with the current figures (the latest accepted delivery per period). Returns the
    findings (at most MAX_FINDINGS_PER_RULE) and the number of changed rows.
    """
    status = contract.definitive_status
    if status is None or data.is_empty():
        return [], 0
    rule = next(r for r in contract.rules if r.kind == "definitive_revision")
    key = contract.primary_key
    on = " and ".join(f"n.{_ident(k)} = p.{_ident(k)}" for k in key)
    changed = " or ".join(f"n.{_ident(m)} is distinct from p.{_ident(m)}" for m in status.measures)
    measures = ", ".join(
        f"p.{_ident(m)} as {_ident('oud_' + m)}, n.{_ident(m)} as {_ident('nieuw_' + m)}"
        for m in status.measures
    )
    sql = f"""
        with huidig as (
            select r.* from {contract.raw_table} r
            join meta.huidige_levering l on l.source = '{contract.source}'
                and l.periode = r._periode and l.delivery_id = r._delivery_id
        )
        select n._row_number, {", ".join(f"n.{_ident(k)}" for k in key)}, {measures}
        from incoming_frame n
        join huidig p on {on}
        where p.{_ident(status.column)} = $definitief and ({changed})
        order by n._row_number
    """
    conn.register("incoming_frame", data.to_arrow(compat_level=pl.CompatLevel.newest()))
    try:
        rows = conn.execute(sql, {"definitief": status.value}).fetchall()
    finally:
        conn.unregister("incoming_frame")
    findings = []
    for row in rows[:MAX_FINDINGS_PER_RULE]:
        keys = ", ".join(
            f"{contract.column(k).header}={v}"
            for k, v in zip(key, row[1 : 1 + len(key)], strict=True)
        )
        olds = row[1 + len(key) :: 2]
        news = row[2 + len(key) :: 2]
        diffs = [
            f"{contract.column(m).header} {o} -> {n}"
            for m, o, n in zip(status.measures, olds, news, strict=True)
            if o != n
        ]
        findings.append(
            Finding(
                path.name,
                row[0],
                None,
                rule.rule_id,
                rule.kind,
                rule.severity,
                f"{keys}: {'; '.join(diffs)}",
                rule.description,
            )
        )
    return findings, len(rows)


def superseded(
    conn: duckdb.DuckDBPyConnection,
    contract: Contract,
    path: Path,
    own_date: date,
    periods: list[str],
) -> Finding | None:
    """A warning when newer deliveries (by their own date) already hold some of these periods:
    the delivery is kept for audit but does not replace their figures."""
    rows = conn.execute(
        """select periode, file_name, leveringsdatum
           from (select delivery_id, file_name, leveringsdatum, unnest(periods) as periode
                 from meta.delivery_order where source = $source and leveringsdatum > $own)
           where list_contains($periods, periode)
           order by leveringsdatum desc, delivery_id desc, periode""",
        {"source": contract.source, "own": own_date, "periods": periods},
    ).fetchall()
    if not rows:
        return None
    newer = sorted({p for p, _, _ in rows})
    shown = ", ".join(newer[:12]) + (f" en {len(newer) - 12} andere" if len(newer) > 12 else "")
    _, name, when = rows[0]
    return Finding(
        path.name,
        None,
        None,
        f"{contract.source}.ouder_dan_huidig",
        "order",
        "warning",
        shown,
        f"deze levering is gedateerd {own_date:%Y-%m-%d}, ouder dan {name} ({when:%Y-%m-%d}) voor "
        f"{len(newer)} {'periode' if len(newer) == 1 else 'perioden'}; ze is bewaard maar "
        f"vervangt die nieuwere cijfers niet",
    )


@dataclass
class HistoryFindings:
    findings: list[Finding]
    counts: dict[str, int]


def history_findings(
    conn: duckdb.DuckDBPyConnection,
    contract: Contract,
    path: Path,
    result: ValidationResult,
    arrival: date,
) -> HistoryFindings:
    """The warnings an accepted delivery gets from what the warehouse already holds: a changed
    definitive period, an implausible jump or volume, an older delivery than the current one.
    The pipeline stores them with the delivery; `valideer` shows the same."""
    out = HistoryFindings([], {})
    data = result.data
    if data is None:
        return out
    if contract.definitive_status is not None:
        numbered = data.with_columns(
            pl.int_range(1, pl.len() + 1, dtype=pl.Int32).alias("_row_number")
        )
        revised, n = definitive_revisions(conn, contract, path, numbered)
        if n:
            out.findings.extend(revised)
            out.counts[revised[0].rule] = n
    if contract.plausibility is not None:
        unusual, counts = plausibility.findings(
            conn, contract, path.name, data.with_columns(period_expr(contract).alias("_periode"))
        )
        out.findings.extend(unusual)
        out.counts.update(counts)
    periods = periods_of(contract, data)
    older = superseded(conn, contract, path, delivery_date(path.name, arrival), periods)
    if older is not None:
        out.findings.append(older)
        out.counts[older.rule] = 1
    return out
