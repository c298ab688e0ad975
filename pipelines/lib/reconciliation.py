"""Reconciliation of the indicator tables: parts add up to totals, no negative stock, shares in
range.

Every rule is a file `sql/checks/<indicator>/<nn>_<rule>.sql`: a static query that returns the
offending rows (named parameters only), headed by a Dutch message template over the row's columns
(`-- melding:`, continued on lines that start with `--   `). `check(conn, indicator)` runs the
rules of one indicator in file order and returns readable failures; an empty list means the
indicator reconciles. The Dagster asset checks (blocking) in `pipelines/defs/indicators/` call it.

CBS rounds its cells to 5, so sums over CBS cells get a tolerance of half the rounding unit per
cell involved: the macro `meta.cbs_tolerantie(cellen)` (sql/macros/cbs_tolerantie.sql).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import duckdb

from pipelines.lib import beleidsclaims, paths, sqlfiles

MAX_MESSAGES_PER_RULE = 10
_MELDING = "-- melding: "
_VERVOLG = "--   "
_NUMMER = re.compile(r"^\d+_")


@dataclass(frozen=True)
class Rule:
    name: str
    sql: str  # returns the violating rows
    message: str  # str.format template over the row's columns


def _message(name: str, text: str) -> str:
    parts: list[str] = []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        if line.startswith(_MELDING):
            parts = [line[len(_MELDING) :]]
        elif parts and line.startswith(_VERVOLG):
            parts.append(line[len(_VERVOLG) :])
    if not parts:
        raise ValueError(f"sql/{name}.sql heeft geen regel '{_MELDING.strip()}'")
    return " ".join(parts)


def _rules(indicator: str) -> list[Rule]:
    rules = []
    for name in sqlfiles.names(f"checks/{indicator}"):
        text = sqlfiles.load(name)
        rules.append(Rule(_NUMMER.sub("", name.rsplit("/", 1)[1]), text, _message(name, text)))
    return rules


RULES: dict[str, list[Rule]] = {
    d.name: _rules(d.name) for d in sorted((paths.SQL_DIR / "checks").iterdir()) if d.is_dir()
}


def _params(rule: Rule) -> dict[str, Any] | None:
    if "$claim_ids" in rule.sql:
        return {"claim_ids": [c.id for c in beleidsclaims.load_claims()]}
    return None


def check(conn: duckdb.DuckDBPyConnection, indicator: str) -> list[str]:
    """Readable failures of the indicator's reconciliation rules; [] when everything reconciles."""
    failures: list[str] = []
    for rule in RULES[indicator]:
        rel = conn.sql(rule.sql, params=_params(rule))
        columns, rows = rel.columns, rel.fetchall()
        for row in rows[:MAX_MESSAGES_PER_RULE]:
            values = {c: ("leeg" if v is None else v) for c, v in zip(columns, row, strict=True)}
            try:
                failures.append(rule.message.format(**values))
            except (ValueError, TypeError):  # a None where a number format was expected
                failures.append(
                    rule.message.replace(":.0f}", "}")
                    .replace(":.1f}", "}")
                    .replace(":.2f}", "}")
                    .format(**values)
                )
        if len(rows) > MAX_MESSAGES_PER_RULE:
            failures.append(
                f"... en nog {len(rows) - MAX_MESSAGES_PER_RULE} keer regel {indicator}.{rule.name}"
            )
    return failures
