"""Data contracts: ODCS v3 YAML in, everything the pipeline needs out.

One translator serves every source. From a contract it derives
- the column list with delivered header names, DuckDB types and polars dtypes,
- the DDL of the `raw.<source>` table,
- the rules (required, type, allowed values, ranges, patterns, keys, references, custom
  Great Expectations rules), each with its severity, which `verwachtingen.py` compiles into
  a Great Expectations suite.

Contract-specific behaviour lives in the contract (`customProperties`), not in code:
`deliveryFormat`, `filePatterns`, `revisionPeriod`, `latestPeriod` (how far after the arrival of
a delivery its periods may lie), `earliestPeriod` (the first period the monitor takes, e.g.
2022-01), `thousandsSeparator` (for `csv_nl`: "." when the chain partner groups thousands with a
dot, "" when a dot in a number is an error), and for editions `displayName` (as printed in source
lines), `reportingCadence` (maand, halfjaar, jaar or editie: how the source must cover a reporting
month) and `coverageLagMonths` (months a monthly source may lag behind the reporting month, e.g. CBS
publishes a month in the middle of the next) at the root;
`header` and `suppressedSymbol` on a property.
"""

from __future__ import annotations

import csv
import functools
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from pipelines.lib import paths
from pipelines.lib.contractmodel import (
    _LOGICAL_TO_POLARS,
    CADENCES,
    RAW_META_COLUMNS,
    SOURCES,
    TYPE_NAMES,
    Cadence,
    Column,
    Contract,
    ContractError,
    DefinitiveStatus,
    DeliveryFormat,
    PeriodLimit,
    PeriodUnit,
    Plausibility,
    Rule,
    Severity,
    period_start,
)

__all__ = [
    "CADENCES",
    "Cadence",
    "Column",
    "Contract",
    "ContractError",
    "DefinitiveStatus",
    "DeliveryFormat",
    "PeriodLimit",
    "PeriodUnit",
    "Plausibility",
    "RAW_META_COLUMNS",
    "Rule",
    "SOURCES",
    "Severity",
    "TYPE_NAMES",
    "period_start",
    "all_contracts",
    "case_level_sources",
    "load_contract",
    "reference_values",
]


def _custom(props: list[dict[str, Any]] | None) -> dict[str, Any]:
    return {p["property"]: p["value"] for p in (props or [])}


def _severity(value: Any, where: str) -> Severity:
    sev = (value or "error").lower()
    if sev not in ("error", "warning"):
        raise ContractError(f"{where}: severity moet 'error' of 'warning' zijn, niet {value!r}")
    return sev  # type: ignore[return-value]


def _property_rules(source: str, prop: dict[str, Any], col: Column) -> list[Rule]:
    rules: list[Rule] = []
    base = f"{source}.{col.name}"
    if col.required:
        rules.append(
            Rule(f"{base}.required", "required", "Verplicht veld is gevuld.", "error", (col.name,))
        )
    rules.append(
        Rule(
            f"{base}.type",
            "type",
            f"Waarde is een {TYPE_NAMES.get(col.logical_type, col.logical_type)}"
            + (f" ({col.date_format})" if col.date_format else "")
            + ".",
            "error",
            (col.name,),
        )
    )
    opts = prop.get("logicalTypeOptions") or {}
    lo, hi = opts.get("minimum"), opts.get("maximum")
    if lo is not None or hi is not None:
        rules.append(
            Rule(
                f"{base}.range",
                "range",
                f"Waarde ligt tussen {lo if lo is not None else '-∞'} en "
                f"{hi if hi is not None else '∞'}.",
                _severity(opts.get("rangeSeverity"), base),
                (col.name,),
                {"min_value": lo, "max_value": hi},
            )
        )
    if opts.get("pattern"):
        rules.append(
            Rule(
                f"{base}.pattern",
                "pattern",
                f"Waarde volgt het patroon {opts['pattern']}.",
                "error",
                (col.name,),
                {"regex": opts["pattern"]},
            )
        )
    if prop.get("unique"):
        rules.append(
            Rule(
                f"{base}.unique", "unique", "Waarde is uniek in de levering.", "error", (col.name,)
            )
        )
    for i, q in enumerate(prop.get("quality") or []):
        metric = q.get("metric")
        sev = _severity(q.get("severity"), f"{base}.quality[{i}]")
        if metric == "invalidValues" and "validValues" in (q.get("arguments") or {}):
            rules.append(
                Rule(
                    f"{base}.valid_values",
                    "valid_values",
                    (q.get("description") or "Waarde komt uit de toegestane lijst.")
                    + " Toegestaan: "
                    + ", ".join(map(str, q["arguments"]["validValues"]))
                    + ".",
                    sev,
                    (col.name,),
                    {"value_set": list(q["arguments"]["validValues"])},
                )
            )
        else:
            raise ContractError(f"{base}: kwaliteitsregel {q!r} wordt niet ondersteund")
    for rel in prop.get("relationships") or []:
        table, ref_col = str(rel["to"]).split(".", 1)
        rel_props = _custom(rel.get("customProperties"))
        rules.append(
            Rule(
                f"{base}.reference",
                "reference",
                rel_props.get("description")
                or f"Waarde komt voor in de referentielijst {table}.{ref_col} "
                f"(data/reference/{table}.csv).",
                _severity(rel_props.get("severity"), base),
                (col.name,),
                {
                    "table": table,
                    "column": ref_col,
                    "also_allowed": list(rel_props.get("alsoAllowed", [])),
                },
            )
        )
    return rules


