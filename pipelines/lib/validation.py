"""Check one delivery against its contract, before anything is committed.

The steps, each producing `Finding`s that name file, row, column, rule and value:
1. read the file as text, exactly as delivered (format errors: encoding, ragged rows);
2. check the header against the contract (missing columns);
3. cast every column to its contract type (values that do not cast);
4. run the contract's Great Expectations suite on the typed data (required, allowed
   values, ranges, patterns, keys, references, custom rules).
A delivery with any error-severity finding is rejected as a whole; warnings load and are
reported. Great Expectations is imported lazily, once per process (it costs seconds).
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import io
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl

from pipelines.lib import cbs_odata
from pipelines.lib.contracts import (
    TYPE_NAMES,
    Contract,
    Rule,
    load_contract,
    period_start,
    reference_values,
)
from pipelines.lib.formatting import aantal

MAX_FINDINGS_PER_RULE = 25
MAX_SUMMARY_VALUES = 12

_ADVICE = {
    "required": "Vul de ontbrekende waarde in en lever het bestand opnieuw aan.",
    "type": "Corrigeer de waarde naar het voorgeschreven type en formaat en lever opnieuw aan.",
    "valid_values": "Gebruik een van de toegestane waarden en lever opnieuw aan.",
    "reference": "Gebruik een code uit de referentielijst en lever opnieuw aan.",
    "range": "Controleer de waarde bij de bron; lever een gecorrigeerd bestand aan.",
    "pattern": "Schrijf de waarde in het voorgeschreven formaat en lever opnieuw aan.",
    "unique": "Verwijder de dubbele rij of corrigeer de waarde en lever opnieuw aan.",
    "primary_key": "Elke sleutel mag één keer voorkomen: verwijder of corrigeer de dubbele rijen "
    "en lever opnieuw aan.",
    "gx": "Controleer de samenhang van deze waarden bij de bron en lever opnieuw aan.",
    "row_count": "Lever een bestand met gegevens aan.",
    "column": "Gebruik de kopregel uit het datacontract en lever opnieuw aan.",
    "file": "Lever een leesbaar bestand in het afgesproken formaat aan (zie het datacontract).",
    "period": "Controleer jaar en maand van de periode en lever een gecorrigeerd bestand aan.",
}
# A warning loads with the delivery: it says what to check, never to deliver again.
_WARNING_ADVICE = {
    "gx": "Geladen; controleer de samenhang van deze waarden bij de bron.",
    "column": "Geladen zonder deze kolom; laat haar in volgende leveringen weg of vraag om een "
    "wijziging van het datacontract.",
    "plausibility": "Geladen; controleer het cijfer bij de bron en stuur zo nodig een correctie.",
    "order": (
        "Geladen en bewaard; zijn dit correcties, zet dan de datum van vandaag in de bestandsnaam."
    ),
    "definitive_revision": (
        "Geladen; controleer bij de bron waarom een definitieve periode is gewijzigd."
    ),
}
_WARNING_DEFAULT = "Geladen; controleer de waarde bij de bron."


@dataclass(frozen=True)
class Finding:
    """One broken rule (a *controle*) in one place of a delivery. `row` is the 1-based data row;
    `line` the line an editor shows for it in a text file (the header is line 1), None for a
    Parquet or JSON file, which have no lines."""

    file: str
    row: int | None
    column: str | None
    rule: str
    kind: str
    severity: str
    value: str | None
    description: str
    line: int | None = None

    @property
    def place(self) -> str | None:
        """'regel 5' in a text file, 'rij 4' in a Parquet or JSON file;
        None for the file as a whole."""
        if self.line is not None:
            return f"regel {self.line}"
        return None if self.row is None else f"rij {self.row}"

    @property
    def message(self) -> str:
        where = [self.file]
        if self.place is not None:
            where.append(self.place)
        if self.column is not None:
            where.append(f"kolom '{self.column}'")
        value = "" if self.value is None else f" waarde '{self.value}':"
        if self.severity == "error":
            level, advice = "fout", _ADVICE.get(self.kind, "")
        else:
            level, advice = "waarschuwing", _WARNING_ADVICE.get(self.kind, _WARNING_DEFAULT)
        return (
            f"{', '.join(where)}:{value} {level} bij controle {self.rule} "
            f"({self.description}) {advice}"
        ).strip()


def _column_order(source: str) -> dict[str, int]:
    try:
        return {c.header: i for i, c in enumerate(load_contract(source).columns)}
    except Exception:  # noqa: BLE001  an unknown source only loses the column order
        return {}


def in_file_order(source: str, findings: list[Finding]) -> list[Finding]:
    """Findings as the partner reads the file: the file and its header first, then by row, then by
    the column's place in the contract (a column not in it last)."""
    order = _column_order(source)

    def key(f: Finding) -> tuple[int, int, int, str]:
        first = (f.column or "").split(", ")[0]
        return (
            0 if f.row is None else 1,
            f.row or 0,
            order.get(first, len(order)) if f.column else -1,
            f.rule,
        )

    return sorted(findings, key=key)


