"""Dutch number, amount and date formatting for the reports (Babel, nl_NL).

Conventions of the printed Rijksbegroting and CBS publications:
- thousands separator `.` and decimal comma: 12.500; 4,0%;
- a real minus sign (U+2212), not a hyphen: −50,0%;
- amounts in running text in millions: "€ 118 mln"; in tables "Bedragen x € 1.000";
- months in words, lower case: "mei 2025";
- CBS symbols in tables: `.` for an unknown or suppressed figure, `*` after a provisional one.

Every function returns plain text; escaping is the template engine's job.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.core import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "nl_NL"
MINUS = "\u2212"
ONBEKEND = "."  # CBS: cijfer onbekend, onvoldoende betrouwbaar of geheim
VOORLOPIG = "*"  # CBS: voorlopig cijfer
BEDRAGEN_X1000 = "Bedragen x € 1.000"

Number = int | float | Decimal

# The CBS symbol legend; under each table only the symbols it uses
# (report_model.Tabel.legenda_regels). What "." hides differs per source (zaakgegevens: fewer than
# 10; DTenV: fewer than 5): that is said in the table's own note, not here.
SYMBOOL_LEGENDA: tuple[tuple[str, str], ...] = (
    (ONBEKEND, "cijfer onbekend, onvoldoende betrouwbaar of geheim"),
    (VOORLOPIG, "voorlopig cijfer"),
    ("**", "nader voorlopig cijfer"),
    (MINUS, "nihil"),
)


_PLURAL = Locale.parse(LOCALE).plural_form


def is_enkelvoud(n: Number) -> bool:
    """Whether Dutch takes the singular for n (CLDR plural rules via Babel: only 1 is singular)."""
    return _PLURAL(abs(n)) == "one"


def _round_half_up(value: Number, decimals: int) -> Decimal:
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def afgerond(value: Number, decimalen: int = 0) -> Decimal:
    """The figure `getal` shows, as a number: rounded half up, no negative zero."""
    rounded = _round_half_up(value, decimalen)
    return abs(rounded) if rounded == 0 else rounded


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def getal(value: Number | None, decimalen: int = 0) -> str:
    """12500 -> "12.500"; -3.25 (1 decimal) -> "−3,3"; None -> "."."""
    if value is None:
        return ONBEKEND
    rounded = afgerond(value, decimalen)  # no "−0"
    text = format_decimal(rounded, format=_pattern(decimalen), locale=LOCALE)
    return text.replace("-", MINUS)


def aantal(value: Number, enkelvoud: str, meervoud: str, *, teken: bool = False) -> str:
    """A count with its noun in the right number (Babel's Dutch plural rule): (1, "bestand",
    "bestanden") -> "1 bestand"; 2 -> "2 bestanden"; 12500 -> "12.500 bestanden". With teken=True
    the count carries its sign (a change): "+1 dag"."""
    text = getal_teken(value) if teken else getal(value)
    return f"{text} {enkelvoud if is_enkelvoud(_round_half_up(value, 0)) else meervoud}"


def getal_teken(value: Number | None, decimalen: int = 0) -> str:
    """A change with its sign: +1.200 / −340 / 0."""
    if value is None:
        return ONBEKEND
    text = getal(value, decimalen)
    return "+" + text if _round_half_up(value, decimalen) > 0 else text


def procent(fractie: Number | None, decimalen: int = 1) -> str:
    """0.04 -> "4,0%"; -0.5 -> "−50,0%"; None -> "."."""
    if fractie is None:
        return ONBEKEND
    return getal(Decimal(str(fractie)) * 100, decimalen) + "%"


def verandering(fractie: Number | None, decimalen: int = 1) -> str:
    """A relative change with its sign: +4,0% / −50,0%."""
    if fractie is None:
        return ONBEKEND
    return getal_teken(Decimal(str(fractie)) * 100, decimalen) + "%"


def euro_mln(euro: Number | None, decimalen: int = 0) -> str:
    """118_000_000 -> "€ 118 mln"; a negative amount -> "€ −5 mln"."""
    if euro is None:
        return ONBEKEND
    return f"€ {getal(Decimal(str(euro)) / 1_000_000, decimalen)} mln"


def euro_mld(euro: Number | None, decimalen: int = 1) -> str:
    """1_234_000_000 -> "€ 1,2 mld"."""
    if euro is None:
        return ONBEKEND
    return f"€ {getal(Decimal(str(euro)) / 1_000_000_000, decimalen)} mld"


def euro_kort(euro: Number | None) -> str:
    """An amount in running text: billions from € 1 mld, else millions."""
    if euro is None:
        return ONBEKEND
    if abs(euro) >= 1_000_000_000:
        return euro_mld(euro)
    return euro_mln(euro, 1 if abs(euro) < 10_000_000 else 0)


def euro_x1000(euro: Number | None) -> str:
    """An amount in euros as a table cell of a "Bedragen x € 1.000" table."""
    if euro is None:
        return ONBEKEND
    return getal(Decimal(str(euro)) / 1000)


def bedrag(x1000: Number | None) -> str:
    """An amount already in thousands of euros (begrotingstabellen); unknown -> "."."""
    return getal(x1000)


def cel(value: Number | None, *, voorlopig: bool = False, decimalen: int = 0) -> str:
    """A table cell with CBS symbols: None -> "."; provisional -> "12.500*"."""
    if value is None:
        return ONBEKEND
    return getal(value, decimalen) + (VOORLOPIG if voorlopig else "")


def _as_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if len(text) == 7:  # yyyy-mm
        text += "-01"
    return dt.date.fromisoformat(text[:10])


def maand_jaar(value: dt.date | str) -> str:
    """date(2025, 5, 1) or "2025-05" -> "mei 2025"."""
    return format_date(_as_date(value), "LLLL y", locale=LOCALE)


def maand_naam(value: dt.date | str) -> str:
    """ "2025-05" -> "mei"; "2025-10" -> "oktober"."""
    return format_date(_as_date(value), "LLLL", locale=LOCALE)


def maand_kort(value: dt.date | str) -> str:
    """ "2025-05" -> "mei" (chart axis labels)."""
    return format_date(_as_date(value), "LLL", locale=LOCALE).rstrip(".")


def datum(value: dt.date | str | None) -> str:
    """date(2026, 11, 12) -> "12 november 2026"; None -> "."."""
    if value is None:
        return ONBEKEND
    return format_date(_as_date(value), "d MMMM y", locale=LOCALE)


def kwartaal(jaar: int, nummer: int) -> str:
    """(2025, 1) -> "1e kwartaal 2025"."""
    return f"{nummer}e kwartaal {jaar}"


def halfjaar(periode: str) -> str:
    """ "2025-H1" -> "1e halfjaar 2025"."""
    return f"{periode[-1]}e halfjaar {periode[:4]}"
