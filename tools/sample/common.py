"""Shared helpers of the sample generator: months, seeding, rounding and fixed output.

Months are plain ints (``mi_of``), so ranges and differences are trivial. ``rng_for`` gives every
source its own random stream; ``largest_remainder`` splits totals into parts that add up exactly;
``write_csv`` and ``write_json`` fix the formatting so repeated runs are byte-identical. Headers
come from the data contracts (``contract_header``), so a delivery is written in the order the
pipeline reads it.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import random
import shutil
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path

from pipelines.lib.contracts import load_contract

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SEED = 20260101

FIRST_YEAR, FIRST_MONTH = 2022, 1
LAST_YEAR, LAST_MONTH = 2026, 10


# --------------------------------------------------------------------------------------------
# Month arithmetic and small numeric helpers
# --------------------------------------------------------------------------------------------


def mi_of(year: int, month: int) -> int:
    """Month index: a single int per calendar month, so ranges and differences are trivial."""
    return year * 12 + month - 1


def ym(mi: int) -> tuple[int, int]:
    year, m0 = divmod(mi, 12)
    return year, m0 + 1


def month_label(mi: int) -> str:
    year, month = ym(mi)
    return f"{year:04d}-{month:02d}"


def delivered(mi: int, day: int) -> str:
    """The date a chain partner delivers month `mi`: day `day` of the month after it. Every sample
    file carries it in its name (the pipeline orders deliveries by the date in their name), so the
    reports cite the same delivery dates on every machine and every day."""
    return month_start(mi + 1).replace(day=day).isoformat()


def month_end(mi: int) -> date:
    return month_start(mi + 1) - timedelta(days=1)


def month_start(mi: int) -> date:
    year, month = ym(mi)
    return date(year, month, 1)


FIRST_MI = mi_of(FIRST_YEAR, FIRST_MONTH)
LAST_MI = mi_of(LAST_YEAR, LAST_MONTH)
MONTHS: tuple[int, ...] = tuple(range(FIRST_MI, LAST_MI + 1))
LAST_DAY = month_end(LAST_MI)


def half_of(mi: int) -> int:
    """Half-year index (H1 = Jan-Jun, H2 = Jul-Dec), DESIGN section 4."""
    year, month = ym(mi)
    return year * 2 + (0 if month <= 6 else 1)


def half_label(hi: int) -> str:
    year, h = divmod(hi, 2)
    return f"{year}-H{h + 1}"


def interp(anchors: Sequence[tuple[int, float]], x: int) -> float:
    """Piecewise-linear interpolation through (month index, value) anchors, flat outside."""
    if x <= anchors[0][0]:
        return anchors[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(anchors):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return anchors[-1][1]


def anchors_ym(points: Sequence[tuple[int, int, float]]) -> list[tuple[int, float]]:
    return [(mi_of(y, m), v) for y, m, v in points]


def round_half_up(x: float) -> int:
    # round() is banker's rounding; for counts we want the ordinary rule.
    return int((x + 0.5) // 1)


def largest_remainder(weights: Sequence[float], total: int) -> list[int]:
    """Integers proportional to ``weights`` that add up to ``total`` exactly (Hare-Niemeyer).

    Ties in the remainders go to the earlier index, so the result is deterministic.
    """
    if total < 0:
        raise ValueError("total must be >= 0")
    wsum = float(sum(weights))
    if wsum <= 0:
        if total == 0:
            return [0] * len(weights)
        raise ValueError("cannot distribute a positive total over zero weights")
    quotas = [w * total / wsum for w in weights]
    floors = [int(q // 1) for q in quotas]
    short = total - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for i in order[:short]:
        floors[i] += 1
    return floors


def jitter(rng: random.Random, spread: float) -> float:
    """Multiplicative noise, uniform in [1 - spread, 1 + spread]."""
    return 1.0 + spread * (2.0 * rng.random() - 1.0)


def rng_for(seed: int, name: str) -> random.Random:
    return random.Random(f"{seed}/{name}")


def weekday_on_or_after(d: date) -> date:
    # Chain partners register on working days; weekends roll forward to Monday.
    wd = d.weekday()
    return d + timedelta(days=7 - wd) if wd >= 5 else d


# --------------------------------------------------------------------------------------------
# Output helpers: fixed formatting so repeated runs are byte-identical
# --------------------------------------------------------------------------------------------


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    delimiter: str = ",",
    bom: bool = False,
) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\ufeff" if bom else "").encode("utf-8") + buf.getvalue().encode("utf-8"))


def write_json(path: Path, obj: object) -> None:
    # Compact like the CBS API, no trailing newline.
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def nl_decimal(x: float, digits: int = 2) -> str:
    return f"{x:.{digits}f}".replace(".", ",")


def clean_dir(path: Path) -> None:
    """Remove the generated files of one source folder so stale files cannot linger."""
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)


def contract_header(source: str) -> tuple[str, ...]:
    """The header a delivery of ``source`` has: the contract's columns, in the contract's order."""
    return tuple(column.header for column in load_contract(source).columns)
