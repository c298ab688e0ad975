"""The published snapshot as CSV files and one Excel workbook, for readers without DuckDB
(`ketenmonitor export`): figures as numbers with the decimals the reports show,
text formula-safe."""

from __future__ import annotations

import io
import math
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

from pipelines.lib import csvsafe, formatting
from pipelines.lib.publish import SCHEMA, connect_snapshot, quote_ident

csv_safe = csvsafe.neutralise  # the one formula-safe CSV writer, shared with the report attachments


# How the reports publish the snapshot's fractional columns: decimals per column (first match).
# Any other fraction gets at most 4 decimals, without trailing zeros: never float noise.
EXPORT_DECIMALEN: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"(_pct|percentage)$"), 1),  # percentages as in the tables: 93,8
    (re.compile(r"_mln$"), 1),  # € mln
    (re.compile(r"_per_dag$"), 2),  # the Oekraïne normbedrag per plek per dag: 71,00
    (re.compile(r"^(kosten|kostprijs)"), 0),  # other amounts in euros
    (
        re.compile(
            r"^(projectie_jaareinde|mpp_(min|midden|max)|verschil_midden|doorlooptijd_\w+)$"
        ),
        0,
    ),  # persons, days
    (
        re.compile(r"^(geclaimd_waarde|gemeten_waarde|tolerantie)$"),
        1,
    ),  # as the claims table shows them
)


def export_decimalen(column: str) -> int | None:
    """The decimals a fractional column is exported with (None: at most 4, as needed)."""
    return next((n for pattern, n in EXPORT_DECIMALEN if pattern.search(column)), None)


def _export_tekst(value: Any) -> str:
    """A nested value (a list element, a struct field) as readable text."""
    out = export_waarde(value)
    return out if isinstance(out, str) else str(out)


def export_waarde(value: Any, decimalen: int | None = None) -> str | int:
    """A snapshot value as Dutch Excel reads it from a CSV: a decimal comma and no thousands
    separator, rounded to `decimalen` (see EXPORT_DECIMALEN); ja/nee; ISO dates (a timestamp with a
    space, which Excel recognises); a list as `a, b` and a struct as `(veld: waarde; ...)`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        if not math.isfinite(value):
            return ""
        text = format(formatting.afgerond(value, 4 if decimalen is None else decimalen), "f")
        if decimalen is None and "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace(".", ",")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_export_tekst(v) for v in value)
    if isinstance(value, dict):
        return "(" + "; ".join(f"{k}: {_export_tekst(v)}" for k, v in value.items()) + ")"
    return str(value)


def export_csv(out_dir: Path, snapshot: Path | None = None) -> list[Path]:
    """Every rapportage table as CSV for Dutch Excel: UTF-8 with BOM (so Excel detects the
    encoding), `;`-separated, figures with a decimal comma and rounded as published, ja/nee, lists
    as text (`export_waarde`); text cells neutralised against formula injection (csvsafe)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with connect_snapshot(snapshot) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "select table_name from duckdb_tables() where schema_name = $s order by table_name",
                {"s": SCHEMA},
            ).fetchall()
        ]
        for name in names:
            cursor = conn.execute(f"select * from {SCHEMA}.{quote_ident(name)}")
            header = [d[0] for d in cursor.description]
            decimalen = [export_decimalen(h) for h in header]
            rows = (
                [export_waarde(v, n) for v, n in zip(row, decimalen, strict=True)]
                for row in cursor.fetchall()
            )
            target = out_dir / f"{name}.csv"
            with target.open("w", encoding="utf-8-sig", newline="") as fh:
                csvsafe.write(fh, header, rows)
            written.append(target)
    return written


EXPORT_WERKBOEK = "rapportage.xlsx"
_EXCEL_MAX_TEKST = 32_767  # characters in one Excel cell
_INGEKORT = (
    " … (ingekort: Excel houdt niet meer tekens in één cel; de volledige waarde staat "
    "in de snapshot)"
)


def _excel_tekst(text: str) -> str:
    """Text that fits one cell: Excel keeps at most 32.767 characters (the full source file list of
    `publicatie` can be longer); a cut says so instead of losing the end silently."""
    if len(text) <= _EXCEL_MAX_TEKST:
        return text
    return text[: _EXCEL_MAX_TEKST - len(_INGEKORT)] + _INGEKORT


