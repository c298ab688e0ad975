"""What a check finds in a delivery: findings that name file, row, column, rule and value,
with advice in Dutch, and the result of checking one delivery.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from pipelines.lib.contracts import (
    load_contract,
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
    lines: Sequence[int] | None = (
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


class DeliveryUnreadable(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding
