"""Months and delivery periods, the one place for their arithmetic in Python (the SQL twin of
`periode_bereik` is the macro meta.periode_begin, sql/macros/periode_begin.sql, kept equal by a
test)."""

from __future__ import annotations

import datetime as dt
import re


def add_months(d: dt.date, n: int) -> dt.date:
    """The first of the month n months after d's month."""
    index = d.year * 12 + d.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def month_start(value: dt.date | str) -> dt.date:
    """'2025-05', '2025-05-01' or a date -> date(2025, 5, 1)."""
    if isinstance(value, dt.date):
        return value.replace(day=1)
    text = str(value).strip()
    return dt.date(int(text[:4]), int(text[5:7]), 1)


def month_end(m: dt.date) -> dt.date:
    return add_months(m, 1) - dt.timedelta(days=1)


def periode_bereik(periode: str) -> tuple[dt.date, dt.date] | None:
    """The first and last month a delivery period covers: '2025-05', '2025MM05', '2025KW02',
    '2025JJ00', '2025-H1', '2025', '2025-najaar' (MPP editions: voorjaar = April, najaar = October).
    None for anything else, also for an impossible month or quarter ('2025MM13', '2025KW05')."""
    try:
        return _bereik(periode.strip())
    except ValueError:
        return None


def _bereik(p: str) -> tuple[dt.date, dt.date] | None:
    if m := re.fullmatch(r"(\d{4})-(\d{2})(-\d{2})?", p):
        d = dt.date(int(m[1]), int(m[2]), 1)
        return d, d
    if m := re.fullmatch(r"(\d{4})MM(\d{2})", p):
        d = dt.date(int(m[1]), int(m[2]), 1)
        return d, d
    if m := re.fullmatch(r"(\d{4})KW(\d{2})", p):
        q = int(m[2])
        return dt.date(int(m[1]), 3 * q - 2, 1), dt.date(int(m[1]), 3 * q, 1)
    if m := re.fullmatch(r"(\d{4})JJ00", p):
        return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 1)
    if m := re.fullmatch(r"(\d{4})-H([12])", p):
        h = int(m[2])
        return dt.date(int(m[1]), 6 * h - 5, 1), dt.date(int(m[1]), 6 * h, 1)
    if m := re.fullmatch(r"(\d{4})", p):
        return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 1)
    if m := re.fullmatch(r"(\d{4})-(voorjaar|najaar)", p):
        d = dt.date(int(m[1]), 4 if m[2] == "voorjaar" else 10, 1)
        return d, d
    return None


def is_month_period(periode: str) -> bool:
    b = periode_bereik(periode)
    return b is not None and b[0] == b[1] and not periode.strip().endswith(("voorjaar", "najaar"))