def _bladnamen(tables: list[str]) -> list[str]:
    """Excel sheet names (at most 31 characters, case-blind unique) for the table names."""
    out: list[str] = []
    for name in tables:
        candidate, n = name[:31], 2
        while candidate.lower() in {o.lower() for o in out} | {"inhoud"}:
            candidate, n = f"{name[: 31 - len(str(n)) - 1]}~{n}", n + 1
        out.append(candidate)
    return out


def export_xlsx(out_dir: Path, snapshot: Path | None = None) -> Path:
    """Every rapportage table as a sheet of one workbook (`rapportage.xlsx`), for who wants the
    snapshot in Excel without a CSV import: numbers as numbers (rounded like the CSV), dates as
    dates, ja/nee, lists as text; text always as text, never a formula. A first sheet "Inhoud"
    lists the tables with their description and the edition. Deterministic: dated with the
    edition's publication."""
    out_dir.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    bold = wb.add_format({"bold": True, "bottom": 1})
    formats: dict[str, Any] = {}

    def fmt(pattern: str) -> Any:
        if pattern not in formats:
            formats[pattern] = wb.add_format({"num_format": pattern})
        return formats[pattern]

    with connect_snapshot(snapshot) as conn:
        tables = conn.execute(
            "select table_name, coalesce(comment, '') from duckdb_tables() where schema_name = $s "
            "order by table_name",
            {"s": SCHEMA},
        ).fetchall()
        editie, gepubliceerd = conn.execute(
            "select editie, gepubliceerd_op from rapportage.publicatie"
        ).fetchall()[0]
        wb.set_properties(
            {
                "title": f"Ketenmonitor Asiel en Migratie, snapshot editie {editie}",
                "comments": f"Editie {editie}",
                "created": gepubliceerd,
            }
        )
        inhoud = wb.add_worksheet("Inhoud")
        namen = _bladnamen([t for t, _ in tables])
        for (table, _comment), blad in zip(tables, namen, strict=True):
            ws = wb.add_worksheet(blad)
            cursor = conn.execute(f"select * from {SCHEMA}.{quote_ident(table)}")
            header = [d[0] for d in cursor.description]
            decimalen = [export_decimalen(h) for h in header]
            for j, h in enumerate(header):
                ws.write_string(0, j, h, bold)
                ws.set_column(j, j, max(10, min(len(h) + 2, 40)))
            rows = cursor.fetchall()
            for i, row in enumerate(rows, start=1):
                for j, (value, n) in enumerate(zip(row, decimalen, strict=True)):
                    if value is None:
                        continue
                    if isinstance(value, bool):
                        ws.write_string(i, j, "ja" if value else "nee")
                    elif isinstance(value, int):
                        ws.write_number(i, j, value)
                    elif isinstance(value, float | Decimal):
                        if math.isfinite(value):
                            number = float(formatting.afgerond(value, 4 if n is None else n))
                            if n is None:  # the precision is unknown: Excel's own General format
                                ws.write_number(i, j, number)
                            else:
                                ws.write_number(
                                    i, j, number, fmt("#,##0" + ("." + "0" * n if n else ""))
                                )
                    elif isinstance(value, datetime):
                        ws.write_datetime(
                            i, j, value.replace(tzinfo=None), fmt("yyyy-mm-dd hh:mm:ss")
                        )
                    elif isinstance(value, date):
                        ws.write_datetime(
                            i, j, datetime.combine(value, datetime.min.time()), fmt("yyyy-mm-dd")
                        )
                    else:
                        ws.write_string(i, j, _excel_tekst(str(export_waarde(value))))
            ws.freeze_panes(1, 0)
            if header:
                ws.autofilter(0, 0, len(rows), len(header) - 1)
    inhoud.write_string(0, 0, f"Ketenmonitor Asiel en Migratie: snapshot editie {editie}", bold)
    inhoud.write_string(2, 0, "Blad", bold)
    inhoud.write_string(2, 1, "Tabel", bold)
    inhoud.write_string(2, 2, "Beschrijving", bold)
    for r, ((table, comment), blad) in enumerate(zip(tables, namen, strict=True), start=3):
        inhoud.write_url(r, 0, f"internal:'{blad}'!A1", string=blad)
        inhoud.write_string(r, 1, f"{SCHEMA}.{table}")
        inhoud.write_string(r, 2, comment)
    inhoud.set_column(0, 1, 36)
    inhoud.set_column(2, 2, 100)
    inhoud.freeze_panes(3, 0)
    wb.close()
    target = out_dir / EXPORT_WERKBOEK
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(target)
    return target
