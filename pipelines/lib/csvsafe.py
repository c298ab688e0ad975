"""One CSV writer for every CSV the product writes: `export --csv` and the tables attached to
the PDF/A-3a variant of the reports.

Text from deliveries (a gemeentenaam, a regeling) ends up in these files; a spreadsheet would run
a cell that starts with = + - @ (or a tab or carriage return) as a formula (`=HYPERLINK(...)`,
`@cmd`). Such a text cell gets a leading `'`, which spreadsheets show as text. Numbers and dates
are not formulas and stay as they are, also when they arrive here already as text (`-5`, `-1.5`,
or `-1,5` with the decimal comma of the Dutch export).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import IO, Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+([.,]\d+)?")
DELIMITER = ";"  # Dutch spreadsheets expect ;


def neutralise(value: object) -> object:
    """A text that a spreadsheet would run as a formula, made inert with a leading `'`."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def cell(value: object) -> object:
    """A value as it goes into a CSV cell: empty for None,
    numbers and dates as such, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal, date)):
        return value
    return neutralise(str(value))


def write(fh: IO[str], header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Header and rows to an open text file (opened with newline="")."""
    writer = csv.writer(fh, delimiter=DELIMITER, lineterminator="\n")
    writer.writerow([cell(h) for h in header])
    for row in rows:
        writer.writerow([cell(v) for v in row])


def to_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The same as UTF-8 bytes (for an attachment)."""
    out = io.StringIO()
    write(out, header, rows)
    return out.getvalue().encode("utf-8")
