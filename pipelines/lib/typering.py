"""Casting a delivery's text columns to the types of its contract; a value that does not cast
is a finding that says what the column expects.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import polars as pl

from pipelines.lib.bevindingen import (
    MAX_FINDINGS_PER_RULE,
    Finding,
)
from pipelines.lib.contracts import (
    TYPE_NAMES,
    Contract,
)

_PLAIN_NL = r"^[-+]?\d+(,\d+)?$"
_GROUPED_NL = r"^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$"


def _dutch_number_text(contract: Contract, text: pl.Expr) -> pl.Expr:
    """A decimal-comma number as text Polars can cast, or null when it is not written as the
    contract says. A dot is never read as a decimal point: '34.800' is 34800 where the contract
    groups thousands with a dot, and an error where it does not."""
    plain = text.str.contains(_PLAIN_NL)
    if contract.thousands_separator == ".":
        plain = plain | text.str.contains(_GROUPED_NL)
    cleaned = text.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True)
    return pl.when(plain).then(cleaned).otherwise(pl.lit(None, pl.Utf8))


def _type_description(contract: Contract, col: Any, value: str) -> str:
    """Why a delivered value is not of its contract type,
    naming the number convention where it matters."""
    if contract.delivery_format == "csv_nl" and col.logical_type in ("integer", "number"):
        if "." in value and contract.thousands_separator == "":
            return (
                "waarde bevat een punt; in dit bestand is de komma het decimaalteken en is een "
                "scheidingsteken voor duizendtallen niet toegestaan (schrijf 34800 of 1234,5, "
                "niet 34.800 of 1.234,5)"
            )
        if "." in value:
            return (
                "waarde is geen getal in de afgesproken schrijfwijze: komma als decimaalteken, "
                "punt alleen tussen groepen van drie cijfers (34.800 of 1.234,5; niet 34.8)"
            )
        return f"waarde is geen {TYPE_NAMES[col.logical_type]} (decimaalteken komma)"
    if col.logical_type in ("integer", "number") and re.fullmatch(
        r"[-+]?\d{1,3}([.,]\d{3})+", value.strip()
    ):
        return (
            f"waarde is geen {TYPE_NAMES[col.logical_type]}: in dit bestand worden duizendtallen "
            "niet gescheiden (schrijf 733200, niet 733.200 of 733,200)"
        )
    if col.logical_type == "integer" and re.fullmatch(r"[-+]?\d+[.,]\d+", value.strip()):
        return (
            "waarde is geen geheel getal: dit veld telt hele aantallen of bedragen, "
            "zonder decimalen"
        )
    return f"waarde is geen {TYPE_NAMES[col.logical_type]}" + (
        f" in de vorm {_readable_format(col.date_format)}" if col.date_format else ""
    )


def _readable_format(fmt: str) -> str:
    """A strftime format as people write it: %Y-%m-%d is JJJJ-MM-DD."""
    for code, text in (("%Y", "JJJJ"), ("%m", "MM"), ("%d", "DD")):
        fmt = fmt.replace(code, text)
    return fmt


def _cast_expr(contract: Contract, name: str) -> pl.Expr:
    col = contract.column(name)
    text = pl.col(name).str.strip_chars()
    text = pl.when(text == "").then(None).otherwise(text)
    if col.suppressed_symbol:
        text = pl.when(text == col.suppressed_symbol).then(None).otherwise(text)
    if col.logical_type == "string":
        return text
    if col.logical_type in ("integer", "number") and contract.delivery_format == "csv_nl":
        text = _dutch_number_text(contract, text)
    if col.logical_type == "integer":
        return text.cast(pl.Int64, strict=False)
    if col.logical_type == "number":
        return text.cast(pl.Float64, strict=False)
    if col.logical_type == "date":
        return text.str.strptime(pl.Date, col.date_format or "%Y-%m-%d", strict=False)
    if col.logical_type == "timestamp":
        return text.str.strptime(
            pl.Datetime("us"), col.date_format or "%Y-%m-%dT%H:%M:%S", strict=False
        )
    if col.logical_type == "boolean":
        return text.str.to_lowercase().replace_strict(
            {"true": True, "false": False, "ja": True, "nee": False, "1": True, "0": False},
            default=None,
            return_dtype=pl.Boolean,
        )
    raise ValueError(col.logical_type)


# the typed frame, its findings (at most MAX_FINDINGS_PER_RULE per rule), the count and the distinct
# values per rule, and the (row, header) of every value that did not cast
Typed = tuple[
    pl.DataFrame, list[Finding], dict[str, int], dict[str, list[str]], set[tuple[int, str]]
]


# Contract types whose values a column of this Polars type holds exactly as they would be read from
# text (a Parquet delivery's dates, whole numbers and booleans): such a column is taken as it is.
NATIVE_TYPES: dict[str, pl.DataType] = {
    "date": pl.Date(),
    "integer": pl.Int64(),
    "boolean": pl.Boolean(),
}


def _uncastable(contract: Contract, col: Any) -> pl.Expr:
    """True where a delivered value is there but does not cast to the column's type."""
    original = pl.col(col.name).str.strip_chars()
    bad = original.is_not_null() & (original != "") & _cast_expr(contract, col.name).is_null()
    if col.suppressed_symbol:
        bad = bad & (original != col.suppressed_symbol)
    return bad


