"""The contract's Great Expectations suite (pipelines/lib/contracts.py rules as expectations), run
on the typed data; its unexpected values become findings. Great Expectations is imported
lazily, once per process (it costs seconds).
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from pipelines.lib.bevindingen import (
    MAX_FINDINGS_PER_RULE,
    Finding,
)
from pipelines.lib.contracts import (
    Contract,
    Rule,
    reference_values,
)

_gx_lock = threading.Lock()
_gx_state: dict[str, Any] = {}


def _gx() -> tuple[Any, Any, Any]:
    """(gx module, expectations module, batch definition), created once per process."""
    with _gx_lock:
        if not _gx_state:
            _defer_scipy_stats()
            import great_expectations as gx
            import great_expectations.expectations as gxe
            from great_expectations.data_context.types.base import (
                DataContextConfig,
                InMemoryStoreBackendDefaults,
                ProgressBarsConfig,
            )

            # In memory and without a data-docs site: nothing is written outside the project.
            config = DataContextConfig(
                store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
                progress_bars=ProgressBarsConfig(globally=False),
                analytics_enabled=False,
            )
            context = gx.get_context(mode="ephemeral", project_config=config)
            # The pandas engine fingerprints every batch under 1 GB (an md5 over a hash of every
            # row, about 1 s per million rows) only to label it; nothing here reads that label.
            # Frames of any size then skip it, as frames over the threshold already do.
            from great_expectations.execution_engine import pandas_execution_engine

            pandas_execution_engine.HASH_THRESHOLD = 0
            _configuration_once_per_pass()
            batch_def = (
                context.data_sources.add_pandas("ketenmonitor")
                .add_dataframe_asset("levering")
                .add_batch_definition_whole_dataframe("geheel")
            )
            _gx_state.update(gx=gx, gxe=gxe, batch_def=batch_def)
        return _gx_state["gx"], _gx_state["gxe"], _gx_state["batch_def"]


def _defer_scipy_stats() -> None:
    """Great Expectations imports scipy.stats (0,6 s) for one expectation, on KL divergence, that no
    contract uses. Made a lazy module (the standard library's LazyLoader), it is only executed
    when something first reads from it."""
    if "scipy.stats" in sys.modules:
        return
    import scipy

    spec = importlib.util.find_spec("scipy.stats")
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["scipy.stats"] = module
    spec.loader.exec_module(module)
    # `from scipy import stats` then finds the attribute, without asking the import system (which
    # would read the module's __spec__, and so execute it)
    scipy.stats = module


# Within one pass (`_validate`), the configuration of each expectation, made once.
_pass = threading.local()


def _configuration_once_per_pass() -> None:
    """Great Expectations rebuilds an expectation's configuration (a pydantic `dict()` of all its
    arguments, the 250 codes of a reference list included) each time it reads an argument: about
    a hundred times per expectation per pass, 0,3-0,4 s of fixed cost for the ind_zaken suite
    whatever the size of the frame. An expectation does not change during a pass, so within
    `_validate` each one's configuration is made once and handed out again. Outside a pass, and
    in any other thread, the property is Great Expectations' own."""
    from great_expectations.expectations.expectation import Expectation

    own = Expectation.configuration

    def configuration(self: Any) -> Any:
        made = getattr(_pass, "made", None)
        if made is None:
            return own.fget(self)
        key = id(self)
        if key not in made:
            made[key] = (self, own.fget(self))  # the expectation kept: its id is not reused
        return made[key][1]

    Expectation.configuration = property(configuration, doc=own.__doc__)


def _bound(contract: Contract, column: str, value: Any) -> Any:
    if value is None:
        return None
    if contract.column(column).logical_type == "date":
        import pandas as pd

        return pd.Timestamp(date.fromisoformat(str(value)))
    return value