@dataclass
class ValidationResult:
    source: str
    file: Path
    contract_version: str
    data: pl.DataFrame | None
    findings: list[Finding]
    counts: dict[str, int]
    values: dict[str, list[str]] = field(default_factory=dict)
    lines: list[int] | None = (
        None  # the editor line of each data row (text files); None for Parquet, JSON
    )

    def __post_init__(self) -> None:
        self.findings = self._located(self.findings)

    def _located(self, findings: list[Finding]) -> list[Finding]:
        if self.lines is None:
            return in_file_order(self.source, findings)
        return in_file_order(
            self.source,
            [
                dataclasses.replace(f, line=self.lines[f.row - 1])
                if f.line is None and f.row is not None and 0 < f.row <= len(self.lines)
                else f
                for f in findings
            ],
        )

    def add(self, findings: list[Finding], counts: dict[str, int]) -> None:
        """More findings (from the warehouse's history), placed on their lines and in file order."""
        self.findings = self._located([*self.findings, *findings])
        self.counts.update(counts)

    @property
    def unit(self) -> tuple[str, str]:
        """How a place in this file is counted: lines in a text file, rows in Parquet or JSON."""
        return ("regel", "regels") if self.lines is not None else ("rij", "rijen")

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def occurrences(self, findings: list[Finding]) -> int:
        """How often the rules behind these findings were broken (findings are capped per rule)."""
        return sum(self.counts.get(rule, 1) for rule in {f.rule for f in findings})

    @property
    def accepted(self) -> bool:
        return not self.errors and self.data is not None

    def rule_summary(self, rule: str) -> str:
        """How often a rule was broken and with which distinct values
        ("waarden A, B; 426 regels")."""
        n = self.counts.get(rule, 1)
        values = self.values.get(rule) or []
        shown = ", ".join(values[:MAX_SUMMARY_VALUES])
        if len(values) > MAX_SUMMARY_VALUES:
            shown += f" en {len(values) - MAX_SUMMARY_VALUES} andere"
        rows = aantal(n, *self.unit)
        return f"waarden {shown}; {rows}" if values else rows

    def reason_lines(self, severity: str = "error") -> list[str]:
        """The findings of one severity as people read them: per rule its total and distinct values,
        then up to MAX_FINDINGS_PER_RULE examples. One text for valideer,
        the run log and quarantine."""
        lines: list[str] = []
        by_rule: dict[str, list[Finding]] = {}
        for f in self.findings:
            if f.severity == severity:
                by_rule.setdefault(f.rule, []).append(f)
        for rule, findings in by_rule.items():
            total = self.counts.get(rule, len(findings))
            if total > 1:
                first = findings[0]
                lines.append(
                    f"controle {rule} ({first.description}): {self.rule_summary(rule)}"
                    + (f"; de eerste {len(findings)}:" if total > len(findings) else ":")
                )
                lines.extend(f"  {f.message}" for f in findings)
            else:
                lines.extend(f.message for f in findings)
        return lines

    def summary(self) -> str:
        if self.accepted:
            return (
                f"{self.file.name}: geaccepteerd, {aantal(self.data.height, 'rij', 'rijen')}, "  # type: ignore[union-attr]
                f"{aantal(len(self.warnings), 'waarschuwing', 'waarschuwingen')}"
            )
        return (
            f"{self.file.name}: afgewezen, "
            f"{aantal(self.occurrences(self.errors), 'fout', 'fouten')} "
            f"bij {aantal(len({f.rule for f in self.errors}), 'controle', 'controles')}"
        )


