"""The data contract as the pipeline sees it: sources, columns, rules, period limits and the
contract itself (pipelines/lib/contracts.py reads the ODCS YAML into these)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import polars as pl

# The explicit list of sources: identifiers that reach SQL come only from here.
SOURCES: tuple[str, ...] = (
    "cbs_asielverzoeken",
    "ind_zaken",
    "coa_bezetting",
    "taakstelling",
    "huisvesting_realisatie",
    "dtenv_vertrek",
    "rijksfinancien_begrotingsstaten",
    "budgettaire_tabel",
    "oekraine_opvang",
    "mpp_prognose",
)

DeliveryFormat = Literal["csv", "csv_nl", "cbs_odata", "parquet_or_csv"]
Cadence = Literal["maand", "halfjaar", "jaar", "editie"]
CADENCES: tuple[str, ...] = ("maand", "halfjaar", "jaar", "editie")
Severity = Literal["error", "warning"]

# Bookkeeping columns every raw table carries after the contract's own columns.
RAW_META_COLUMNS: tuple[tuple[str, str], ...] = (
    ("_delivery_id", "BIGINT NOT NULL"),
    ("_row_number", "INTEGER NOT NULL"),
    ("_periode", "VARCHAR NOT NULL"),
)

_LOGICAL_TO_POLARS: dict[str, pl.DataType] = {
    "string": pl.Utf8(),
    "integer": pl.Int64(),
    "number": pl.Float64(),
    "date": pl.Date(),
    "timestamp": pl.Datetime("us"),
    "boolean": pl.Boolean(),
}


# How the contract types are named in messages to chain partners.
TYPE_NAMES: dict[str, str] = {
    "string": "tekst",
    "integer": "geheel getal",
    "number": "getal",
    "date": "datum",
    "timestamp": "tijdstip",
    "boolean": "ja/nee-waarde",
}


class ContractError(Exception):
    """A contract file is not usable; names the file and the element."""


@dataclass(frozen=True)
class Rule:
    """One check a delivery must pass. `kind` selects the expectation it compiles to."""

    rule_id: str
    kind: str
    description: str
    severity: Severity
    columns: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


PeriodUnit = Literal["month", "halfyear", "year"]


@dataclass(frozen=True)
class PeriodLimit:
    """A delivery's periods start no later than `ahead` units after the unit of its arrival."""

    unit: PeriodUnit
    ahead: int
    description: str

    def last_start(self, arrival: date) -> date:
        """The latest period start a delivery arriving on `arrival` may contain."""
        if self.unit == "month":
            months = arrival.year * 12 + arrival.month - 1 + self.ahead
            return date(months // 12, months % 12 + 1, 1)
        if self.unit == "halfyear":
            halves = arrival.year * 2 + (arrival.month - 1) // 6 + self.ahead
            return date(halves // 2, 1 + 6 * (halves % 2), 1)
        return date(arrival.year + self.ahead, 1, 1)

    def label(self, start: date) -> str:
        if self.unit == "month":
            return f"{start:%Y-%m}"
        if self.unit == "halfyear":
            return f"{start.year}-H{1 if start.month == 1 else 2}"
        return str(start.year)


_PERIOD_PATTERNS: tuple[tuple[re.Pattern[str], Any], ...] = (
    (re.compile(r"^(\d{4})-(\d{2})(-\d{2})?$"), lambda m: date(int(m[1]), int(m[2]), 1)),
    (re.compile(r"^(\d{4})-H([12])$"), lambda m: date(int(m[1]), 1 if m[2] == "1" else 7, 1)),
    (re.compile(r"^(\d{4})MM(\d{2})$"), lambda m: date(int(m[1]), int(m[2]), 1)),
    (re.compile(r"^(\d{4})KW(\d{2})$"), lambda m: date(int(m[1]), 3 * int(m[2]) - 2, 1)),
    (re.compile(r"^(\d{4})(JJ00|-[a-z]+)?$"), lambda m: date(int(m[1]), 1, 1)),
)


def period_start(value: Any) -> date | None:
    """The first day of a delivered period (a date, a year, 2025-05, 2025-H1, 2025MM05, 2025KW02,
    2025JJ00, 2025-najaar); None when it is not a period (other rules report that)."""
    if value is None:
        return None
    if isinstance(value, date):
        return date(value.year, value.month, 1)
    text = str(value).strip()
    for pattern, start in _PERIOD_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return start(match)
            except ValueError:
                return None
    return None


@dataclass(frozen=True)
class Plausibility:
    """Which measures of a source are compared with its own history, and how far they may stray."""

    measures: tuple[str, ...]
    group_by: tuple[str, ...] = ()
    where: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    factor: float = 10.0
    robust_z: float = 6.0
    history: int = 24
    min_history: int = 6
    min_step: float = 1.0
    row_count: bool = False
    period_like: str | None = (
        None  # only periods matching this LIKE pattern (CBS: '%MM%', the months)
    )
    description: str = ""


@dataclass(frozen=True)
class DefinitiveStatus:
    """Rows whose `column` equals `value` are final at the source;
    a later change of `measures` is a warning."""

    column: str
    value: str
    measures: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Column:
    name: str
    header: str
    logical_type: str
    physical_type: str
    required: bool
    description: str
    primary_key_position: int | None = None
    suppressed_symbol: str | None = None
    date_format: str | None = None

    @property
    def polars_dtype(self) -> pl.DataType:
        return _LOGICAL_TO_POLARS[self.logical_type]


@dataclass(frozen=True)
class Contract:
    source: str
    version: str
    title: str
    purpose: str
    chain_partner: str
    delivery_format: DeliveryFormat
    file_patterns: tuple[str, ...]
    revision_period: str
    columns: tuple[Column, ...]
    rules: tuple[Rule, ...]
    path: Path
    display_name: str = ""
    cadence: Cadence = "maand"
    coverage_lag_months: int = 0
    thousands_separator: str = ""
    latest_period: PeriodLimit | None = None
    earliest_period: date | None = None
    definitive_status: DefinitiveStatus | None = None
    case_level: bool = False
    plausibility: Plausibility | None = None

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def primary_key(self) -> list[str]:
        keyed = [c for c in self.columns if c.primary_key_position is not None]
        return [c.name for c in sorted(keyed, key=lambda c: c.primary_key_position or 0)]

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.source}: geen kolom {name!r}")

    @property
    def raw_table(self) -> str:
        return f"raw.{self.source}"

    def raw_ddl(self) -> str:
        """`create table` for raw.<source>; identifiers come from the contract only."""
        cols = [f"{_ident(c.name)} {c.physical_type}" for c in self.columns]
        cols += [
            f"{_ident(c.name + '_onderdrukt')} BOOLEAN" for c in self.columns if c.suppressed_symbol
        ]
        cols += [f"{name} {ddl}" for name, ddl in RAW_META_COLUMNS]
        return f"create table if not exists raw.{self.source} (\n  " + ",\n  ".join(cols) + "\n)"

    def polars_schema(self) -> dict[str, pl.DataType]:
        schema = {c.name: c.polars_dtype for c in self.columns}
        for c in self.columns:
            if c.suppressed_symbol:
                schema[f"{c.name}_onderdrukt"] = pl.Boolean()
        return schema


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum() or not name[0].isalpha():
        raise ContractError(f"ongeldige kolomnaam {name!r}")
    return f'"{name}"'