def _schema_rules(source: str, obj: dict[str, Any], key: list[str]) -> list[Rule]:
    rules: list[Rule] = []
    if key:
        rules.append(
            Rule(
                f"{source}.primary_key",
                "primary_key",
                f"De sleutel ({', '.join(key)}) komt maar één keer voor.",
                "error",
                tuple(key),
            )
        )
    for i, q in enumerate(obj.get("quality") or []):
        where = f"{source}.quality[{i}]"
        sev = _severity(q.get("severity"), where)
        desc = q.get("description") or where
        if q.get("type") == "custom" and q.get("engine") == "great-expectations":
            impl = q["implementation"]
            kwargs = dict(impl.get("kwargs") or {})
            cols = tuple(v for k, v in sorted(kwargs.items()) if k.startswith("column"))
            # The rule is named by the contract (`name`), never by the Great Expectations class:
            # chain partners read the name in their findings.
            rules.append(
                Rule(
                    f"{source}.{q.get('name') or f'samenhang_{i}'}",
                    "gx",
                    desc,
                    sev,
                    cols,
                    {"expectation": impl["expectation"], "kwargs": kwargs},
                )
            )
        elif q.get("metric") == "rowCount":
            rules.append(
                Rule(
                    f"{source}.row_count",
                    "row_count",
                    desc,
                    sev,
                    (),
                    {"min_value": int(q.get("mustBeGreaterThan", 0)) + 1},
                )
            )
        else:
            raise ContractError(f"{where}: kwaliteitsregel {q!r} wordt niet ondersteund")
    return rules


def _latest_period(file_name: str, props: list[dict[str, Any]] | None) -> PeriodLimit | None:
    prop = next((p for p in props or [] if p.get("property") == "latestPeriod"), None)
    if prop is None:
        return None
    value = prop.get("value") or {}
    unit, ahead = value.get("unit"), value.get("ahead", 0)
    if unit not in ("month", "halfyear", "year") or not isinstance(ahead, int) or ahead < 0:
        raise ContractError(
            f"{file_name}: latestPeriod moet {{unit: month|halfyear|year, ahead: 0..}} zijn"
        )
    return PeriodLimit(
        unit, ahead, prop.get("description") or "De periode ligt niet na de aanlevering."
    )


def _earliest_period(file_name: str, props: list[dict[str, Any]] | None) -> date | None:
    prop = next((p for p in props or [] if p.get("property") == "earliestPeriod"), None)
    if prop is None:
        return None
    start = period_start(prop.get("value"))
    if start is None:
        raise ContractError(f"{file_name}: earliestPeriod moet een periode zijn, bv. 2022-01")
    return start


def _plausibility(file_name: str, props: list[dict[str, Any]] | None) -> Plausibility | None:
    prop = next((p for p in props or [] if p.get("property") == "plausibility"), None)
    if prop is None:
        return None
    v = prop.get("value") or {}
    try:
        watch = Plausibility(
            measures=tuple(v.get("measures") or ()),
            group_by=tuple(v.get("groupBy") or ()),
            where={str(k): str(x) for k, x in (v.get("where") or {}).items()},
            factor=float(v.get("factor", 10)),
            robust_z=float(v.get("robustZ", 6)),
            history=int(v.get("history", 24)),
            min_history=int(v.get("minHistory", 6)),
            min_step=float(v.get("minStep", 1.0)),
            period_like=str(v["periodLike"]) if v.get("periodLike") else None,
            row_count=bool(v.get("rowCount", False)),
            description=prop.get("description")
            or "Opvallend ten opzichte van de eigen geschiedenis van de bron.",
        )
    except (TypeError, ValueError) as exc:
        raise ContractError(f"{file_name}: plausibility is ongeldig ({exc})") from exc
    if (
        watch.factor <= 1
        or watch.robust_z <= 0
        or watch.history < watch.min_history
        or watch.min_history < 1
    ):
        raise ContractError(
            f"{file_name}: plausibility vraagt factor > 1, robustZ > 0 "
            "en history >= minHistory >= 1"
        )
    return watch