def type_findings(contract: Contract, path: Path, text: pl.DataFrame) -> Typed:
    """Cast to the contract types; every value that does not cast is a finding.

    One pass over the text: the casts, the marks of values that do not cast and the suppression
    flags are one query, so each column is stripped once (Polars shares the common expressions).
    A text column always casts, so only the other types are marked; a column already of its type
    (NATIVE_TYPES, from a Parquet file) is taken as it is."""
    native = {
        c.name for c in contract.columns if text.schema[c.name] == NATIVE_TYPES.get(c.logical_type)
    }
    checked = [c for c in contract.columns if c.logical_type != "string" and c.name not in native]
    marks = [f"__niet_te_typeren_{c.name}" for c in checked]
    flags = [
        (
            pl.lit(False)
            if c.name in native
            else (pl.col(c.name).str.strip_chars() == c.suppressed_symbol).fill_null(False)
        ).alias(f"{c.name}_onderdrukt")
        for c in contract.columns
        if c.suppressed_symbol
    ]
    whole = (
        text.lazy()
        .select(
            [
                (pl.col(c) if c in native else _cast_expr(contract, c)).alias(c)
                for c in contract.column_names
            ]
            + [_uncastable(contract, c).alias(m) for c, m in zip(checked, marks, strict=True)]
            + flags
        )
        .collect()
    )
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    values: dict[str, list[str]] = {}
    uncastable: set[tuple[int, str]] = set()
    for col, mark in zip(checked, marks, strict=True):
        if not whole[mark].any():
            continue
        idx = whole[mark].arg_true()
        original = text[col.name].gather(idx).str.strip_chars()
        uncastable.update((i + 1, col.header) for i in idx.to_list())
        rule = f"{contract.source}.{col.name}.type"
        counts[rule] = len(idx)
        values[rule] = sorted(set(original.to_list()))
        for i, value in zip(
            idx[:MAX_FINDINGS_PER_RULE].to_list(),
            original[:MAX_FINDINGS_PER_RULE].to_list(),
            strict=True,
        ):
            findings.append(
                Finding(
                    path.name,
                    i + 1,
                    col.header,
                    rule,
                    "type",
                    "error",
                    value,
                    _type_description(contract, col, value),
                )
            )
    return whole.drop(marks), findings, counts, values, uncastable


def merge_typed(contract: Contract, parts: list[Typed]) -> Typed:
    """What `type_findings` gives for a whole delivery, from its results for consecutive parts of
    it: rows numbered in the whole, the first MAX_FINDINGS_PER_RULE findings of each rule, counts
    added up, distinct values merged; rules in the contract's column order, as in one pass."""
    if len(parts) == 1:
        return parts[0]
    frames: list[pl.DataFrame] = []
    kept: dict[str, list[Finding]] = {}
    counts: dict[str, int] = {}
    values: dict[str, set[str]] = {}
    uncastable: set[tuple[int, str]] = set()
    offset = 0
    for typed, findings, part_counts, part_values, part_uncastable in parts:
        for f in findings:
            rule = kept.setdefault(f.rule, [])
            if len(rule) < MAX_FINDINGS_PER_RULE:
                rule.append(dataclasses.replace(f, row=f.row + offset))  # type: ignore[operator]
        for rule_id, n in part_counts.items():
            counts[rule_id] = counts.get(rule_id, 0) + n
        for rule_id, shown in part_values.items():
            values.setdefault(rule_id, set()).update(shown)
        uncastable.update((row + offset, header) for row, header in part_uncastable)
        frames.append(typed)
        offset += typed.height
    order = [f"{contract.source}.{c.name}.type" for c in contract.columns]
    return (
        pl.concat(frames, how="vertical", rechunk=False),
        [f for rule_id in order for f in kept.get(rule_id, [])],
        {r: counts[r] for r in order if r in counts},
        {r: sorted(values[r]) for r in order if r in values},
        uncastable,
    )