class _DeliveryUnreadable(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


# ---------------------------------------------------------------------------- reading


def _file_finding(path: Path, description: str, row: int | None = None) -> Finding:
    return Finding(path.name, row, None, "bestandsformaat", "file", "error", None, description)


_SPREADSHEETS = (
    (b"PK\x03\x04", b"xl/", "een Excel-werkmap (.xlsx)"),
    (b"PK\x03\x04", b"opendocument.spreadsheet", "een OpenDocument-rekenblad (.ods)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"", "een Excel 97-2003-werkmap (.xls)"),
)


def _not_text(data: bytes) -> str | None:
    """What the file is when it is not a text file at all, in words a chain partner recognises."""
    for magic, marker, what in _SPREADSHEETS:
        if data.startswith(magic) and marker in data[:65536]:
            return (
                f"het bestand is {what}, geen CSV-tekstbestand; open het in het rekenprogramma en "
                "kies Opslaan als, CSV UTF-8, met het scheidingsteken uit het datacontract"
            )
    if data.startswith(b"PK\x03\x04"):
        return (
            "het bestand is een zip-archief, geen CSV-tekstbestand; lever het uitgepakte "
            "CSV-bestand aan"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "het bestand is in UTF-16 opgeslagen; sla het op als CSV UTF-8"
    if b"\x00" in data[:65536]:
        return (
            "het bestand bevat binaire gegevens (NUL-tekens), het is geen tekstbestand; "
            "lever het CSV-bestand aan"
        )
    return None


def _decode(path: Path) -> str:
    data = path.read_bytes()
    what = _not_text(data)
    if what:
        raise _DeliveryUnreadable(_file_finding(path, what))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = f"het bestand is geen geldige UTF-8 (byte {exc.start}, regel {line})"
        try:
            ansi = data.decode("cp1252")
        except UnicodeDecodeError:
            ansi = None
        if ansi is not None:
            shown = ansi.splitlines()[line - 1].strip()[:80]
            text += (
                f"; het lijkt in Windows-1252 (ANSI) opgeslagen, dan leest regel {line} als "
                f"'{shown}'. Sla het bestand op als CSV UTF-8"
            )
        raise _DeliveryUnreadable(_file_finding(path, text)) from exc


_CSV_ERRORS = {
    "unexpected end of data": (
        "het bestand houdt op binnen een veld tussen aanhalingstekens (niet gesloten?)"
    ),
    "expected after": (
        "na een sluitend aanhalingsteken hoort een scheidingsteken of het einde van de regel"
    ),
    "new-line character seen in unquoted field": (
        "een regeleinde midden in een veld zonder aanhalingstekens"
    ),
    "field larger than field limit": "een veld is langer dan toegestaan",
    "line contains nul": "het bestand bevat een NUL-teken (geen tekstbestand?)",
}


def _csv_error(exc: csv.Error) -> str:
    text = str(exc)
    return next(
        (nl for en, nl in _CSV_ERRORS.items() if en in text.lower()), "de regel is geen geldige CSV"
    )


def _plain_csv(text: str, separator: str) -> tuple[pl.DataFrame, list[int]] | None:
    """The common case read by Polars' native reader: no quotes, no carriage returns, every line
    with the header's number of fields and unique header names. Then the cells are exactly those
    of splitting each line, and data row n is the n-th non-blank line after the header, as in the
    csv module's reading. Anything else (None) goes through the csv module, which names the line.
    With the frame: the line number of each data row."""
    if '"' in text or "\r" in text:
        return None
    numbered = [(number, line) for number, line in enumerate(text.split("\n"), start=1) if line]
    lines = [line for _, line in numbered]
    if len(lines) < 2:
        return None
    fields = lines[0].count(separator)
    header = lines[0].split(separator)
    if len(set(header)) != len(header) or any(line.count(separator) != fields for line in lines):
        return None
    frame = pl.read_csv(
        io.StringIO("\n".join(lines)),
        separator=separator,
        has_header=True,
        quote_char=None,
        infer_schema=False,
        empty_string_is_null=False,
        raise_if_empty=False,
    )
    if frame.height != len(lines) - 1 or frame.columns != header:
        return None
    return frame, [number for number, _ in numbered[1:]]


def _read_csv_text(path: Path, separator: str) -> pl.DataFrame:
    """All cells as text, as delivered."""
    return _read_csv_lines(path, separator)[0]


def _read_csv_lines(path: Path, separator: str) -> tuple[pl.DataFrame, list[int]]:
    """All cells as text, as delivered, and the line each data row starts on (the header is line 1,
    as an editor counts). Python's csv module gives exact line numbers."""
    text = _decode(path)
    if not text.strip():
        raise _DeliveryUnreadable(_file_finding(path, "het bestand is leeg"))
    header_line = text.split("\n", 1)[0]
    other = "," if separator == ";" else ";"
    if separator not in header_line and len(header_line.split(other)) > 1:
        raise _DeliveryUnreadable(
            _file_finding(
                path,
                f"de kopregel is gescheiden met '{other}', dit contract schrijft '{separator}' "
                f"voor; sla het bestand op met '{separator}' als scheidingsteken",
            )
        )
    plain = _plain_csv(text, separator)
    if plain is not None:
        return plain
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    try:
        header = [h for h in next(reader)]
        rows: list[list[str]] = []
        starts: list[int] = []
        previous = reader.line_num
        for row in reader:
            start, previous = previous + 1, reader.line_num
            if not row or row == [""]:
                continue
            if len(row) != len(header):
                raise _DeliveryUnreadable(
                    dataclasses.replace(
                        _file_finding(
                            path,
                            f"de regel heeft {len(row)} velden, de kopregel {len(header)}; "
                            f"controleer het scheidingsteken '{separator}' en aanhalingstekens",
                            row=len(rows) + 1,
                        ),
                        line=start,
                    )
                )
            rows.append(row)
            starts.append(start)
    except csv.Error as exc:
        raise _DeliveryUnreadable(
            _file_finding(path, f"ongeldige CSV op regel {reader.line_num}: {_csv_error(exc)}")
        ) from exc
    for number, row in enumerate(rows, start=1):
        broken = next((i for i, v in enumerate(row) if "\n" in v or "\r" in v), None)
        if broken is not None:
            shown = row[broken].replace("\r", "").replace("\n", "⏎")
            raise _DeliveryUnreadable(
                Finding(
                    path.name,
                    number,
                    header[broken],
                    "bestandsformaat",
                    "file",
                    "error",
                    shown,
                    "het veld bevat een regelovergang (tussen aanhalingstekens); "
                    "een waarde staat op één regel",
                    starts[number - 1],
                )
            )
    doubles = sorted({h for h in header if header.count(h) > 1})
    if doubles:
        raise _DeliveryUnreadable(
            _file_finding(
                path, "dubbele kolomnamen in de kopregel: " + ", ".join(f"'{h}'" for h in doubles)
            )
        )
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in header]
    return pl.DataFrame(
        {h: list(col) for h, col in zip(header, columns, strict=True)},
        schema={h: pl.Utf8 for h in header},
    ), starts


def _read_parquet_text(path: Path) -> pl.DataFrame:
    try:
        df = pl.read_parquet(path)
    except Exception as exc:  # polars raises several error types for a corrupt file
        # polars' own text is English and may name the folder; say what it means instead
        raise _DeliveryUnreadable(
            _file_finding(
                path,
                "geen leesbaar Parquet-bestand (beschadigd, afgebroken of geen Parquet); "
                "lever het bestand opnieuw aan zoals het bronsysteem het schrijft",
            )
        ) from exc
    return df.with_columns(pl.all().cast(pl.Utf8))


def read_text_frame(contract: Contract, path: Path) -> pl.DataFrame:
    """The delivery as a frame of text columns named as delivered."""
    return read_text_lines(contract, path)[0]


def read_text_lines(contract: Contract, path: Path) -> tuple[pl.DataFrame, list[int] | None]:
    """The delivery as a frame of text columns named as delivered, and for a text file the line
    each data row starts on (None for Parquet and CBS JSON, which have no lines)."""
    fmt = contract.delivery_format
    if fmt == "cbs_odata":
        try:
            frame = cbs_odata.read_delivery(path)
            delivered = {key for row in cbs_odata.read_envelope(path) for key in row}
        except cbs_odata.CbsOdataError as exc:
            # the finding names the delivery already; a code list's own name stays in the text
            raise _DeliveryUnreadable(
                _file_finding(path, str(exc).removeprefix(f"{path.name}: "))
            ) from exc
        # A field no row carries is a missing column, not a column of empty cells.
        absent = [c for c in cbs_odata.DATASET_COLUMNS if c not in delivered]
        return (frame.drop(absent) if frame.height else frame), None
    if fmt == "parquet_or_csv" and path.suffix.lower() == ".parquet":
        return _read_parquet_text(path), None
    return _read_csv_lines(path, ";" if fmt == "csv_nl" else ",")


# ---------------------------------------------------------------------------- typing


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


def _type_findings(
    contract: Contract, path: Path, text: pl.DataFrame
) -> tuple[pl.DataFrame, list[Finding], dict[str, int], dict[str, list[str]], set[tuple[int, str]]]:
    """Cast to the contract types; every value that does not cast is a finding."""
    typed = text.select([_cast_expr(contract, c).alias(c) for c in contract.column_names])
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    values: dict[str, list[str]] = {}
    uncastable: set[tuple[int, str]] = set()
    for col in contract.columns:
        original = text[col.name].str.strip_chars()
        bad = original.is_not_null() & (original != "") & typed[col.name].is_null()
        if col.suppressed_symbol:
            bad = bad & (original != col.suppressed_symbol)
        idx = bad.arg_true()
        uncastable.update((i + 1, col.header) for i in idx.to_list())
        if len(idx):
            rule = f"{contract.source}.{col.name}.type"
            counts[rule] = len(idx)
            values[rule] = sorted(set(original.gather(idx).to_list()))
            for i in idx[:MAX_FINDINGS_PER_RULE].to_list():
                findings.append(
                    Finding(
                        path.name,
                        i + 1,
                        col.header,
                        rule,
                        "type",
                        "error",
                        original[i],
                        _type_description(contract, col, original[i]),
                    )
                )
    flags = [
        (pl.col(c.name).str.strip_chars() == c.suppressed_symbol)
        .fill_null(False)
        .alias(f"{c.name}_onderdrukt")
        for c in contract.columns
        if c.suppressed_symbol
    ]
    if flags:
        typed = typed.with_columns(text.select(flags))
    return typed, findings, counts, values, uncastable


# ---------------------------------------------------------------------------- expectations

_gx_lock = threading.Lock()
_gx_state: dict[str, Any] = {}


def _gx() -> tuple[Any, Any, Any]:
    """(gx module, expectations module, batch definition), created once per process."""
    with _gx_lock:
        if not _gx_state:
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
            batch_def = (
                context.data_sources.add_pandas("ketenmonitor")
                .add_dataframe_asset("levering")
                .add_batch_definition_whole_dataframe("geheel")
            )
            _gx_state.update(gx=gx, gxe=gxe, batch_def=batch_def)
        return _gx_state["gx"], _gx_state["gxe"], _gx_state["batch_def"]


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


def _format_value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return ", ".join(f"{k}={_format_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_format_value(v)) for v in value)
    if hasattr(value, "date") and hasattr(value, "hour"):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return None if text in ("nan", "NaT", "None", "<NA>") else text


GROUP_COLUMN = "__levering"


@dataclass(frozen=True)
class _Unexpected:
    rule: Rule
    index: int | None  # 0-based position in the validated frame; None for table-level rules
    value: Any


def _suite_unexpected(
    contract: Contract, typed: pl.DataFrame, *, grouped: bool
) -> list[_Unexpected]:
    """Run the contract's suite over a frame; every unexpected row, uncapped.

    `grouped`: the frame holds several deliveries told apart by GROUP_COLUMN. Key rules then
    hold per delivery (the column joins the key), and the row count is checked per delivery
    by the caller, so one Great Expectations pass serves a whole batch of files.
    """
    _, gxe, batch_def = _gx()
    suite = build_suite(contract)
    if grouped:
        for exp in list(suite.expectations):
            rule_id = exp.meta["rule_id"]
            rule = next(r for r in contract.rules if r.rule_id == rule_id)
            if rule.kind in ("primary_key", "unique"):
                suite.delete_expectation(exp)
                suite.add_expectation(
                    gxe.ExpectCompoundColumnsToBeUnique(
                        column_list=[*rule.columns, GROUP_COLUMN], meta=exp.meta
                    )
                )
            elif rule.kind == "row_count":
                suite.delete_expectation(exp)
    rules = {r.rule_id: r for r in contract.rules}
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
    result = batch.validate(suite, result_format={"result_format": "COMPLETE"})
    unexpected: list[_Unexpected] = []
    for res in result.results:
        rule = rules[res.expectation_config.meta["rule_id"]]
        if res.exception_info.get("raised_exception"):
            raise RuntimeError(
                f"regel {rule.rule_id} kon niet worden uitgevoerd: "
                f"{res.exception_info.get('exception_message')}"
            )
        if res.success:
            continue
        info = res.result or {}
        if rule.kind == "row_count":
            unexpected.append(_Unexpected(rule, None, info.get("observed_value")))
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
        for idx, value in zip(indices, _values_at(typed, rule, indices), strict=True):
            unexpected.append(_Unexpected(rule, idx, value))
    return unexpected


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
    return _format_value(value)


def _findings(
    contract: Contract,
    unexpected: list[_Unexpected],
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
    findings, counts, _ = _findings(
        contract, _suite_unexpected(contract, typed, grouped=False), file_name
    )
    return findings, counts


# ---------------------------------------------------------------------------- the whole check


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
    values = typed[column.name].to_list()
    starts = {v: period_start(v) for v in set(values)}
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    shown_values: dict[str, list[str]] = {}
    for rule in (r for r in contract.rules if r.kind == "period"):
        if rule.rule_id.endswith(".voor_begin"):
            first = date.fromisoformat(rule.params["begin"])
            bad = [i for i, v in enumerate(values) if starts[v] is not None and starts[v] < first]
            desc = f"de periode ligt voor {first:%Y-%m}. {rule.description}"
        elif contract.latest_period is not None:
            limit = contract.latest_period
            last = limit.last_start(arrival)
            bad = [i for i, v in enumerate(values) if (starts[v] or last) > last]
            desc = (
                f"de periode ligt na {limit.label(last)}; bij aanlevering op {arrival:%Y-%m-%d} "
                f"kan dat niet. {rule.description}"
            )
        else:
            continue
        if not bad:
            continue
        shown = [_format_value(values[i]) or "" for i in bad]
        findings += [
            Finding(
                path.name, i + 1, column.header, rule.rule_id, "period", "error", shown[k], desc
            )
            for k, i in enumerate(bad[:MAX_FINDINGS_PER_RULE])
        ]
        counts[rule.rule_id] = len(bad)
        shown_values[rule.rule_id] = sorted(set(shown))
    return findings, counts, shown_values


@dataclass
class _Prepared:
    path: Path
    typed: pl.DataFrame
    findings: list[Finding]
    counts: dict[str, int]
    values: dict[str, list[str]]
    uncastable: set[tuple[int, str]]
    lines: list[int] | None


def _prepare(contract: Contract, path: Path, arrival: date) -> _Prepared | ValidationResult:
    """Read, check the header and type one file; a ValidationResult when it cannot go further."""
    try:
        text, lines = read_text_lines(contract, path)
    except _DeliveryUnreadable as exc:
        return ValidationResult(
            contract.source, path, contract.version, None, [exc.finding], {exc.finding.rule: 1}
        )

    rename = {c.header: c.name for c in contract.columns}
    missing = [c for c in contract.columns if c.header not in text.columns]
    unknown = [h for h in text.columns if h not in rename]
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
    extra = [h for h in text.columns if h not in rename]
    text = text.select([pl.col(c.header).alias(c.name) for c in contract.columns])
    typed, findings, counts, values, uncastable = _type_findings(contract, path, text)
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


# A first load of years of monthly files goes through the suite in batches of about this many rows:
# one Great Expectations pass per batch, and memory bounded by the batch, not by the history.
BATCH_ROWS = 1_000_000


def validate_deliveries(
    contract: Contract, files: list[Path], *, arrival: date | None = None
) -> list[ValidationResult]:
    """Validate several deliveries of one source, each on its own merits (see iter_validated)."""
    return list(iter_validated(contract, files, arrival=arrival))


def iter_validated(
    contract: Contract, files: list[Path], *, arrival: date | None = None
) -> Iterator[ValidationResult]:
    """The result of each file, in order, validated in batches of about BATCH_ROWS rows.

    Great Expectations has a fixed cost per validation; a first load of years of monthly
    files pays it once per batch instead of once per file. Keys are unique per delivery, not across.
    `arrival` (default: today in Europe/Amsterdam) bounds the periods a delivery may hold.
    """
    arrival = arrival or arrival_today()
    batch: list[_Prepared | ValidationResult] = []
    rows = 0
    for path in files:
        item = _prepare(contract, path, arrival)
        batch.append(item)
        if isinstance(item, _Prepared):
            rows += item.typed.height
        if rows >= BATCH_ROWS:
            yield from _validate_batch(contract, batch)
            batch, rows = [], 0
    yield from _validate_batch(contract, batch)


def _validate_batch(
    contract: Contract, prepared: list[_Prepared | ValidationResult]
) -> list[ValidationResult]:
    ready = [p for p in prepared if isinstance(p, _Prepared)]
    unexpected: list[_Unexpected] = []
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
        unexpected = _suite_unexpected(contract, batch, grouped=True)
        del batch

    def owner(index: int) -> tuple[int, int]:
        """global row -> (index in ready, 1-based row in its file)"""
        i = bisect.bisect_right(starts, index) - 1
        return i, index - starts[i] + 1

    per_file: dict[int, list[_Unexpected]] = {}
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
        suite_findings, suite_counts, suite_values = _findings(
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
