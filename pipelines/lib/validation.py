"""Check one delivery against its contract, before anything is committed.

The steps, each producing `Finding`s that name file, row, column, rule and value:
1. read the file as text, exactly as delivered (format errors: encoding, ragged rows);
2. check the header against the contract (missing columns);
3. cast every column to its contract type (values that do not cast);
4. run the contract's Great Expectations suite on the typed data (required, allowed
   values, ranges, patterns, keys, references, custom rules).
A delivery with any error-severity finding is rejected as a whole; warnings load and are
reported. A large delivery (CSV or Parquet) is read and typed a part at a time, and the suite
checks a large frame in parts, so that memory stays bounded; the findings are those of one piece.
Great Expectations is imported lazily, once per process (it costs seconds).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import polars as pl

from pipelines.lib.bevindingen import (
    MAX_FINDINGS_PER_RULE,
    DeliveryUnreadable,
    Finding,
    ValidationResult,
)
from pipelines.lib.contracts import (
    Contract,
    period_start,
)
from pipelines.lib.leveringlezer import read_text_parts
from pipelines.lib.typering import NATIVE_TYPES, Typed, merge_typed, type_findings
from pipelines.lib.verwachtingen import (
    GROUP_COLUMN,
    Unexpected,
    findings_from_suite,
    format_value,
    suite_unexpected,
)


def validate_delivery(
    contract: Contract, path: Path, *, arrival: date | None = None
) -> ValidationResult:
    """Read, type and check one delivery file. Never raises on bad input: findings say it."""
    return validate_deliveries(contract, [path], arrival=arrival)[0]


def arrival_today() -> date:
    """The day a delivery arrives, as the ministry counts it."""
    return datetime.now(ZoneInfo("Europe/Amsterdam")).date()


def _period_findings(
    contract: Contract, path: Path, typed: pl.DataFrame, arrival: date
) -> tuple[list[Finding], dict[str, int], dict[str, list[str]]]:
    """Rows whose reporting period lies later than the contract allows for a delivery arriving now,
    or before the first period the monitor takes."""
    if typed.is_empty():
        return [], {}, {}
    column = contract.column(contract.revision_period)
    values = typed[column.name]
    # the rules per distinct value (a month holds a few dozen), then the rows that hold the bad ones
    starts = {v: period_start(v) for v in values.unique().to_list()}
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    shown_values: dict[str, list[str]] = {}
    for rule in (r for r in contract.rules if r.kind == "period"):
        if rule.rule_id.endswith(".voor_begin"):
            first = date.fromisoformat(rule.params["begin"])
            bad = [v for v, s in starts.items() if s is not None and s < first]
            desc = f"de periode ligt voor {first:%Y-%m}. {rule.description}"
        elif contract.latest_period is not None:
            limit = contract.latest_period
            last = limit.last_start(arrival)
            bad = [v for v, s in starts.items() if (s or last) > last]
            desc = (
                f"de periode ligt na {limit.label(last)}; bij aanlevering op {arrival:%Y-%m-%d} "
                f"kan dat niet. {rule.description}"
            )
        else:
            continue
        if not bad:
            continue
        rows = values.is_in(bad).arg_true()
        findings += [
            Finding(
                path.name,
                i + 1,
                column.header,
                rule.rule_id,
                "period",
                "error",
                format_value(values[i]) or "",
                desc,
            )
            for i in rows[:MAX_FINDINGS_PER_RULE].to_list()
        ]
        counts[rule.rule_id] = len(rows)
        shown_values[rule.rule_id] = sorted({format_value(v) or "" for v in bad})
    return findings, counts, shown_values


@dataclass
class _Prepared:
    path: Path
    typed: pl.DataFrame
    findings: list[Finding]
    counts: dict[str, int]
    values: dict[str, list[str]]
    uncastable: set[tuple[int, str]]
    lines: Sequence[int] | None


def _prepare(contract: Contract, path: Path, arrival: date) -> _Prepared | ValidationResult:
    """Read, check the header and type one file; a ValidationResult when it cannot go further."""
    headers = {c.header for c in contract.columns}

    def typed_part(text: pl.DataFrame) -> Typed | None:
        """Each part typed as it is read: a large file is never held as text whole."""
        if not headers <= set(text.columns):
            return None  # a column is missing: nothing is typed, the header says why
        return type_findings(
            contract, path, text.select([pl.col(c.header).alias(c.name) for c in contract.columns])
        )

    # A Parquet column the file already stores as its contract type is taken as it is.
    native = {
        c.header: NATIVE_TYPES[c.logical_type]
        for c in contract.columns
        if c.logical_type in NATIVE_TYPES
    }
    try:
        columns, parts, lines = read_text_parts(contract, path, typed_part, native)
    except DeliveryUnreadable as exc:
        return ValidationResult(
            contract.source, path, contract.version, None, [exc.finding], {exc.finding.rule: 1}
        )

    rename = {c.header: c.name for c in contract.columns}
    missing = [c for c in contract.columns if c.header not in columns]
    unknown = [h for h in columns if h not in rename]
    if missing:
        findings = [
            Finding(
                path.name,
                None,
                c.header,
                f"{contract.source}.{c.name}.aanwezig",
                "column",
                "error",
                None,
                f"de kolom ontbreekt; verwacht: {', '.join(x.header for x in contract.columns)}"
                + (
                    f"; in het bestand staan ook: {', '.join(repr(h) for h in unknown)}"
                    if unknown
                    else ""
                ),
            )
            for c in missing
        ]
        return ValidationResult(
            contract.source,
            path,
            contract.version,
            None,
            findings,
            {f.rule: 1 for f in findings},
            lines=lines,
        )
    extra = [h for h in columns if h not in rename]
    typed, findings, counts, values, uncastable = merge_typed(contract, parts)  # type: ignore[arg-type]
    del parts
    for header in extra:
        rule = f"{contract.source}.onbekende_kolom"
        findings.append(
            Finding(
                path.name,
                None,
                header,
                rule,
                "column",
                "warning",
                None,
                "kolom staat niet in het datacontract en wordt niet geladen",
            )
        )
        counts[rule] = counts.get(rule, 0) + 1
    late, late_counts, late_values = _period_findings(contract, path, typed, arrival)
    findings += late
    counts |= late_counts
    values |= late_values
    for rule in contract.rules:
        if rule.kind == "row_count" and typed.height < rule.params["min_value"]:
            findings.append(
                Finding(
                    path.name,
                    None,
                    None,
                    rule.rule_id,
                    rule.kind,
                    rule.severity,
                    str(typed.height),
                    rule.description,
                )
            )
            counts[rule.rule_id] = 1
    return _Prepared(path, typed, findings, counts, values, uncastable, lines)


# A first load of years of monthly files goes through the suite in batches of at most this many rows
# (a larger file alone): one Great Expectations pass per batch, and memory bounded by the batch, not
# by the history. Not above verwachtingen.SUITE_ROWS, or a batch is checked in parts.
BATCH_ROWS = 1_000_000


def validate_deliveries(
    contract: Contract, files: list[Path], *, arrival: date | None = None
) -> list[ValidationResult]:
    """Validate several deliveries of one source, each on its own merits (see iter_validated)."""
    return list(iter_validated(contract, files, arrival=arrival))


def iter_validated(
    contract: Contract, files: list[Path], *, arrival: date | None = None
) -> Iterator[ValidationResult]:
    """The result of each file, in order, validated in batches of at most BATCH_ROWS rows.

    Great Expectations has a fixed cost per validation; a first load of years of monthly
    files pays it once per batch instead of once per file. Keys are unique per delivery, not across.
    `arrival` (default: today in Europe/Amsterdam) bounds the periods a delivery may hold.
    """
    arrival = arrival or arrival_today()
    batch: list[_Prepared | ValidationResult] = []
    rows = 0
    for path in files:
        item = _prepare(contract, path, arrival)
        height = item.typed.height if isinstance(item, _Prepared) else 0
        # A batch stays within BATCH_ROWS (a file larger than that goes alone): one row over, and
        # the suite would check it in two parts (verwachtingen.SUITE_ROWS), two passes for one.
        if batch and rows + height > BATCH_ROWS:
            yield from _validate_batch(contract, batch)
            batch, rows = [], 0
        batch.append(item)
        rows += height
    yield from _validate_batch(contract, batch)


def _validate_batch(
    contract: Contract, prepared: list[_Prepared | ValidationResult]
) -> list[ValidationResult]:
    ready = [p for p in prepared if isinstance(p, _Prepared)]
    unexpected: list[Unexpected] = []
    starts: list[int] = []  # the first global row of each ready file
    if ready:
        batch = pl.concat(
            [
                p.typed.with_columns(pl.lit(i, pl.Int32).alias(GROUP_COLUMN))
                for i, p in enumerate(ready)
            ],
            how="vertical",
        )
        heights = [p.typed.height for p in ready]
        starts = [sum(heights[:i]) for i in range(len(heights))]
        unexpected = suite_unexpected(contract, batch, grouped=True)
        del batch

    def owner(index: int) -> tuple[int, int]:
        """global row -> (index in ready, 1-based row in its file)"""
        i = bisect.bisect_right(starts, index) - 1
        return i, index - starts[i] + 1

    per_file: dict[int, list[Unexpected]] = {}
    for u in unexpected:
        per_file.setdefault(owner(u.index)[0], []).append(u)

    results: list[ValidationResult] = []
    ready_index = {id(p): i for i, p in enumerate(ready)}
    for item in prepared:
        if isinstance(item, ValidationResult):
            results.append(item)
            continue
        i = ready_index[id(item)]
        # A value that did not cast is already reported as a type error; not again as "missing"
        # (neither as a finding nor in the count).
        own = [
            u
            for u in per_file.get(i, [])
            if not (
                u.rule.kind == "required"
                and (owner(u.index)[1], contract.column(u.rule.columns[0]).header)
                in item.uncastable
            )
        ]
        row_of = {u.index: owner(u.index)[1] for u in own}
        suite_findings, suite_counts, suite_values = findings_from_suite(
            contract, own, item.path.name, row_of
        )
        results.append(
            ValidationResult(
                contract.source,
                item.path,
                contract.version,
                item.typed,
                item.findings + suite_findings,
                {**item.counts, **suite_counts},
                {**item.values, **suite_values},
                item.lines,
            )
        )
    return results