def _definitive_status(
    file_name: str, props: list[dict[str, Any]] | None
) -> DefinitiveStatus | None:
    prop = next((p for p in props or [] if p.get("property") == "definitiveStatus"), None)
    if prop is None:
        return None
    value = prop.get("value") or {}
    if not value.get("column") or not value.get("value"):
        raise ContractError(
            f"{file_name}: definitiveStatus moet {{column, value, measures}} hebben"
        )
    return DefinitiveStatus(
        str(value["column"]),
        str(value["value"]),
        tuple(value.get("measures") or ()),
        prop.get("description") or "Een definitieve periode is gewijzigd.",
    )


def _thousands_separator(file_name: str, custom: dict[str, Any]) -> str:
    if custom.get("deliveryFormat") != "csv_nl":
        return ""
    if "thousandsSeparator" not in custom:
        # A decimal-comma file is where '34.800' means 34800 to one partner and 34,8 to a parser:
        # each such contract must say which it is.
        raise ContractError(
            f"{file_name}: deliveryFormat csv_nl vraagt om thousandsSeparator ('.' of '')"
        )
    value = str(custom["thousandsSeparator"])
    if value not in (".", ""):
        raise ContractError(f"{file_name}: thousandsSeparator moet '.' of '' zijn, niet {value!r}")
    return value


_PYDANTIC_NL = {
    "missing": "ontbreekt",
    "extra_forbidden": "is geen veld van ODCS",
    "string_type": "moet tekst zijn",
    "bool_type": "moet true of false zijn",
    "int_type": "moet een geheel getal zijn",
    "list_type": "moet een lijst zijn",
    "dict_type": "moet een object zijn",
    "literal_error": "heeft een waarde die ODCS niet kent",
    "enum": "heeft een waarde die ODCS niet kent",
}


def _parse_odcs(path: Path) -> dict[str, Any]:
    """The contract file as a dict, after the ODCS model (open-data-contract-standard) accepted it:
    a broken contract stops the pipeline at start, naming the file and the element."""
    from open_data_contract_standard.model import OpenDataContractStandard
    from pydantic import ValidationError

    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (regel {where.line + 1})" if where is not None else ""
        raise ContractError(f"{path.name}: geen geldige YAML{line}; herstel het contract") from None
    if not isinstance(doc, dict):
        raise ContractError(
            f"{path.name}: geen ODCS-contract (verwacht een object met apiVersion, kind, schema)"
        )
    try:
        OpenDataContractStandard.model_validate(doc)
    except ValidationError as exc:
        problems = [
            f"{'.'.join(str(p) for p in e['loc']) or '(document)'} "
            f"{_PYDANTIC_NL.get(e['type'], 'is ongeldig')}"
            for e in exc.errors()[:5]
        ]
        raise ContractError(
            f"{path.name}: geen geldig ODCS-contract: {'; '.join(problems)}"
        ) from None
    return doc


@functools.cache
def load_contract(source: str) -> Contract:
    if source not in SOURCES:
        raise ContractError(f"onbekende bron {source!r}; bekend zijn: {', '.join(SOURCES)}")
    path = paths.contract_file(source)
    doc = _parse_odcs(path)
    try:
        return _build_contract(source, path, doc)
    except (KeyError, TypeError, ValueError) as exc:
        element = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        raise ContractError(
            f"{path.name}: onvolledig of ongeldig contract, element {element!r}"
        ) from None


