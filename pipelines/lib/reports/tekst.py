"""Formatting and phrasing shared by the chapters: cell formats, symbols, comparisons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pipelines.lib import (
    formatting,
)
from pipelines.lib import report_model as rm
from pipelines.lib.formatting import (
    getal,
    procent,
    verandering,
)


def label_maand(d: dt.date) -> str:
    return f"{formatting.maand_kort(d)} '{d.year % 100:02d}"


def cbs_symbool(status: str | None) -> str:
    s = (status or "").lower()
    if s == "nader voorlopig":
        return "**"
    if s and s != "definitief":
        return "*"
    return ""


def voorlopig_symbool(voorlopig: bool | None) -> str:
    return formatting.VOORLOPIG if voorlopig else ""


def pct(value: float | None, decimalen: int = 1) -> str:
    """A percentage stored as 0-100 in kpi tables."""
    return procent(None if value is None else value / 100, decimalen)


def vpct(value: float | None, decimalen: int = 1) -> str:
    return verandering(None if value is None else value / 100, decimalen)


def mln(euro: float | None) -> str:
    """An amount in euros as a cell of a "€ mln" column, one decimal."""
    return getal(None if euro is None else euro / 1e6, 1)


def getal_2(value: float | None) -> str:
    return getal(value, 2)


# The cell formatters above with what their text shows as a number (for the workbook).
W_PCT = rm.Weergave(pct, 1, lambda v: Decimal(str(v / 100)) * 100, procent=True)


W_VPCT = rm.Weergave(vpct, 1, lambda v: Decimal(str(v / 100)) * 100, procent=True, teken=True)


W_MLN = rm.Weergave(mln, 1, lambda v: Decimal(str(v / 1e6)))


W_2 = rm.Weergave(getal_2, 2)


def relatieve_verandering(new: float | None, old: float | None) -> float | None:
    if new is None or old in (None, 0):
        return None
    return (new - old) / old


def laatste_twee(
    rows: Sequence[dict[str, Any]], key: str, maand: dt.date
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The row of the month (or the latest before it when the source is behind) and
    the row before."""
    rows = [r for r in rows if r[key] <= maand]
    if not rows:
        return None, None
    return rows[-1], rows[-2] if len(rows) > 1 else None


def boven_onder(verschil: float | None) -> str:
    """-4.4 (percent) -> "4,4% onder"; 2.0 -> "2,0% boven"."""
    if verschil is None:
        return "onbekend ten opzichte van"
    if round(verschil, 1) == 0:
        return "gelijk aan"
    return f"{pct(abs(verschil))} {'boven' if verschil > 0 else 'onder'}"


POSITIE = {
    "binnen bandbreedte": "binnen de bandbreedte",
    "onder bandbreedte": "onder de bandbreedte",
    "boven bandbreedte": "boven de bandbreedte",
}


def geleverde_waarde(text: str | None) -> str:
    """A delivered value as text: numbers in nl_NL form (1334 -> 1.334), anything else as is."""
    if text is None:
        return ""
    try:
        number = float(text)
    except ValueError:
        return text
    decimals = len(text.split(".")[1]) if "." in text else 0
    return getal(number, decimals)


def maand_kort_jaar(d: dt.date) -> str:
    return f"{formatting.maand_kort(d)} {d.year}"


OPVANGSOORTEN = {
    "regulier": "Regulier",
    "doorstroomlocatie": "Doorstroomlocatie",
    "noodopvang": "Noodopvang",
    "crisisnoodopvang": "Crisisnoodopvang",
    "hotel": "Hotel",
    "cruiseschip": "Cruiseschip",
}