def _expectation(contract: Contract, rule: Rule) -> Any | None:
    """Compile one contract rule to a GX expectation (None for rules checked elsewhere)."""
    _, gxe, _ = _gx()
    meta = {"rule_id": rule.rule_id}
    col = rule.columns[0] if rule.columns else None
    match rule.kind:
        case "required":
            if contract.column(col).suppressed_symbol:
                # A suppressed cell (DTenV's '.') is a value, just not a published one.
                return gxe.ExpectColumnValuesToNotBeNull(
                    column=col,
                    row_condition=f"{col}_onderdrukt == False",
                    condition_parser="pandas",
                    meta=meta,
                )
            return gxe.ExpectColumnValuesToNotBeNull(column=col, meta=meta)
        case "valid_values":
            return gxe.ExpectColumnValuesToBeInSet(
                column=col, value_set=rule.params["value_set"], meta=meta
            )
        case "reference":
            values = sorted(
                reference_values(rule.params["table"], rule.params["column"])
                | set(rule.params["also_allowed"])
            )
            return gxe.ExpectColumnValuesToBeInSet(column=col, value_set=values, meta=meta)
        case "range":
            return gxe.ExpectColumnValuesToBeBetween(
                column=col,
                min_value=_bound(contract, col, rule.params["min_value"]),
                max_value=_bound(contract, col, rule.params["max_value"]),
                meta=meta,
            )
        case "pattern":
            return gxe.ExpectColumnValuesToMatchRegex(
                column=col, regex=rule.params["regex"], meta=meta
            )
        case "unique":
            return gxe.ExpectColumnValuesToBeUnique(column=col, meta=meta)
        case "primary_key":
            if len(rule.columns) == 1:
                return gxe.ExpectColumnValuesToBeUnique(column=col, meta=meta)
            return gxe.ExpectCompoundColumnsToBeUnique(column_list=list(rule.columns), meta=meta)
        case "row_count":
            return gxe.ExpectTableRowCountToBeBetween(min_value=rule.params["min_value"], meta=meta)
        case "gx":
            cls_name = "".join(p.capitalize() for p in rule.params["expectation"].split("_"))
            kwargs = dict(rule.params["kwargs"])
            if "column_A" in kwargs:
                # A missing value is the required-rule's business, not the comparison's.
                kwargs.setdefault("ignore_row_if", "either_value_is_missing")
            return getattr(gxe, cls_name)(**kwargs, meta=meta)
        case "type" | "period" | "definitive_revision" | "plausibility":
            return None
    raise ValueError(f"onbekende regelsoort {rule.kind}")


def build_suite(contract: Contract) -> Any:
    """The contract as a Great Expectations suite (rule ids in each expectation's meta)."""
    gx, _, _ = _gx()
    suite = gx.ExpectationSuite(name=f"{contract.source}-{contract.version}")
    for rule in contract.rules:
        expectation = _expectation(contract, rule)
        if expectation is not None:
            suite.add_expectation(expectation)
    return suite