def _build_contract(source: str, path: Path, doc: dict[str, Any]) -> Contract:
    custom = _custom(doc.get("customProperties"))
    if doc.get("name") != source or len(doc.get("schema") or []) != 1:
        raise ContractError(f"{path.name}: name moet {source!r} zijn met precies één schema-object")
    obj = doc["schema"][0]
    columns: list[Column] = []
    rules: list[Rule] = []
    for prop in obj["properties"]:
        pcustom = _custom(prop.get("customProperties"))
        opts = prop.get("logicalTypeOptions") or {}
        col = Column(
            name=prop["name"],
            header=pcustom.get("header", prop["name"]),
            logical_type=prop["logicalType"],
            physical_type=prop["physicalType"],
            required=bool(prop.get("required", False)),
            description=prop.get("description", ""),
            primary_key_position=prop.get("primaryKeyPosition") if prop.get("primaryKey") else None,
            suppressed_symbol=pcustom.get("suppressedSymbol"),
            date_format=opts.get("format")
            if prop["logicalType"] in ("date", "timestamp")
            else None,
        )
        if col.logical_type not in _LOGICAL_TO_POLARS:
            raise ContractError(
                f"{path.name}: {col.name}: logicalType {col.logical_type!r} niet ondersteund"
            )
        columns.append(col)
        rules.extend(_property_rules(source, prop, col))
    contract = Contract(
        source=source,
        version=str(doc["version"]),
        title=obj.get("description", source),
        purpose=(doc.get("description") or {}).get("purpose", ""),
        chain_partner=custom.get("chainPartner", ""),
        delivery_format=custom["deliveryFormat"],
        file_patterns=tuple(custom["filePatterns"]),
        revision_period=custom["revisionPeriod"],
        columns=tuple(columns),
        rules=(),
        path=path,
        display_name=str(custom.get("displayName") or source),
        cadence=custom.get("reportingCadence", "maand"),
        coverage_lag_months=int(custom.get("coverageLagMonths", 0)),
        thousands_separator=_thousands_separator(path.name, custom),
        latest_period=_latest_period(path.name, doc.get("customProperties")),
        earliest_period=_earliest_period(path.name, doc.get("customProperties")),
        definitive_status=_definitive_status(path.name, doc.get("customProperties")),
        case_level=bool(custom.get("caseLevel", False)),
        plausibility=_plausibility(path.name, doc.get("customProperties")),
    )
    if contract.cadence not in CADENCES:
        raise ContractError(
            f"{path.name}: reportingCadence {contract.cadence!r} is geen van {', '.join(CADENCES)}"
        )
    if not 0 <= contract.coverage_lag_months <= 12:
        raise ContractError(f"{path.name}: coverageLagMonths moet tussen 0 en 12 liggen")
    if contract.revision_period not in contract.column_names:
        raise ContractError(
            f"{path.name}: revisionPeriod {contract.revision_period!r} is geen kolom"
        )
    rules.extend(_schema_rules(source, obj, contract.primary_key))
    watch = contract.plausibility
    if watch is not None:
        unknown = [
            c
            for c in (*watch.measures, *watch.group_by, *watch.where)
            if c not in contract.column_names
        ]
        if unknown:
            raise ContractError(f"{path.name}: plausibility noemt onbekende kolommen {unknown}")
        if watch.measures:
            rules.append(
                Rule(
                    f"{source}.plausibel",
                    "plausibility",
                    watch.description,
                    "warning",
                    watch.measures,
                )
            )
        if watch.row_count:
            rules.append(Rule(f"{source}.volume", "plausibility", watch.description, "warning", ()))
    status = contract.definitive_status
    if status is not None:
        unknown = [c for c in (status.column, *status.measures) if c not in contract.column_names]
        if unknown or not status.measures:
            raise ContractError(f"{path.name}: definitiveStatus noemt onbekende kolommen {unknown}")
        rules.append(
            Rule(
                f"{source}.definitief_herzien",
                "definitive_revision",
                status.description,
                "warning",
                status.measures,
            )
        )
    if contract.latest_period is not None:
        rules.append(
            Rule(
                f"{source}.{contract.revision_period}.toekomst",
                "period",
                contract.latest_period.description,
                "error",
                (contract.revision_period,),
            )
        )
    if contract.earliest_period is not None:
        rules.append(
            Rule(
                f"{source}.{contract.revision_period}.voor_begin",
                "period",
                f"De ketenmonitor neemt perioden vanaf {contract.earliest_period:%Y-%m} aan; "
                "eerdere horen niet in een levering.",
                "error",
                (contract.revision_period,),
                {"begin": contract.earliest_period.isoformat()},
            )
        )
    return Contract(**{**contract.__dict__, "rules": tuple(rules)})


def all_contracts() -> list[Contract]:
    return [load_contract(s) for s in SOURCES]


def case_level_sources() -> tuple[str, ...]:
    """Sources whose rows are individual cases: their delivered values never leave
    the internal warehouse."""
    return tuple(c.source for c in all_contracts() if c.case_level)


@functools.cache
def reference_values(table: str, column: str) -> frozenset[str]:
    """The allowed values of a reference list in data/reference/<table>.csv."""
    path = paths.REFERENCE_DIR / f"{table}.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if column not in (reader.fieldnames or []):
            raise ContractError(f"{path.name} heeft geen kolom {column!r}")
        return frozenset(row[column] for row in reader)