def format_value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return ", ".join(f"{k}={format_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(str(format_value(v)) for v in value)
    if hasattr(value, "date") and hasattr(value, "hour"):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return None if text in ("nan", "NaT", "None", "<NA>") else text


GROUP_COLUMN = "__levering"
# The columns that hold the hash of each key rule's key (see suite_unexpected).
KEY_CODE_PREFIX = "__sleutel_"


@dataclass(frozen=True)
class Unexpected:
    rule: Rule
    index: int | None  # 0-based position in the validated frame; None for table-level rules
    value: Any


def suite_unexpected(contract: Contract, typed: pl.DataFrame, *, grouped: bool) -> list[Unexpected]:
    """Run the contract's suite over a frame; every unexpected row, uncapped. A frame of more than
    SUITE_ROWS rows goes through it in parts (`_parts`), with the same rows as in one pass.

    `grouped`: the frame holds several deliveries told apart by GROUP_COLUMN. Key rules then
    hold per delivery (the column joins the key), and the row count is checked per delivery
    by the caller, so one Great Expectations pass serves a whole batch of files.
    """
    _, gxe, batch_def = _gx()
    suite = build_suite(contract)
    keys: dict[str, list[str]] = {}  # the column of a key rule's hashes -> the key's columns
    for exp in list(suite.expectations):
        rule_id = exp.meta["rule_id"]
        rule = next(r for r in contract.rules if r.rule_id == rule_id)
        if rule.kind in ("primary_key", "unique"):
            code = f"{KEY_CODE_PREFIX}{len(keys)}"
            keys[code] = [*rule.columns, GROUP_COLUMN] if grouped else list(rule.columns)
            suite.delete_expectation(exp)
            suite.add_expectation(gxe.ExpectColumnValuesToBeUnique(column=code, meta=exp.meta))
        elif rule.kind == "row_count" and grouped:
            suite.delete_expectation(exp)
    if keys:
        # Great Expectations would compare a key as pandas does, factorizing each of its columns:
        # 0,4 s per million rows for zaak_id and gebeurtenis, text both. It compares one 64-bit
        # hash of the key's values several times as fast. Equal keys give an equal hash, so every
        # duplicate is found; a key whose values are all missing has none, as Great Expectations
        # then ignores the row. Two different keys with the same hash are told apart again in
        # `_validate` (rare: for a million distinct keys about one chance in 40 million, or in
        # 18 000 when a missing hash makes pandas hold the hashes as floats). The findings show
        # the delivered values, read from `typed` itself.
        typed = typed.with_columns(
            _key_code(typed, columns).alias(code) for code, columns in keys.items()
        )
    rules = {r.rule_id: r for r in contract.rules}
    parts = _parts(suite, typed, keys)
    if parts is None:
        return _validate(suite, rules, typed, keys=keys)
    # Each part on its own; a rule's rows then in the order of the whole frame, as one pass gives.
    order: list[str] = []
    found: dict[str, list[Unexpected]] = {}
    for positions in parts:
        results = _validate(suite, rules, typed[positions], None if order else order, keys=keys)
        at = positions.gather([u.index for u in results]).to_list() if results else []
        for u, index in zip(results, at, strict=True):
            found.setdefault(u.rule.rule_id, []).append(Unexpected(u.rule, index, u.value))
    return [u for rule_id in order for u in sorted(found.get(rule_id, []), key=_position)]


def _position(u: Unexpected) -> int:
    return u.index  # type: ignore[return-value]  (a row rule's, never None)


# A larger frame goes through the suite in parts of about this many rows (see `_parts`): Great
# Expectations' pandas engine works on a pandas copy of the frame, a Python object per text cell
# (about 5 GB for a month of 20 million IND events), and on copies of columns of it.
SUITE_ROWS = 1_000_000

# Expectations that judge each row on its own (and report the rows that fail), so that a frame's
# unexpected rows are the union of those of its parts. Any other expectation (an aggregate, an
# order, `mostly` below 1) sees the whole frame at once.
_PER_ROW = {
    "ExpectColumnValuesToNotBeNull",
    "ExpectColumnValuesToBeNull",
    "ExpectColumnValuesToBeInSet",
    "ExpectColumnValuesToNotBeInSet",
    "ExpectColumnValuesToBeBetween",
    "ExpectColumnValuesToMatchRegex",
    "ExpectColumnValuesToNotMatchRegex",
    "ExpectColumnValueLengthsToBeBetween",
    "ExpectColumnValueLengthsToEqual",
    "ExpectColumnPairValuesAToBeGreaterThanB",
    "ExpectColumnPairValuesToBeEqual",
    "ExpectMulticolumnSumToEqual",
    "ExpectSelectColumnValuesToBeUniqueWithinRecord",
}
# Expectations that a value (or combination) occurs once: rows that are equal on their columns
# must be checked in the same part.
_KEYS = {"ExpectColumnValuesToBeUnique": "column", "ExpectCompoundColumnsToBeUnique": "column_list"}


def _parts(suite: Any, typed: pl.DataFrame, hashed: dict[str, list[str]]) -> list[pl.Series] | None:
    """The rows of each part of a large frame (ascending positions), or None: the frame is checked
    whole (small enough, or an expectation that needs every row at once).

    With key rules the parts follow a hash of the columns all key rules share, so rows with an equal
    key always land in the same part and each part's duplicates are exactly the frame's. Equal as
    pandas compares them: a float's NaN and null, and -0.0 and 0.0, hash alike. A key rule checked
    on the hash of its key (`hashed`: that column -> the key's columns) shares the key's columns."""
    if typed.height <= SUITE_ROWS:
        return None
    keys: list[list[str]] = []
    for exp in suite.expectations:
        name = type(exp).__name__
        if getattr(exp, "mostly", None) not in (None, 1, 1.0):
            return None
        if name in _KEYS:
            value = getattr(exp, _KEYS[name])
            keys.append(hashed.get(value, [value]) if isinstance(value, str) else list(value))
        elif name not in _PER_ROW:
            return None
    count = -(-typed.height // SUITE_ROWS)
    if keys:
        shared = [c for c in keys[0] if all(c in k for k in keys[1:])]
        if not shared:
            return None
        hashed = pl.struct([_hashable(typed, c) for c in shared]).hash(seed=20261001)
        part = typed.select((hashed % count).alias("part")).to_series()
    else:
        part = pl.int_range(typed.height, eager=True) // SUITE_ROWS
    positions = [(part == k).arg_true() for k in range(count)]
    return [p for p in positions if len(p)]


def _hashable(typed: pl.DataFrame, name: str) -> pl.Expr:
    column = pl.col(name)
    if typed.schema[name].is_float():
        return pl.when(column.is_nan()).then(None).when(column == 0).then(0.0).otherwise(column)
    return column


def _validate(
    suite: Any,
    rules: dict[str, Rule],
    typed: pl.DataFrame,
    order: list[str] | None = None,
    *,
    keys: dict[str, list[str]],
) -> list[Unexpected]:
    """One Great Expectations pass over a frame; every unexpected row, uncapped. `order` receives
    the rule ids in the order of the results; `keys` names the columns of each key's hash."""
    _, _, batch_def = _gx()
    frame = typed.to_pandas(use_pyarrow_extension_array=False)
    for name in frame.columns:
        # Polars dates arrive as datetime64[ms]; Great Expectations vectorises its range rules only
        # for datetime64[ns] and otherwise maps a Python call over every row.
        if (
            str(frame[name].dtype).startswith("datetime64[")
            and str(frame[name].dtype) != "datetime64[ns]"
        ):
            frame[name] = frame[name].astype("datetime64[ns]")
    batch = batch_def.get_batch(batch_parameters={"dataframe": frame})
    _pass.made = {}
    try:
        result = batch.validate(suite, result_format={"result_format": "COMPLETE"})
    finally:
        _pass.made = None
    del batch, frame
    unexpected: list[Unexpected] = []
    for res in result.results:
        rule = rules[res.expectation_config.meta["rule_id"]]
        if order is not None:
            order.append(rule.rule_id)
        if res.exception_info.get("raised_exception"):
            raise RuntimeError(
                f"regel {rule.rule_id} kon niet worden uitgevoerd: "
                f"{res.exception_info.get('exception_message')}"
            )
        if res.success:
            continue
        info = res.result or {}
        if rule.kind == "row_count":
            unexpected.append(Unexpected(rule, None, info.get("observed_value")))
            continue
        # unexpected_list stops at 200 entries even with COMPLETE; unexpected_index_list does not.
        # So every index counts, and the values are read back from the frame itself.
        indices = [
            int(i["index"] if isinstance(i, dict) else i)
            for i in info.get("unexpected_index_list") or []
        ]
        if len(indices) != info.get("unexpected_count", len(indices)):
            raise RuntimeError(
                f"regel {rule.rule_id}: Great Expectations gaf niet elke afwijkende rij terug"
            )
        key = res.expectation_config.kwargs.get("column")
        if key in keys:
            indices = _not_collided(typed, keys[key], indices)
        for idx, value in zip(indices, _values_at(typed, rule, indices), strict=True):
            unexpected.append(Unexpected(rule, idx, value))
    return unexpected


def _key_code(typed: pl.DataFrame, columns: list[str]) -> pl.Expr:
    """A key as a 64-bit hash of its values (equal as pandas compares them); missing where every
    value of the key is missing."""
    hashed = pl.struct([_hashable(typed, c) for c in columns]).hash(seed=20261001)
    return (
        pl.when(pl.all_horizontal(pl.col(c).is_null() for c in columns))
        .then(None)
        .otherwise(hashed)
    )


def _not_collided(typed: pl.DataFrame, columns: list[str], indices: list[int]) -> list[int]:
    """The rows a key rule over the hash of its key (see suite_unexpected) found, less those whose
    hash only collided: a row is a duplicate when another of the found rows has the same key."""
    if not indices:
        return indices
    values = typed[indices].select(_hashable(typed, c) for c in columns)
    return [i for i, dup in zip(indices, values.is_duplicated(), strict=True) if dup]


def _values_at(typed: pl.DataFrame, rule: Rule, indices: list[int]) -> list[Any]:
    """The offending values of `rule` at these rows: one value,
    or a dict for a rule over several columns."""
    if not indices:
        return []
    picked = typed.select(list(rule.columns))[indices]
    if len(rule.columns) == 1:
        return picked.to_series().to_list()
    return picked.to_dicts()


def _display_value(contract: Contract, rule: Rule, value: Any) -> str | None:
    """A value as the chain partner would recognise it: columns named by their delivered header."""
    if isinstance(value, (list, tuple)) and len(value) == len(rule.columns) > 1:
        value = dict(zip((contract.column(c).header for c in rule.columns), value, strict=True))
    elif isinstance(value, dict):
        value = {
            contract.column(k).header if k in contract.column_names else k: v
            for k, v in value.items()
            if k != GROUP_COLUMN
        }
    return format_value(value)


def findings_from_suite(
    contract: Contract,
    unexpected: list[Unexpected],
    file_name: str,
    row_of: dict[int, int] | None = None,
) -> tuple[list[Finding], dict[str, int], dict[str, list[str]]]:
    """Findings for one file, at most MAX_FINDINGS_PER_RULE per rule, with the full counts and the
    distinct offending values per rule."""
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    distinct: dict[str, set[str]] = {}
    for u in unexpected:
        counts[u.rule.rule_id] = counts.get(u.rule.rule_id, 0) + 1
        shown = _display_value(contract, u.rule, u.value)
        if shown is not None and u.rule.kind not in ("primary_key", "unique", "row_count"):
            distinct.setdefault(u.rule.rule_id, set()).add(shown)
        if counts[u.rule.rule_id] > MAX_FINDINGS_PER_RULE:
            continue
        # Name columns as the chain partner delivered them.
        column = (
            ", ".join(contract.column(c).header for c in u.rule.columns) if u.rule.columns else None
        )
        row = None if u.index is None else (row_of[u.index] if row_of is not None else u.index + 1)
        findings.append(
            Finding(
                file_name,
                row,
                None if u.index is None else column,
                u.rule.rule_id,
                u.rule.kind,
                u.rule.severity,
                shown,
                u.rule.description,
            )
        )
    return findings, counts, {rule: sorted(v) for rule, v in distinct.items()}


def run_suite(
    contract: Contract, typed: pl.DataFrame, file_name: str
) -> tuple[list[Finding], dict[str, int]]:
    """Validate one typed frame with the contract's suite;
    findings (capped per rule) and true counts."""
    findings, counts, _ = findings_from_suite(
        contract, suite_unexpected(contract, typed, grouped=False), file_name
    )
    return findings, counts
