"""Deterministic generator of the embedded sample deliveries (``data/sample/landing``).

Run ``.venv/bin/python tools/generate_sample.py`` from the repository root. It writes

* reference data in ``data/reference/``: ``gemeenten.csv`` (byte copy of the real CBS list),
  ``nationaliteiten.csv`` (all ISO 3166-1 countries with Dutch names and synthetic CBS-style
  codes) and ``taskforce_regelingen.csv`` (the budget lines of the taskforce);
* one folder per source in ``data/sample/landing/`` in exactly the delivery formats of
  DESIGN section 3, for the reporting months 2022-01 .. 2026-10;

and then re-reads what it wrote and checks the calibration targets (``check_calibration``),
failing loudly if one does not hold.

Calibration approach
--------------------
Real published figures (``reference/published_figures.csv`` and friends, copied into the
constants below because the generator must run without the shared folder) are *targets on
aggregates*; the generator works top-down from them:

* CBS asylum requests: quarter totals per category are fixed (real values where published,
  plausible in between), each quarter is split over its months along a piecewise-linear level
  with small noise (months with a published IND figure are fixed first), and every month is
  split over nationalities with smooth, time-varying shares. Rounding always uses the
  largest-remainder method so parts add up exactly. The 2023 year totals that CBS shows per
  nationality are imposed afterwards. The last snapshot holds the final figures; the earlier
  one has slightly lower provisional figures for Jul-Sep 2026 (late registrations).
* IND case events are the CBS monthly counts turned into cases (eerste -> asiel_eerste,
  volgende -> asiel_herhaald, nareizigers -> nareis), each with one outcome drawn from
  procedure/nationality rates and a processing time from a quantile table whose median follows
  the IND backlog of 2023-2025. Cases whose outcome falls after 2026-10 stay open (voorraad).
* Taakstelling is the national half-year figure divided by population (largest remainder).
  Housing per gemeente is a national monthly rate times the gemeente's population share times a
  fixed per-gemeente performance factor (some ahead, many behind). The national backlog of May
  2025 (DESIGN section 4 definition) is then made exactly 12.500 by adding or removing single
  housings in Jan-May 2025 of gemeenten that are behind: each such unit moves the backlog by
  exactly one, and months before 2025 are untouched.
* DTenV departures: yearly (or year-part) totals per kind split over months in units of ten.
* Budget: the real OWB 2025 article 37 amounts are fixed per line; one line per year absorbs the
  remainder so that the article totals equal the published ones exactly. The taskforce lines are
  a hand-written ramp that sums to 118.000 in 2029.
* COA, Oekraine and MPP: piecewise-linear paths through the published points.

Determinism: every source draws from its own ``random.Random`` seeded with ``"<seed>/<source>"``
(string seeds are hashed with SHA-512, independent of PYTHONHASHSEED), so generating a subset of
sources gives the same bytes as a full run. Only ``random()``/``randrange()`` and plain arithmetic
are used (no ``gauss``/``log``/``exp``), so results do not depend on the platform's libm. No
wall-clock time is read; output is written in a fixed order with fixed formatting.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import hashlib
import io
import itertools
import json
import random
import shutil
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pycountry

from pipelines.lib.contracts import (
    SOURCES,  # the generator writes exactly the sources the pipeline reads
)

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEED = 20260101

FIRST_YEAR, FIRST_MONTH = 2022, 1
LAST_YEAR, LAST_MONTH = 2026, 10


class CalibrationError(AssertionError):
    """The generated data misses a calibration target; the message lists every miss."""


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


# --------------------------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gemeente:
    code: str
    naam: str
    inwoners: int


def read_gemeenten(path: Path) -> list[Gemeente]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = [Gemeente(r["gemeentecode"], r["gemeentenaam"], int(r["inwoners"])) for r in rows]
    out.sort(key=lambda g: g.code)
    if len(out) != 342:
        raise ValueError(f"{path}: expected 342 gemeenten, found {len(out)}")
    return out


NATIONALITEIT_TOTAAL = "T001059"
STATELESS, UNKNOWN = "XXA", "XXX"

# ISO numeric codes stop at 894; the R009xxx block is therefore free for the two extra codes.
_EXTRA_NATIONALITIES: dict[str, tuple[str, str]] = {
    STATELESS: ("R009990", "Staatloos"),
    UNKNOWN: ("R009999", "Onbekend"),
}


def cbs_code(iso_alpha3: str) -> str:
    """Synthetic stand-in for a CBS nationality code: 'R00' + ISO 3166-1 numeric (4 digits)."""
    if iso_alpha3 in _EXTRA_NATIONALITIES:
        return _EXTRA_NATIONALITIES[iso_alpha3][0]
    country = pycountry.countries.get(alpha_3=iso_alpha3)
    if country is None:
        raise KeyError(iso_alpha3)
    return f"R00{int(country.numeric):04d}"


# pycountry's Dutch catalogue lacks a translation for these (it falls back to English).
_NL_NAME_FIXES: dict[str, str] = {"GEO": "Georgië"}


def nationaliteiten_rows() -> list[tuple[str, str, str]]:
    nl = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
    rows = [
        (cbs_code(c.alpha_3), c.alpha_3, _NL_NAME_FIXES.get(c.alpha_3, nl.gettext(c.name)))
        for c in pycountry.countries
    ]
    rows += [(code, iso, naam) for iso, (code, naam) in _EXTRA_NATIONALITIES.items()]
    rows.sort()
    if len({r[0] for r in rows}) != len(rows):
        raise ValueError("CBS code scheme is not unique")
    return rows


@dataclass(frozen=True)
class TaskforceLine:
    hoofdstuk: str
    artikel: int
    artikelnaam: str
    artikelonderdeel: str
    artikelonderdeelnaam: str
    instrument: str
    regeling: str
    oda: bool
    bedragen: tuple[int, ...]  # x EUR 1.000 for 2024 .. 2030


TASKFORCE_YEARS: tuple[int, ...] = tuple(range(2024, 2031))
# Hand-written ramp (synthetic); the columns add up to 9.500, 20.000, 45.000, 75.000, 100.000,
# 118.000, 118.000: EUR 118 mln in 2029 is the budget's claim (2.1.1 Partnerschappen).
TASKFORCE_LINES: tuple[TaskforceLine, ...] = (
    TaskforceLine(
        "XVII",
        4,
        "Vrede, veiligheid en duurzame ontwikkeling",
        "4.4",
        "Migratie en ontwikkeling",
        "Subsidies",
        "Migratiepartnerschappen (ODA)",
        True,
        (0, 2_000, 12_000, 22_000, 30_000, 35_000, 35_000),
    ),
    TaskforceLine(
        "XVII",
        4,
        "Vrede, veiligheid en duurzame ontwikkeling",
        "4.4",
        "Migratie en ontwikkeling",
        "Bijdrage aan (inter)nationale organisaties",
        "Opvang en bescherming in de regio (ODA)",
        True,
        (0, 2_000, 8_000, 15_000, 20_000, 24_000, 24_000),
    ),
    TaskforceLine(
        "XX",
        37,
        "Migratie",
        "37.4",
        "Internationale migratiesamenwerking",
        "Bijdrage aan (inter)nationale organisaties",
        "Migratiesamenwerking landen van herkomst en transit (ODA)",
        True,
        (9_240, 12_000, 12_000, 14_000, 17_000, 19_000, 19_000),
    ),
    TaskforceLine(
        "XX",
        37,
        "Migratie",
        "37.4",
        "Internationale migratiesamenwerking",
        "Opdrachten",
        "Terugkeersamenwerking landen van herkomst",
        False,
        (0, 4_000, 8_000, 14_000, 18_000, 22_000, 22_000),
    ),
    TaskforceLine(
        "XX",
        37,
        "Migratie",
        "37.4",
        "Internationale migratiesamenwerking",
        "Subsidies",
        "Innovatieve migratiesamenwerking en terugkeerhubs",
        False,
        (0, 0, 5_000, 10_000, 15_000, 18_000, 18_000),
    ),
)
TASKFORCE_TARGET_2029 = 118_000


def write_reference(out_ref: Path, gemeenten_src: Path) -> list[Path]:
    out_ref.mkdir(parents=True, exist_ok=True)
    written = []
    target = out_ref / "gemeenten.csv"
    if gemeenten_src.resolve() != target.resolve():
        shutil.copyfile(gemeenten_src, target)
    written.append(target)
    path = out_ref / "nationaliteiten.csv"
    write_csv(path, ("cbs_code", "iso_alpha3", "naam"), nationaliteiten_rows())
    written.append(path)
    path = out_ref / "taskforce_regelingen.csv"
    write_csv(
        path,
        ("hoofdstuk", "artikel", "artikelonderdeel", "regeling", "oda"),
        [
            (t.hoofdstuk, t.artikel, t.artikelonderdeel, t.regeling, "ja" if t.oda else "nee")
            for t in TASKFORCE_LINES
        ],
    )
    written.append(path)
    return written


# --------------------------------------------------------------------------------------------
# CBS 83102NED: asielverzoeken en nareizigers
# --------------------------------------------------------------------------------------------

CATEGORIES: tuple[str, ...] = ("eerste", "volgende", "nareizigers")

# Quarter totals. Real where published (ids of published_figures.csv / cbs_asiel_totals.csv):
#   eerste  2022 = 35.535 (R10 '35.500', cbs_asiel_totals), 2023 = 38.375 (R11),
#           2023Q1 = 6.950 (R19: 2024Q1 +29%), 2023Q3 = 10.520 (R22: 2024Q3 -23%),
#           2024Q1 = 8.970 (R19 'bijna 9.000'), Q2 7.700 (R21), Q3 8.100 (R22),
#           2024 = 32.175 (R13 'ca. 32.180', cbs_asiel_totals),
#           2025Q1 = 4.520 (R24 'iets meer dan 4.500'), Q2 5.295 (R26), Q3 6.785 (R27 '6.800'),
#           Jan-Sep 2025 = 16.600 (R29), 2025 = 24.140 (cbs_asiel_totals, unverified, consistent)
#   nareizigers 2022 = 11.130 (cbs_asiel_totals, unverified), 2023 = 10.125 (R12),
#           2023Q1 = 1.910 (R19: 2024Q1 +62%), 2024Q1 3.100 (R20), Q3 2.650 (R23),
#           2024 = 11.880 (R14), 2024 Jan-Sep = 8.650 (R30: 2025 +40%),
#           2025Q1 3.720 (R25 'ruim 3.700'), Q3 4.600 (R28), Jan-Sep 12.100 (R30),
#           2025 = 16.470 (cbs_asiel_totals, unverified, consistent)
#   volgende 2024 = 1.590 (R15); 2022/2023 close the IND totals of R18 (48.600 / 50.600).
# 2026 is synthetic; the last quarter holds October only.
# The 2022 quarters also honour the IND year-to-date figures of R33/R34 (see CBS_MONTH_PINS).
CBS_QUARTERS: dict[str, dict[tuple[int, int], int]] = {
    "eerste": {
        (2022, 1): 5_100,
        (2022, 2): 7_268,
        (2022, 3): 11_750,
        (2022, 4): 11_417,
        (2023, 1): 6_950,
        (2023, 2): 8_630,
        (2023, 3): 10_520,
        (2023, 4): 12_275,
        (2024, 1): 8_970,
        (2024, 2): 7_700,
        (2024, 3): 8_100,
        (2024, 4): 7_405,
        (2025, 1): 4_520,
        (2025, 2): 5_295,
        (2025, 3): 6_785,
        (2025, 4): 7_540,
        (2026, 1): 6_900,
        (2026, 2): 6_600,
        (2026, 3): 6_400,
        (2026, 4): 2_150,
    },
    "volgende": {
        (2022, 1): 420,
        (2022, 2): 460,
        (2022, 3): 500,
        (2022, 4): 555,
        (2023, 1): 360,
        (2023, 2): 500,
        (2023, 3): 590,
        (2023, 4): 650,
        (2024, 1): 380,
        (2024, 2): 390,
        (2024, 3): 400,
        (2024, 4): 420,
        (2025, 1): 400,
        (2025, 2): 410,
        (2025, 3): 410,
        (2025, 4): 420,
        (2026, 1): 420,
        (2026, 2): 400,
        (2026, 3): 390,
        (2026, 4): 130,
    },
    "nareizigers": {
        (2022, 1): 2_900,
        (2022, 2): 3_100,
        (2022, 3): 3_116,
        (2022, 4): 2_014,
        (2023, 1): 1_910,
        (2023, 2): 2_250,
        (2023, 3): 2_800,
        (2023, 4): 3_165,
        (2024, 1): 3_100,
        (2024, 2): 2_900,
        (2024, 3): 2_650,
        (2024, 4): 3_230,
        (2025, 1): 3_720,
        (2025, 2): 3_780,
        (2025, 3): 4_600,
        (2025, 4): 4_370,
        (2026, 1): 3_600,
        (2026, 2): 3_300,
        (2026, 3): 3_000,
        (2026, 4): 950,
    },
}

# Months fixed to real IND asylum-influx figures (the sample's IND aanvragen are the CBS
# counts, so both show them): Jan/Feb 2023 by kind (R31, R32); Sept/Oct 2022 first requests
# and totals (R33: 5.373 / 4.319 and 4.697 / 3.912; the split of the rest is synthetic); the
# December figures that, with the year totals, give the Jan-Nov first requests of R34
# (2022: 32.910, 2023: 34.505, 2024: 29.790). With the 2022 quarters above, Jan-Oct 2022 has
# 28.030 first requests and 39.311 in total (R33).
CBS_MONTH_PINS: dict[tuple[str, int, int], int] = {
    ("eerste", 2022, 9): 4_319,
    ("volgende", 2022, 9): 170,
    ("nareizigers", 2022, 9): 884,
    ("eerste", 2022, 10): 3_912,
    ("volgende", 2022, 10): 180,
    ("nareizigers", 2022, 10): 605,
    ("eerste", 2022, 11): 4_880,
    ("eerste", 2022, 12): 2_625,
    ("eerste", 2023, 1): 2_499,
    ("volgende", 2023, 1): 116,
    ("nareizigers", 2023, 1): 391,
    ("eerste", 2023, 2): 2_194,
    ("volgende", 2023, 2): 117,
    ("nareizigers", 2023, 2): 512,
    ("eerste", 2023, 12): 3_870,
    ("eerste", 2024, 12): 2_385,
}

# The main nationalities shown by CBS, with the adjective CBS uses as title.
MAIN_NATIONALITIES: dict[str, str] = {
    "SYR": "Syrisch",
    "ERI": "Eritrees",
    "TUR": "Turks",
    "YEM": "Jemenitisch",
    "AFG": "Afghaans",
    "SOM": "Somalisch",
    "IRQ": "Iraaks",
    "MAR": "Marokkaans",
    "DZA": "Algerijns",
    "IRN": "Iraans",
    "SDN": "Soedanees",
    "ETH": "Ethiopisch",
    "COL": "Colombiaans",
    "GEO": "Georgisch",
    "NGA": "Nigeriaans",
    "PAK": "Pakistaans",
    "UKR": "Oekraïens",
    "RUS": "Russisch",
    "LBY": "Libisch",
    "EGY": "Egyptisch",
}
OTHER = "other"

# Shares of the monthly total per nationality, anchored in July 2022 .. July 2026
# (interpolated in between). Syrian first requests collapse after December 2024.
_SHARES: dict[str, dict[str, tuple[float, float, float, float, float]]] = {
    "eerste": {
        "SYR": (0.33, 0.34, 0.30, 0.07, 0.04),
        "ERI": (0.05, 0.061, 0.08, 0.14, 0.15),
        "TUR": (0.09, 0.10, 0.07, 0.06, 0.055),
        "YEM": (0.04, 0.052, 0.045, 0.04, 0.035),
        "AFG": (0.08, 0.05, 0.045, 0.05, 0.05),
        "SOM": (0.03, 0.047, 0.04, 0.05, 0.05),
        "IRQ": (0.03, 0.035, 0.035, 0.04, 0.04),
        "MAR": (0.025, 0.02, 0.02, 0.03, 0.035),
        "DZA": (0.025, 0.02, 0.02, 0.03, 0.035),
        "IRN": (0.02, 0.02, 0.025, 0.03, 0.03),
        "SDN": (0.01, 0.012, 0.02, 0.03, 0.035),
        "ETH": (0.01, 0.012, 0.015, 0.025, 0.03),
        "COL": (0.015, 0.02, 0.02, 0.02, 0.02),
        "GEO": (0.01, 0.01, 0.012, 0.015, 0.015),
        "NGA": (0.01, 0.012, 0.015, 0.02, 0.02),
        "PAK": (0.01, 0.008, 0.01, 0.015, 0.015),
        "UKR": (0.005, 0.004, 0.003, 0.006, 0.006),
        "RUS": (0.003, 0.006, 0.008, 0.01, 0.01),
        "LBY": (0.01, 0.008, 0.01, 0.012, 0.012),
        "EGY": (0.01, 0.008, 0.01, 0.015, 0.018),
    },
    "volgende": {
        "SYR": (0.12, 0.12, 0.12, 0.08, 0.06),
        "ERI": (0.04, 0.04, 0.05, 0.06, 0.06),
        "TUR": (0.05, 0.05, 0.06, 0.06, 0.06),
        "YEM": (0.02, 0.02, 0.02, 0.02, 0.02),
        "AFG": (0.10, 0.10, 0.09, 0.08, 0.08),
        "SOM": (0.04, 0.04, 0.04, 0.04, 0.04),
        "IRQ": (0.08, 0.08, 0.07, 0.07, 0.07),
        "MAR": (0.02, 0.02, 0.02, 0.02, 0.02),
        "DZA": (0.02, 0.02, 0.02, 0.02, 0.02),
        "IRN": (0.07, 0.07, 0.07, 0.07, 0.07),
        "SDN": (0.01, 0.01, 0.015, 0.02, 0.02),
        "ETH": (0.01, 0.01, 0.01, 0.015, 0.015),
        "COL": (0.005, 0.01, 0.01, 0.01, 0.01),
        "GEO": (0.01, 0.01, 0.01, 0.01, 0.01),
        "NGA": (0.02, 0.02, 0.02, 0.02, 0.02),
        "PAK": (0.02, 0.02, 0.02, 0.02, 0.02),
        "UKR": (0.002, 0.002, 0.002, 0.002, 0.002),
        "RUS": (0.02, 0.02, 0.02, 0.02, 0.02),
        "LBY": (0.01, 0.01, 0.01, 0.01, 0.01),
        "EGY": (0.01, 0.01, 0.01, 0.01, 0.01),
    },
    "nareizigers": {
        "SYR": (0.60, 0.66, 0.62, 0.50, 0.40),
        "ERI": (0.05, 0.019, 0.03, 0.08, 0.10),
        "TUR": (0.02, 0.06, 0.12, 0.15, 0.15),
        "YEM": (0.05, 0.081, 0.08, 0.07, 0.06),
        "AFG": (0.06, 0.03, 0.03, 0.04, 0.04),
        "SOM": (0.02, 0.009, 0.01, 0.02, 0.02),
        "IRQ": (0.01, 0.01, 0.01, 0.01, 0.01),
        "MAR": (0.001, 0.001, 0.001, 0.001, 0.001),
        "DZA": (0.001, 0.001, 0.001, 0.001, 0.001),
        "IRN": (0.01, 0.01, 0.01, 0.01, 0.01),
        "SDN": (0.005, 0.005, 0.008, 0.01, 0.012),
        "ETH": (0.005, 0.005, 0.006, 0.008, 0.01),
        "COL": (0.001, 0.001, 0.001, 0.001, 0.001),
        "GEO": (0.001, 0.001, 0.001, 0.001, 0.001),
        "NGA": (0.002, 0.002, 0.002, 0.002, 0.002),
        "PAK": (0.003, 0.003, 0.003, 0.003, 0.003),
        "UKR": (0.001, 0.001, 0.001, 0.001, 0.001),
        "RUS": (0.005, 0.005, 0.005, 0.005, 0.005),
        "LBY": (0.003, 0.003, 0.003, 0.003, 0.003),
        "EGY": (0.003, 0.003, 0.003, 0.003, 0.003),
    },
}
# Extra anchors (year, month, share) where a yearly path is too smooth.
_SHARE_EXTRA: dict[tuple[str, str], list[tuple[int, int, float]]] = {
    ("eerste", "SYR"): [(2024, 10, 0.30), (2025, 1, 0.12), (2025, 4, 0.07)],
}
# Year totals per nationality that CBS shows for 2023 (cbs_asiel_totals.csv, 80059NED).
CBS_NAT_YEAR_TARGETS: dict[tuple[str, str, int], int] = {
    ("eerste", "SYR", 2023): 13_030,
    ("eerste", "ERI", 2023): 2_345,
    ("eerste", "YEM", 2023): 1_980,
    ("eerste", "SOM", 2023): 1_805,
    ("nareizigers", "SYR", 2023): 6_695,
    ("nareizigers", "ERI", 2023): 195,
    ("nareizigers", "YEM", 2023): 820,
    ("nareizigers", "SOM", 2023): 90,
}
# Share of men per category (anchored in July 2022 .. 2026); only the national total is split.
_MEN_SHARE: dict[str, tuple[float, ...]] = {
    "eerste": (0.72, 0.70, 0.68, 0.62, 0.60),
    "nareizigers": (0.31, 0.30, 0.30, 0.32, 0.33),
}

# Provisional months that the second CBS snapshot revises: (category, year, month) -> factor
# applied to the final figure to get the first snapshot's figure (late registrations).
CBS_FIRST_SNAPSHOT_FACTORS: dict[tuple[str, int, int], float] = {
    ("eerste", 2026, 7): 0.988,
    ("eerste", 2026, 8): 0.980,
    ("eerste", 2026, 9): 0.969,
    ("nareizigers", 2026, 7): 0.992,
    ("nareizigers", 2026, 8): 0.985,
    ("nareizigers", 2026, 9): 0.975,
    ("volgende", 2026, 9): 0.96,
}
CBS_SNAPSHOTS: tuple[tuple[str, int], ...] = (
    ("2026-10-14", mi_of(2026, 9)),
    ("2026-11-12", mi_of(2026, 10)),
)


def _yearly_anchors(values: Sequence[float]) -> list[tuple[int, float]]:
    return [(mi_of(2022 + i, 7), v) for i, v in enumerate(values)]


def share_anchors(cat: str, nat: str) -> list[tuple[int, float]]:
    points = _yearly_anchors(_SHARES[cat][nat])
    points += anchors_ym(_SHARE_EXTRA.get((cat, nat), []))
    return sorted(points)


@dataclass
class CbsData:
    """Monthly counts: totals[cat][mi], by_nat[cat][mi][iso or OTHER], men[cat][mi]."""

    totals: dict[str, dict[int, int]]
    by_nat: dict[str, dict[int, dict[str, int]]]
    men: dict[str, dict[int, int]]


def cbs_monthly_totals(rng: random.Random) -> dict[str, dict[int, int]]:
    """Split each quarter total over its months along a smooth level with small noise."""
    out: dict[str, dict[int, int]] = {}
    for cat in CATEGORIES:
        quarters = CBS_QUARTERS[cat]
        level: list[tuple[int, float]] = []
        for (year, q), total in sorted(quarters.items()):
            months = [
                m for m in range(mi_of(year, 3 * q - 2), mi_of(year, 3 * q) + 1) if m <= LAST_MI
            ]
            level.append((months[len(months) // 2], total / len(months)))
        series: dict[int, int] = {}
        for (year, q), total in sorted(quarters.items()):
            months = [
                m for m in range(mi_of(year, 3 * q - 2), mi_of(year, 3 * q) + 1) if m <= LAST_MI
            ]
            weights = [interp(level, m) * jitter(rng, 0.04) for m in months]
            pinned = {
                m: CBS_MONTH_PINS[cat, *ym(m)] for m in months if (cat, *ym(m)) in CBS_MONTH_PINS
            }
            free = [(m, w) for m, w in zip(months, weights, strict=True) if m not in pinned]
            rest = total - sum(pinned.values())
            if rest < 0 or (rest > 0 and not free):
                raise ValueError(f"month pins do not fit quarter {year}Q{q} of {cat}")
            series.update(pinned)
            series.update(
                zip(
                    [m for m, _ in free], largest_remainder([w for _, w in free], rest), strict=True
                )
            )
        out[cat] = series
    return out


def cbs_share_noise(rng: random.Random) -> dict[tuple[str, str, int], float]:
    """Per (category, nationality, month) noise, drawn once so that revising a month's total
    does not reshuffle the other months."""
    return {
        (cat, nat, mi): jitter(rng, 0.10)
        for cat in CATEGORIES
        for nat in MAIN_NATIONALITIES
        for mi in MONTHS
    }


def cbs_men_noise(rng: random.Random) -> dict[tuple[str, int], float]:
    return {(cat, mi): jitter(rng, 0.02) for cat in _MEN_SHARE for mi in MONTHS}


def cbs_breakdown(
    totals: dict[str, dict[int, int]],
    share_noise: Mapping[tuple[str, str, int], float],
    men_noise: Mapping[tuple[str, int], float],
) -> CbsData:
    by_nat: dict[str, dict[int, dict[str, int]]] = {}
    nats = list(MAIN_NATIONALITIES)
    anchors = {(cat, nat): share_anchors(cat, nat) for cat in CATEGORIES for nat in nats}
    for cat in CATEGORIES:
        by_nat[cat] = {}
        for mi, total in totals[cat].items():
            shares = [interp(anchors[cat, nat], mi) * share_noise[cat, nat, mi] for nat in nats]
            listed = sum(shares)
            if listed > 0.95:  # noise must not squeeze out the other nationalities
                shares = [x * 0.95 / listed for x in shares]
            rest = 1.0 - sum(shares)
            counts = largest_remainder([*shares, rest], total)
            by_nat[cat][mi] = dict(zip([*nats, OTHER], counts, strict=True))
    # Impose the 2023 year totals per nationality; the difference moves to/from 'other'.
    for (cat, nat, year), target in sorted(CBS_NAT_YEAR_TARGETS.items()):
        months = [m for m in MONTHS if ym(m)[0] == year]
        current = [by_nat[cat][m][nat] for m in months]
        wanted = largest_remainder([max(c, 0.5) for c in current], target)
        for m, old, new in zip(months, current, wanted, strict=True):
            by_nat[cat][m][nat] = new
            by_nat[cat][m][OTHER] -= new - old
            if by_nat[cat][m][OTHER] < 0:
                raise ValueError(f"2023 nationality target for {nat} exceeds the total in {m}")
    men: dict[str, dict[int, int]] = {}
    for cat, path in _MEN_SHARE.items():
        anchor = _yearly_anchors(path)
        men[cat] = {
            mi: round_half_up(total * interp(anchor, mi) * men_noise[cat, mi])
            for mi, total in totals[cat].items()
        }
    return CbsData(totals, by_nat, men)


def build_cbs(seed: int) -> dict[str, CbsData]:
    """The final figures (last snapshot) and each earlier snapshot's provisional version."""
    rng = rng_for(seed, "cbs_asielverzoeken")
    final_totals = cbs_monthly_totals(rng)
    share_noise = cbs_share_noise(rng)
    men_noise = cbs_men_noise(rng)
    out: dict[str, CbsData] = {}
    for stamp, last in CBS_SNAPSHOTS:
        totals = {
            cat: {
                mi: round_half_up(v * CBS_FIRST_SNAPSHOT_FACTORS.get((cat, *ym(mi)), 1.0))
                if stamp != CBS_SNAPSHOTS[-1][0]
                else v
                for mi, v in series.items()
                if mi <= last
            }
            for cat, series in final_totals.items()
        }
        out[stamp] = cbs_breakdown(totals, share_noise, men_noise)
    return out


_MONTH_NAMES_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
_STATUS_ORDER = ("Definitief", "Nader voorlopig", "Voorlopig")


def month_status(mi: int, last: int) -> str:
    age = last - mi
    if age < 3:
        return "Voorlopig"
    if age < 9:
        return "Nader voorlopig"
    return "Definitief"


@dataclass(frozen=True)
class CbsPeriod:
    key: str
    title: str
    months: tuple[int, ...]


def cbs_periods(last: int) -> list[CbsPeriod]:
    """Months, complete quarters and complete years up to ``last``, CBS order per year."""
    out: list[CbsPeriod] = []
    for year in range(FIRST_YEAR, ym(last)[0] + 1):
        year_months = tuple(
            m for m in range(mi_of(year, 1), mi_of(year, 12) + 1) if FIRST_MI <= m <= last
        )
        if len(year_months) == 12:
            out.append(CbsPeriod(f"{year}JJ00", str(year), year_months))
        for q in range(1, 5):
            qm = tuple(range(mi_of(year, 3 * q - 2), mi_of(year, 3 * q) + 1))
            if qm[-1] <= last:
                out.append(CbsPeriod(f"{year}KW{q:02d}", f"{year} {q}e kwartaal", qm))
        for m in year_months:
            out.append(
                CbsPeriod(
                    f"{year}MM{ym(m)[1]:02d}", f"{year} {_MONTH_NAMES_NL[ym(m)[1] - 1]}", (m,)
                )
            )
    return out


def period_status(period: CbsPeriod, last: int) -> str:
    return max((month_status(m, last) for m in period.months), key=_STATUS_ORDER.index)


def pad(code: str) -> str:
    # CBS pads dimension keys with spaces to 8 characters.
    return code.ljust(8)


CBS_ODATA_BASE = "https://opendata.cbs.nl/ODataApi/odata/83102NED/$metadata#Cbs.OData.WebAPI."


def cbs_rows(data: CbsData, last: int) -> list[dict[str, object]]:
    periods = cbs_periods(last)
    rows: list[dict[str, object]] = []

    def add(
        geslacht: str,
        nat_code: str,
        values: Callable[[int], tuple[int, int | None, int]],
        with_total: bool,
    ) -> None:
        for p in periods:
            parts = [values(m) for m in p.months]
            eerste = sum(v[0] for v in parts)
            volgende = None if not with_total else sum(v[1] or 0 for v in parts)
            nareis = sum(v[2] for v in parts)
            rows.append(
                {
                    "ID": len(rows),
                    "Geslacht": pad(geslacht),
                    "Leeftijd": pad("10000"),
                    "Nationaliteit": pad(nat_code),
                    "Perioden": p.key,
                    "TotaalAsielverzoeken_1": (eerste + volgende + nareis) if with_total else None,
                    "EersteAsielverzoekenPersonen_2": eerste,
                    "VolgendeAsielverzoeken_3": volgende,
                    "NareizigersPersonen_4": nareis,
                }
            )

    t = data.totals
    add(
        "T001038",
        NATIONALITEIT_TOTAAL,
        lambda m: (t["eerste"][m], t["volgende"][m], t["nareizigers"][m]),
        True,
    )
    for iso in MAIN_NATIONALITIES:
        add(
            "T001038",
            cbs_code(iso),
            lambda m, iso=iso: (
                data.by_nat["eerste"][m][iso],
                data.by_nat["volgende"][m][iso],
                data.by_nat["nareizigers"][m][iso],
            ),
            True,
        )
    # Volgende asielverzoeken count requests, not persons: no split by sex (null, as CBS shows).
    add(
        "3000",
        NATIONALITEIT_TOTAAL,
        lambda m: (data.men["eerste"][m], None, data.men["nareizigers"][m]),
        False,
    )
    add(
        "4000",
        NATIONALITEIT_TOTAAL,
        lambda m: (
            t["eerste"][m] - data.men["eerste"][m],
            None,
            t["nareizigers"][m] - data.men["nareizigers"][m],
        ),
        False,
    )
    # CBS orders rows by the dimensions in key order (Geslacht first).
    order = {"T001038 ": 0, "3000    ": 1, "4000    ": 2}
    rows.sort(key=lambda r: (order[str(r["Geslacht"])], int(r["ID"])))
    for i, r in enumerate(rows):
        r["ID"] = i
    return rows


def write_cbs(out: Path, seed: int) -> list[Path]:
    folder = out / "cbs_asielverzoeken"
    clean_dir(folder)
    written = []
    snapshots = build_cbs(seed)
    nl = {iso: naam for _, iso, naam in nationaliteiten_rows()}
    for stamp, last in CBS_SNAPSHOTS:
        stem = folder / f"83102NED_{stamp}"
        data_path = stem.with_name(stem.name + ".json")
        write_json(
            data_path,
            {
                "odata.metadata": CBS_ODATA_BASE + "TypedDataSet",
                "value": cbs_rows(snapshots[stamp], last),
            },
        )
        periods_path = stem.with_name(stem.name + ".Perioden.json")
        write_json(
            periods_path,
            {
                "odata.metadata": CBS_ODATA_BASE + "Perioden",
                "value": [
                    {
                        "Key": p.key,
                        "Title": p.title,
                        "Description": None,
                        "Status": period_status(p, last),
                    }
                    for p in cbs_periods(last)
                ],
            },
        )
        nat_path = stem.with_name(stem.name + ".Nationaliteit.json")
        nat_rows: list[dict[str, object]] = [
            {
                "Key": pad(NATIONALITEIT_TOTAAL),
                "Title": "Totaal",
                "Description": "Totaal alle nationaliteiten",
                "CategoryGroupID": None,
            },
        ]
        nat_rows += [
            {
                "Key": pad(cbs_code(iso)),
                "Title": title,
                "Description": f"Nationaliteit van {nl[iso]}",
                "CategoryGroupID": None,
            }
            for iso, title in MAIN_NATIONALITIES.items()
        ]
        write_json(
            nat_path, {"odata.metadata": CBS_ODATA_BASE + "Nationaliteit", "value": nat_rows}
        )
        written += [nat_path, periods_path, data_path]
    return written


# --------------------------------------------------------------------------------------------
# IND case events
# --------------------------------------------------------------------------------------------

PROCEDURE_OF: dict[str, str] = {
    "eerste": "asiel_eerste",
    "volgende": "asiel_herhaald",
    "nareizigers": "nareis",
}
# Nationalities behind the CBS 'other' bucket (weights), incl. stateless and unknown.
_OTHER_POOL: tuple[tuple[str, int], ...] = (
    ("PSE", 9),
    ("LBN", 5),
    ("CMR", 5),
    ("GIN", 5),
    ("SEN", 3),
    ("MLI", 3),
    ("COD", 4),
    ("AZE", 4),
    ("ARM", 4),
    ("ALB", 4),
    ("TUN", 4),
    ("BGD", 3),
    ("LKA", 3),
    ("CHN", 3),
    ("VEN", 3),
    ("CUB", 2),
    ("BDI", 3),
    ("UGA", 3),
    ("SSD", 3),
    ("KWT", 2),
    ("JOR", 2),
    ("TJK", 2),
    ("UZB", 2),
    ("BLR", 2),
    ("TGO", 2),
    ("SLE", 2),
    ("KEN", 2),
    ("MRT", 2),
    (STATELESS, 7),
    (UNKNOWN, 3),
)
# Share of permits among decisions, asiel_eerste (synthetic, in line with nationality
# profiles; 2022-2024 overall ~70%).
_GRANT_RATE: dict[str, float] = {
    "SYR": 0.95,
    "ERI": 0.92,
    "YEM": 0.85,
    "AFG": 0.75,
    "SOM": 0.60,
    "TUR": 0.70,
    "IRQ": 0.35,
    "IRN": 0.55,
    "SDN": 0.72,
    "ETH": 0.45,
    "COL": 0.10,
    "GEO": 0.03,
    "NGA": 0.15,
    "PAK": 0.20,
    "UKR": 0.30,
    "RUS": 0.45,
    "LBY": 0.30,
    "EGY": 0.25,
    "MAR": 0.04,
    "DZA": 0.04,
    STATELESS: 0.80,
    UNKNOWN: 0.45,
}
_GRANT_RATE_OTHER = 0.40
_GRANT_FACTOR = {"asiel_eerste": 1.0, "asiel_herhaald": 0.35}
_NAREIS_GRANT = 0.86
_WITHDRAW = {"asiel_eerste": 0.04, "asiel_herhaald": 0.08, "nareis": 0.06}
# Median processing time in days by month of application (IND overload 2023-2025).
_MEDIAN_DAYS = anchors_ym(
    [
        (2022, 1, 120),
        (2022, 7, 170),
        (2023, 1, 230),
        (2023, 7, 280),
        (2024, 1, 300),
        (2024, 7, 300),
        (2025, 1, 270),
        (2025, 7, 240),
        (2026, 1, 210),
        (2026, 10, 190),
    ]
)
_MEDIAN_FACTOR = {"asiel_eerste": 1.0, "asiel_herhaald": 0.5, "nareis": 0.8}
# Quantiles of processing time as a multiple of the median (right-skewed).
_DELAY_QUANTILES: tuple[tuple[float, float], ...] = (
    (0.0, 0.12),
    (0.05, 0.25),
    (0.25, 0.62),
    (0.5, 1.0),
    (0.75, 1.45),
    (0.9, 1.95),
    (0.98, 2.7),
    (1.0, 3.3),
)


def from_quantiles(u: float, table: Sequence[tuple[float, float]]) -> float:
    for (p0, v0), (p1, v1) in itertools.pairwise(table):
        if u <= p1:
            return v0 + (v1 - v0) * (u - p0) / (p1 - p0)
    return table[-1][1]


def zaak_id(seed: int, n: int) -> str:
    return hashlib.sha256(f"{seed}:zaak:{n}".encode()).hexdigest()[:16]


Event = tuple[date, str, str, str, str]  # datum, zaak_id, procedure, nationaliteit, gebeurtenis


def build_ind_events(seed: int, cbs_final: CbsData) -> list[Event]:
    rng = rng_for(seed, "ind_zaken")
    pool_codes = [c for c, _ in _OTHER_POOL]
    pool_weights = [w for _, w in _OTHER_POOL]
    events: list[Event] = []
    n = 0
    for mi in MONTHS:
        first = month_start(mi)
        workdays = [
            first + timedelta(days=d)
            for d in range((month_end(mi) - first).days + 1)
            if (first + timedelta(days=d)).weekday() < 5
        ]
        median = interp(_MEDIAN_DAYS, mi)
        for cat in CATEGORIES:
            procedure = PROCEDURE_OF[cat]
            for nat, count in cbs_final.by_nat[cat][mi].items():
                for _ in range(count):
                    iso = nat if nat != OTHER else rng.choices(pool_codes, pool_weights)[0]
                    n += 1
                    zid = zaak_id(seed, n)
                    applied = workdays[rng.randrange(len(workdays))]
                    events.append((applied, zid, procedure, iso, "aanvraag"))
                    days = (
                        median
                        * _MEDIAN_FACTOR[procedure]
                        * from_quantiles(rng.random(), _DELAY_QUANTILES)
                    )
                    if rng.random() < _WITHDRAW[procedure]:
                        days = max(7.0, days * rng.random())
                        outcome = "intrekking"
                    else:
                        if procedure == "nareis":
                            rate = _NAREIS_GRANT
                        else:
                            rate = (
                                _GRANT_RATE.get(iso, _GRANT_RATE_OTHER) * _GRANT_FACTOR[procedure]
                            )
                        outcome = "inwilliging" if rng.random() < rate else "afwijzing"
                    when = weekday_on_or_after(applied + timedelta(days=int(days)))
                    if when <= LAST_DAY:  # later outcomes are still open at the end (voorraad)
                        events.append((when, zid, procedure, iso, outcome))
    return events


_GEBEURTENIS_ORDER = {"aanvraag": 0, "intrekking": 1, "afwijzing": 2, "inwilliging": 3}


def write_ind(out: Path, seed: int, cbs_final: CbsData) -> list[Path]:
    folder = out / "ind_zaken"
    clean_dir(folder)
    by_month: dict[int, list[Event]] = {mi: [] for mi in MONTHS}
    for ev in build_ind_events(seed, cbs_final):
        by_month[mi_of(ev[0].year, ev[0].month)].append(ev)
    schema = pa.schema(
        [
            ("zaak_id", pa.string()),
            ("procedure", pa.string()),
            ("nationaliteit", pa.string()),
            ("gebeurtenis", pa.string()),
            ("datum", pa.date32()),
        ]
    )
    written = []
    epoch = date(1970, 1, 1).toordinal()
    for mi, evs in by_month.items():
        evs.sort(key=lambda e: (e[0], _GEBEURTENIS_ORDER[e[4]], e[1]))
        # Dates as day numbers: converting date objects one by one is ~20x slower.
        days = pa.array([e[0].toordinal() - epoch for e in evs], pa.int32()).cast(pa.date32())
        table = pa.table(
            {
                "zaak_id": [e[1] for e in evs],
                "procedure": [e[2] for e in evs],
                "nationaliteit": [e[3] for e in evs],
                "gebeurtenis": [e[4] for e in evs],
                "datum": days,
            },
            schema=schema,
        )
        path = folder / f"ind_zaken_{month_label(mi)}_{delivered(mi, 5)}.parquet"
        pq.write_table(
            table,
            path,
            compression="zstd",
            compression_level=9,
            use_dictionary=["procedure", "nationaliteit", "gebeurtenis"],
            write_statistics=True,
        )
        written.append(path)
    return written


# --------------------------------------------------------------------------------------------
# Taakstelling and huisvesting (vergunninghouders)
# --------------------------------------------------------------------------------------------

# National half-year figures. Real: 2022-H2 (R48), 2023-H1 (R50), 2025-H1 (R51), 2025-H2 (R52).
# The others are synthetic. 2022-H1 is set high on purpose: the backlog definition starts at
# saldo 0 in 2022-H1, so this figure also stands in for the backlog carried into 2022, which
# lets the backlog of 1 Sept 2022 come close to the real 10.343 (R49).
TAAKSTELLING: dict[str, int] = {
    "2022-H1": 15_500,
    "2022-H2": 13_500,
    "2023-H1": 21_200,
    "2023-H2": 19_000,
    "2024-H1": 18_000,
    "2024-H2": 16_000,
    "2025-H1": 15_000,
    "2025-H2": 13_000,
    "2026-H1": 12_000,
    "2026-H2": 11_000,
}
BACKLOG_TARGET_MONTH = mi_of(2025, 5)
BACKLOG_TARGET = 12_500
BACKLOG_TOLERANCE = 0.005
# National monthly housing rate before per-gemeente variation (synthetic).
_HOUSING_RATE = anchors_ym(
    [
        (2022, 1, 600),
        (2022, 6, 650),
        (2022, 8, 800),
        (2022, 12, 1_600),
        (2023, 6, 2_900),
        (2023, 12, 3_300),
        (2024, 6, 3_200),
        (2024, 12, 2_900),
        (2025, 6, 2_550),
        (2025, 12, 2_400),
        (2026, 10, 2_100),
    ]
)


def taakstelling_per_gemeente(gemeenten: Sequence[Gemeente]) -> dict[str, list[int]]:
    """Per half-year label the national figure divided by population (largest remainder)."""
    weights = [g.inwoners for g in gemeenten]
    return {h: largest_remainder(weights, total) for h, total in TAAKSTELLING.items()}


def achterstand_per_gemeente(
    taak: Mapping[tuple[str, int], int],
    housed: Mapping[tuple[str, int], int],
    gemeenten: Sequence[str],
    months: Sequence[int],
) -> dict[str, dict[int, int]]:
    """Taakstelling backlog per gemeente per month end, DESIGN section 4.

    Per gemeente: saldo at the end of a half-year = saldo at the end of the previous one +
    taakstelling(h) - housed in h, starting at 0 before the first delivered half-year;
    achterstand(m) = max(0, saldo end of previous half-year - housed so far in this half-year).
    ``taak`` is keyed by (gemeentecode, half index), ``housed`` by (gemeentecode, month index);
    ``months`` must run from the first delivered month without gaps.
    """
    first_half = min(h for _, h in taak)
    out: dict[str, dict[int, int]] = {}
    for g in gemeenten:
        saldo_prev = 0  # saldo at the end of the previous half-year
        current = first_half
        so_far = 0
        out[g] = {}
        for m in sorted(months):
            h = half_of(m)
            while current < h:  # close the half-year(s) before m
                saldo_prev += taak.get((g, current), 0) - so_far
                so_far = 0
                current += 1
            so_far += housed.get((g, m), 0)
            out[g][m] = max(0, saldo_prev - so_far)
    return out


def achterstand(
    taak: Mapping[tuple[str, int], int],
    housed: Mapping[tuple[str, int], int],
    gemeenten: Sequence[str],
    months: Sequence[int],
) -> dict[int, int]:
    """National backlog per month: the sum over gemeenten (no netting of surpluses)."""
    per_g = achterstand_per_gemeente(taak, housed, gemeenten, months)
    return {m: sum(per_g[g][m] for g in gemeenten) for m in months}


def _half_index(label: str) -> int:
    year, h = label.split("-H")
    return int(year) * 2 + int(h) - 1


@dataclass
class Housing:
    gemeenten: list[Gemeente]
    taak: dict[tuple[str, int], int]
    housed: dict[tuple[str, int], int]

    def backlog(self) -> dict[int, int]:
        return achterstand(self.taak, self.housed, [g.code for g in self.gemeenten], MONTHS)


def build_housing(seed: int, gemeenten: list[Gemeente]) -> Housing:
    rng = rng_for(seed, "huisvesting_realisatie")
    per_half = taakstelling_per_gemeente(gemeenten)
    taak = {
        (g.code, _half_index(h)): values[i]
        for h, values in per_half.items()
        for i, g in enumerate(gemeenten)
    }
    # Performance factor per gemeente: ~15% ahead, most somewhat behind, a quarter far behind.
    perf = []
    for _ in gemeenten:
        u = rng.random()
        if u < 0.15:
            perf.append(1.10 + 0.30 * rng.random())
        elif u < 0.75:
            perf.append(0.80 + 0.22 * rng.random())
        else:
            perf.append(0.50 + 0.30 * rng.random())
    total_pop = sum(g.inwoners for g in gemeenten)
    shares = [g.inwoners / total_pop for g in gemeenten]
    norm = sum(s * p for s, p in zip(shares, perf, strict=True))
    housed: dict[tuple[str, int], int] = {}
    for mi in MONTHS:
        national = interp(_HOUSING_RATE, mi) * jitter(rng, 0.06)
        for g, s, p in zip(gemeenten, shares, perf, strict=True):
            x = national * s * p / norm * jitter(rng, 0.35)
            whole = int(x // 1)
            housed[g.code, mi] = whole + (1 if rng.random() < x - whole else 0)
    housing = Housing(gemeenten, taak, housed)
    _hit_backlog_target(housing)
    return housing


def _hit_backlog_target(h: Housing) -> None:
    """Make the national backlog of May 2025 exactly BACKLOG_TARGET.

    Only Jan-May 2025 of gemeenten with a backlog in May are touched. For such a gemeente one
    extra housing lowers the national backlog by exactly one (while its backlog stays >= 0) and
    one fewer raises it by one; saldi up to 2024-H2 do not change.
    """
    codes = [g.code for g in h.gemeenten]
    months = [
        m
        for m in MONTHS
        if half_of(m) == half_of(BACKLOG_TARGET_MONTH) and m <= BACKLOG_TARGET_MONTH
    ]
    per_g = {
        g: series[BACKLOG_TARGET_MONTH]
        for g, series in achterstand_per_gemeente(h.taak, h.housed, codes, MONTHS).items()
    }
    diff = sum(per_g.values()) - BACKLOG_TARGET
    behind = [g for g in codes if per_g[g] > 0]
    if diff > 0:  # house more people
        extra = largest_remainder([per_g[g] for g in behind], diff)
        for g, e in zip(behind, extra, strict=True):
            if e > per_g[g]:
                raise ValueError("backlog adjustment larger than a gemeente's backlog")
            for i, add in enumerate(largest_remainder([1.0] * len(months), e)):
                h.housed[g, months[i]] += add
    elif diff < 0:  # house fewer people
        need = -diff
        capacity = {g: sum(h.housed[g, m] for m in months) for g in behind}
        if sum(capacity.values()) < need:
            raise ValueError("not enough housings in Jan-May 2025 to lower")
        take = largest_remainder([capacity[g] for g in behind], need)
        for g, t in zip(behind, take, strict=True):
            for m in reversed(months):
                d = min(t, h.housed[g, m])
                h.housed[g, m] -= d
                t -= d
            if t:
                raise ValueError("backlog adjustment failed")


def write_taakstelling(out: Path, gemeenten: list[Gemeente]) -> list[Path]:
    folder = out / "taakstelling"
    clean_dir(folder)
    written = []
    for label, values in taakstelling_per_gemeente(gemeenten).items():
        year, half = int(label[:4]), label[-2:]
        published = (
            f"{year - 1}-12-01" if half == "H1" else f"{year}-06-01"
        )  # the circulaire precedes the half year
        path = folder / f"taakstelling_{label}_{published}.csv"
        write_csv(
            path,
            ("periode", "gemeentecode", "gemeentenaam", "taakstelling"),
            [(label, g.code, g.naam, v) for g, v in zip(gemeenten, values, strict=True)],
        )
        written.append(path)
    return written


def write_huisvesting(out: Path, housing: Housing) -> list[Path]:
    folder = out / "huisvesting_realisatie"
    clean_dir(folder)
    written = []
    for mi in MONTHS:
        path = folder / f"huisvesting_{month_label(mi)}_{delivered(mi, 8)}.csv"
        write_csv(
            path,
            ("maand", "gemeentecode", "gehuisvest"),
            [(month_label(mi), g.code, housing.housed[g.code, mi]) for g in housing.gemeenten],
        )
        written.append(path)
    return written


# --------------------------------------------------------------------------------------------
# COA bezetting
# --------------------------------------------------------------------------------------------

OPVANGSOORTEN: tuple[str, ...] = (
    "regulier",
    "noodopvang",
    "crisisnoodopvang",
    "hotel",
    "cruiseschip",
    "doorstroomlocatie",
)
DURE_OPVANG = ("noodopvang", "crisisnoodopvang", "hotel", "cruiseschip")
# Month-end total occupancy. Real points: 36.864 on 24 Jan 2022 (R40), 42.301 on 27 Jun 2022
# (R39), 51.805 on 5 Dec 2022 (R38), 57.538 on 25 Sep 2023 (R37), ~61.000 Nov 2023 (R41).
_COA_TOTAL = anchors_ym(
    [
        (2022, 1, 37_100),
        (2022, 6, 42_400),
        (2022, 11, 51_300),
        (2022, 12, 52_000),
        (2023, 6, 54_300),
        (2023, 9, 57_600),
        (2023, 11, 61_000),
        (2023, 12, 62_000),
        (2024, 6, 64_500),
        (2024, 12, 66_500),
        (2025, 6, 69_500),
        (2025, 12, 67_500),
        (2026, 10, 62_500),
    ]
)
# Shares of the total per opvangsoort (regulier takes the remainder). Sept 2023: 31.087
# regulier of 57.538 (R37), Nov 2023: 23.000 of 61.000 in hotels/hallen/schepen/tenten (R41).
_COA_SHARES: dict[str, list[tuple[int, float]]] = {
    "noodopvang": anchors_ym(
        [
            (2022, 1, 0.12),
            (2022, 12, 0.20),
            (2023, 9, 0.24),
            (2024, 12, 0.24),
            (2025, 12, 0.20),
            (2026, 10, 0.16),
        ]
    ),
    "crisisnoodopvang": anchors_ym(
        [
            (2022, 1, 0.04),
            (2022, 9, 0.11),
            (2022, 12, 0.10),
            (2023, 9, 0.09),
            (2023, 11, 0.11),
            (2024, 12, 0.05),
            (2025, 12, 0.02),
            (2026, 10, 0.012),
        ]
    ),
    "hotel": anchors_ym(
        [
            (2022, 1, 0.04),
            (2022, 12, 0.07),
            (2023, 9, 0.06),
            (2024, 12, 0.06),
            (2025, 12, 0.035),
            (2026, 10, 0.02),
        ]
    ),
    # Cruise ships from Aug 2022; the last one leaves in May 2026.
    "cruiseschip": anchors_ym(
        [
            (2022, 7, 0.0),
            (2022, 9, 0.03),
            (2022, 12, 0.05),
            (2023, 9, 0.06),
            (2024, 12, 0.05),
            (2025, 12, 0.02),
            (2026, 5, 0.008),
            (2026, 6, 0.0),
        ]
    ),
    "doorstroomlocatie": anchors_ym(
        [(2024, 2, 0.0), (2024, 3, 0.004), (2024, 12, 0.04), (2025, 12, 0.08), (2026, 10, 0.09)]
    ),
}
# Cost per occupied place per year (euro). Real: regulier 27.100 (2022, R42), 30.400 (2023,
# R46); (crisis)noodopvang 53.400 (2022, R43), 69.400 (2023, R47). Other values synthetic.
COA_KOSTPRIJS: dict[str, dict[int, int]] = {
    "regulier": {2022: 27_100, 2023: 30_400, 2024: 32_300, 2025: 33_900, 2026: 34_800},
    "noodopvang": {2022: 53_400, 2023: 69_400, 2024: 66_800, 2025: 63_500, 2026: 61_200},
    "crisisnoodopvang": {2022: 53_400, 2023: 69_400, 2024: 71_200, 2025: 72_500, 2026: 73_000},
    "hotel": {2022: 58_900, 2023: 72_600, 2024: 74_100, 2025: 75_300, 2026: 76_000},
    "cruiseschip": {2022: 61_300, 2023: 78_500, 2024: 79_800, 2025: 81_200, 2026: 82_000},
    "doorstroomlocatie": {2022: 22_000, 2023: 23_400, 2024: 24_500, 2025: 25_200, 2026: 25_900},
}
_COA_OCCUPANCY = {
    "regulier": 0.955,
    "noodopvang": 0.90,
    "crisisnoodopvang": 0.97,
    "hotel": 0.93,
    "cruiseschip": 0.95,
    "doorstroomlocatie": 0.88,
}
_COA_SITE_SIZE = {
    "regulier": 390,
    "noodopvang": 160,
    "crisisnoodopvang": 140,
    "hotel": 110,
    "cruiseschip": 900,
    "doorstroomlocatie": 110,
}
COA_REVISION_MONTH = mi_of(2026, 9)


@dataclass(frozen=True)
class CoaRow:
    opvangsoort: str
    locaties: int
    capaciteit: int
    bezetting: int
    vergunninghouders: int
    kostprijs: int


VH_END_2024 = 12_000  # R53: ~12.000 vergunninghouders waiting in COA at the end of 2024
VH_FLOOR = 8_000


def vergunninghouders_in_opvang(backlog: Mapping[int, int]) -> dict[int, int]:
    """Vergunninghouders in COA, following the taakstelling backlog.

    The backlog (DESIGN definition) is a saw-tooth that resets every half-year; the people in
    COA are not. So: the trailing six-month mean of the backlog, scaled to 12.000 at the end of
    2024 (R53), with a floor of 8.000 because the definition starts at 0 in 2022 while COA
    then already housed thousands of permit holders.
    """

    def trailing_mean(mi: int) -> float:
        window = [backlog[m] for m in range(mi - 5, mi + 1) if m in backlog]
        return sum(window) / len(window)

    scale = VH_END_2024 / trailing_mean(mi_of(2024, 12))
    return {mi: max(VH_FLOOR, round_half_up(trailing_mean(mi) * scale)) for mi in MONTHS}


def build_coa(seed: int, backlog: Mapping[int, int]) -> dict[int, list[CoaRow]]:
    rng = rng_for(seed, "coa_bezetting")
    vh_total = vergunninghouders_in_opvang(backlog)
    out: dict[int, list[CoaRow]] = {}
    for mi in MONTHS:
        total = round_half_up(interp(_COA_TOTAL, mi) * jitter(rng, 0.006))
        bez = {
            s: round_half_up(total * interp(a, mi) * jitter(rng, 0.03))
            for s, a in _COA_SHARES.items()
        }
        bez["regulier"] = total - sum(bez.values())
        # Doorstroomlocaties house permit holders only; the rest is spread by occupancy.
        vh = {s: 0 for s in OPVANGSOORTEN}
        vh_left = vh_total[mi]
        vh["doorstroomlocatie"] = min(bez["doorstroomlocatie"] * 93 // 100, vh_left)
        vh_left -= vh["doorstroomlocatie"]
        others = [s for s in OPVANGSOORTEN if s != "doorstroomlocatie"]
        for s, v in zip(others, largest_remainder([bez[s] for s in others], vh_left), strict=True):
            vh[s] = v
        rows = []
        year = ym(mi)[0]
        for s in OPVANGSOORTEN:
            b = bez[s]
            cap = (
                0 if b == 0 else max(b, round_half_up(b / (_COA_OCCUPANCY[s] * jitter(rng, 0.015))))
            )
            sites = 0 if b == 0 else max(1, round_half_up(cap / _COA_SITE_SIZE[s]))
            rows.append(CoaRow(s, sites, cap, b, vh[s], COA_KOSTPRIJS[s][year]))
        out[mi] = rows
    return out


def _coa_csv_rows(mi: int, rows: Sequence[CoaRow]) -> list[tuple[object, ...]]:
    return [
        (
            month_end(mi).isoformat(),
            r.opvangsoort,
            r.locaties,
            r.capaciteit,
            r.bezetting,
            r.vergunninghouders,
            nl_decimal(r.kostprijs),
        )
        for r in rows
    ]


COA_HEADER = (
    "peildatum",
    "opvangsoort",
    "locaties",
    "capaciteit",
    "bezetting",
    "waarvan_vergunninghouders",
    "kostprijs_per_plek_per_jaar",
)


def coa_revision(rows: Sequence[CoaRow]) -> list[CoaRow]:
    """The corrected September 2026 delivery: the hotel count was 46 too low."""
    out = []
    for r in rows:
        if r.opvangsoort == "hotel":
            bez = r.bezetting + 46
            r = CoaRow(
                r.opvangsoort,
                r.locaties,
                max(r.capaciteit, bez),
                bez,
                r.vergunninghouders,
                r.kostprijs,
            )
        out.append(r)
    return out


def write_coa(out: Path, seed: int, backlog: Mapping[int, int]) -> list[Path]:
    folder = out / "coa_bezetting"
    clean_dir(folder)
    written = []
    data = build_coa(seed, backlog)
    for mi, rows in data.items():
        path = folder / f"coa_bezetting_{month_label(mi)}_{delivered(mi, 6)}.csv"
        write_csv(path, COA_HEADER, _coa_csv_rows(mi, rows), delimiter=";", bom=True)
        written.append(path)
    path = folder / (
        f"coa_bezetting_{month_label(COA_REVISION_MONTH)}_v2_"
        f"{delivered(COA_REVISION_MONTH, 20)}.csv"
    )
    write_csv(
        path,
        COA_HEADER,
        _coa_csv_rows(COA_REVISION_MONTH, coa_revision(data[COA_REVISION_MONTH])),
        delimiter=";",
        bom=True,
    )
    written.append(path)
    return sorted(written)


# --------------------------------------------------------------------------------------------
# DTenV vertrek
# --------------------------------------------------------------------------------------------

VERTREKSOORTEN = ("zelfstandig_onder_toezicht", "gedwongen", "zelfstandig_zonder_toezicht")
# (first month, last month) -> totals per vertreksoort. Real: 2022 and 2024 years
# (dtenv_vertrek_2014_2024.csv, R54-R56, R59), Jan-Oct 2023 (DT&V 't/m oktober'). Nov-Dec 2023
# continue the Jan-Oct rate, which puts 2023 aantoonbaar at 5.760 (R60): 3.380 + 2.380.
DTENV_SEGMENTS: tuple[tuple[tuple[int, int], tuple[int, int], tuple[int, int, int]], ...] = (
    ((2022, 1), (2022, 12), (2_450, 1_850, 4_310)),
    ((2023, 1), (2023, 10), (2_820, 1_990, 3_960)),
    ((2023, 11), (2023, 12), (560, 390, 790)),
    ((2024, 1), (2024, 12), (3_240, 2_750, 5_740)),
    ((2025, 1), (2025, 12), (3_320, 2_940, 5_600)),
    ((2026, 1), (2026, 10), (2_830, 2_550, 4_500)),
)
# Mild seasonality: fewer departures in summer and around Christmas.
_DTENV_SEASON = (1.0, 1.0, 1.08, 1.04, 1.02, 0.98, 0.88, 0.86, 1.02, 1.08, 1.06, 0.96)


def build_dtenv(seed: int) -> dict[int, dict[str, int | None]]:
    rng = rng_for(seed, "dtenv_vertrek")
    out: dict[int, dict[str, int | None]] = {mi: {} for mi in MONTHS}
    for (y0, m0), (y1, m1), totals in DTENV_SEGMENTS:
        months = list(range(mi_of(y0, m0), mi_of(y1, m1) + 1))
        for soort, total in zip(VERTREKSOORTEN, totals, strict=True):
            if total % 10:
                raise ValueError("DTenV totals are rounded to tens")
            weights = [_DTENV_SEASON[ym(m)[1] - 1] * jitter(rng, 0.08) for m in months]
            for m, tens in zip(months, largest_remainder(weights, total // 10), strict=True):
                # DTenV shows counts under 5 as '.'; rounded to tens that is a 0.
                out[m][soort] = tens * 10 if tens > 0 else None
    return out


def write_dtenv(out: Path, seed: int) -> list[Path]:
    folder = out / "dtenv_vertrek"
    clean_dir(folder)
    written = []
    for mi, values in build_dtenv(seed).items():
        path = folder / f"dtenv_vertrek_{month_label(mi)}_{delivered(mi, 10)}.csv"
        write_csv(
            path,
            ("maand", "vertreksoort", "aantal"),
            [(month_label(mi), s, "." if values[s] is None else values[s]) for s in VERTREKSOORTEN],
        )
        written.append(path)
    return written


# --------------------------------------------------------------------------------------------
# Budget: budgettaire tabellen (OWB 2025, OWB 2026) and rijksfinancien begrotingsstaten
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetLine:
    hoofdstuk: str
    artikel: int
    artikelnaam: str
    vuo: str
    artikelonderdeel: str
    artikelonderdeelnaam: str
    instrument: str
    regeling: str
    bedragen: tuple[int, ...]


OWB2025_YEARS = tuple(range(2023, 2030))
OWB2026_YEARS = tuple(range(2024, 2031))

# Real OWB 2025 art. 37 uitgaven totals (R73-R76; 2029 = 2028 per R76) and lines (R77, R78).
ART37_OWB2025_TOTAL: dict[int, int] = {
    2025: 9_480_898,
    2026: 9_769_219,
    2027: 2_854_239,
    2028: 1_218_804,
    2029: 1_218_804,
}
ART37_OWB2025_VERPLICHTINGEN_2025 = 9_490_898  # R73 note
IND_OWB2025 = (702_815, 812_440, 866_372, 809_634, 453_013, 317_406, 317_406)  # R77 2025-2029
COA_OWB2025 = (3_861_230, 4_284_905, 4_502_164, 4_890_105, 1_016_100, 691_390, 691_390)  # R78
NPOO_MUTATIE_2026 = -1_051_000  # R79: NPOO in OWB 2026 vs OWB 2025, year 2026
XX_TOTAAL_OWB2026_2026 = 8_940_000  # R72: 8.940 mln
ONTVANGSTEN_XX = {2025: 13_000, 2026: 14_000}  # R71, R72

_U37 = ("XX", 37, "Migratie", "U")
_ON = {
    "37.1": "Migratie (beleid en uitvoering)",
    "37.2": "Vreemdelingenketen",
    "37.3": "Terugkeer en vertrek",
    "37.4": "Internationale migratiesamenwerking",
    "37.5": "Opvang ontheemden Oekraïne",
}


def _line(
    onderdeel: str,
    instrument: str,
    regeling: str,
    values: Sequence[int],
    base: tuple[str, int, str, str] = _U37,
) -> BudgetLine:
    hoofdstuk, artikel, naam, vuo = base
    return BudgetLine(
        hoofdstuk,
        artikel,
        naam,
        vuo,
        onderdeel,
        _ON.get(onderdeel, ""),
        instrument,
        regeling,
        tuple(values),
    )


def owb2025_art37() -> list[BudgetLine]:
    """OWB 2025 art. 37 Migratie, U lines for 2023..2029. NPOO absorbs the remainder for
    2025-2027 and housing for 2028-2029, so the totals equal R73-R76 exactly. 2023 and 2024
    show the predecessor article VI/37 (realisatie 2023, stand 1e suppletoire 2024)."""
    fixed = [
        _line(
            "37.1",
            "Opdrachten",
            "Onderzoek en beleidsondersteuning",
            (12_400, 13_100, 14_250, 13_800, 12_600, 11_900, 11_900),
        ),
        _line(
            "37.1",
            "Subsidies",
            "Vluchtelingenwerk Nederland",
            (31_500, 33_800, 35_120, 34_000, 22_400, 16_250, 16_250),
        ),
        _line(
            "37.2",
            "Bijdrage aan agentschappen",
            "Immigratie- en Naturalisatiedienst (IND)",
            IND_OWB2025,
        ),
        _line(
            "37.2",
            "Bijdrage aan ZBO's/RWT's",
            "Centraal Orgaan opvang asielzoekers (COA)",
            COA_OWB2025,
        ),
        _line(
            "37.2",
            "Subsidies",
            "Stichting Nidos",
            (89_300, 104_600, 112_800, 109_500, 61_200, 48_700, 48_700),
        ),
        _line(
            "37.3",
            "Subsidies",
            "Ondersteuning zelfstandig vertrek",
            (18_900, 21_300, 23_400, 22_900, 14_800, 9_600, 9_600),
        ),
        _line(
            "37.3",
            "Opdrachten",
            "Gedwongen vertrek",
            (64_200, 71_500, 78_300, 76_100, 41_200, 29_500, 29_500),
        ),
        _line(
            "37.4",
            "Bijdrage aan (inter)nationale organisaties",
            "Migratiesamenwerking landen van herkomst en transit (ODA)",
            (8_000, 9_500, 12_000, 12_000, 12_000, 12_000, 12_000),
        ),
    ]
    housing = [212_600, 398_700, 412_300, 405_000, 310_000, 0, 0]
    npoo = [1_650_000, 2_050_000, 0, 0, 0, 0, 0]
    for i, year in enumerate(OWB2025_YEARS):
        if year not in ART37_OWB2025_TOTAL:
            continue
        rest = ART37_OWB2025_TOTAL[year] - sum(regel.bedragen[i] for regel in fixed)
        if year <= 2027:  # RTB runs to March 2027
            npoo[i] = rest - housing[i]
        else:
            housing[i] = rest
    lines = (
        fixed[:4]
        + [
            _line(
                "37.2",
                "Bijdrage aan medeoverheden",
                "Huisvesting vergunninghouders en Spreidingswet",
                housing,
            ),
        ]
        + fixed[4:]
        + [
            _line(
                "37.5",
                "Bijdrage aan medeoverheden",
                "Gemeentelijke opvang ontheemden Oekraïne",
                npoo,
            ),
        ]
    )
    return sorted(
        lines, key=lambda regel: (regel.artikelonderdeel, regel.instrument, regel.regeling)
    )


def owb2026_xx() -> list[BudgetLine]:
    """OWB 2026 chapter XX U lines for 2024..2030: art. 37 (incl. the XX taskforce lines),
    91 and 92. Art. 92 absorbs the remainder so that XX totals 8.940.000 in 2026 (R72).
    NPOO 2026 = OWB 2025's NPOO 2026 + the R79 mutation."""
    npoo_owb2025_2026 = next(
        regel.bedragen[OWB2025_YEARS.index(2026)]
        for regel in owb2025_art37()
        if regel.regeling.startswith("Gemeentelijke opvang")
    )
    lines = [
        _line(
            "37.1",
            "Opdrachten",
            "Onderzoek en beleidsondersteuning",
            (12_850, 14_900, 14_100, 13_200, 12_500, 12_500, 12_500),
        ),
        _line(
            "37.1",
            "Subsidies",
            "Vluchtelingenwerk Nederland",
            (33_950, 35_120, 34_000, 28_400, 22_000, 22_000, 22_000),
        ),
        _line(
            "37.2",
            "Bijdrage aan agentschappen",
            "Immigratie- en Naturalisatiedienst (IND)",
            (830_115, 902_400, 845_300, 612_800, 498_200, 452_600, 452_600),
        ),
        _line(
            "37.2",
            "Bijdrage aan ZBO's/RWT's",
            "Centraal Orgaan opvang asielzoekers (COA)",
            (4_376_820, 4_866_200, 4_512_700, 2_306_400, 1_402_500, 1_275_300, 1_275_300),
        ),
        _line(
            "37.2",
            "Bijdrage aan medeoverheden",
            "Huisvesting vergunninghouders en Spreidingswet",
            (401_250, 425_600, 398_000, 305_000, 120_000, 95_000, 95_000),
        ),
        _line(
            "37.2",
            "Subsidies",
            "Stichting Nidos",
            (106_900, 118_300, 114_600, 82_400, 64_100, 60_800, 60_800),
        ),
        _line(
            "37.3",
            "Subsidies",
            "Ondersteuning zelfstandig vertrek",
            (21_870, 24_100, 26_500, 27_000, 27_000, 27_000, 27_000),
        ),
        _line(
            "37.3",
            "Opdrachten",
            "Gedwongen vertrek",
            (73_240, 81_900, 88_400, 90_100, 90_100, 90_100, 90_100),
        ),
        _line(
            "37.5",
            "Bijdrage aan medeoverheden",
            "Gemeentelijke opvang ontheemden Oekraïne",
            (2_068_350, 3_298_400, npoo_owb2025_2026 + NPOO_MUTATIE_2026, 720_000, 0, 0, 0),
        ),
    ]
    lines += [
        BudgetLine(
            t.hoofdstuk,
            t.artikel,
            t.artikelnaam,
            "U",
            t.artikelonderdeel,
            t.artikelonderdeelnaam,
            t.instrument,
            t.regeling,
            t.bedragen,
        )
        for t in TASKFORCE_LINES
        if t.hoofdstuk == "XX"
    ]
    apparaat = BudgetLine(
        "XX",
        91,
        "Apparaatsuitgaven kerndepartement",
        "U",
        "91.1",
        "Apparaatsuitgaven kerndepartement",
        "Personele en materiële uitgaven",
        "",
        (0, 171_300, 186_400, 183_900, 181_200, 180_500, 180_500),
    )
    i26 = OWB2026_YEARS.index(2026)
    onverdeeld_2026 = (
        XX_TOTAAL_OWB2026_2026
        - sum(regel.bedragen[i26] for regel in lines)
        - apparaat.bedragen[i26]
    )
    onverdeeld = BudgetLine(
        "XX",
        92,
        "Nog onverdeeld",
        "U",
        "92.1",
        "Nog onverdeeld",
        "Nog onverdeeld",
        "",
        (0, 0, onverdeeld_2026, 1_250_000, 1_100_000, 950_000, 950_000),
    )
    lines += [apparaat, onverdeeld]
    return sorted(
        lines,
        key=lambda regel: (regel.artikel, regel.artikelonderdeel, regel.instrument, regel.regeling),
    )


def column_sum(
    lines: Iterable[BudgetLine], years: Sequence[int], year: int, artikel: int | None = None
) -> int:
    i = years.index(year)
    return sum(regel.bedragen[i] for regel in lines if artikel is None or regel.artikel == artikel)


@dataclass(frozen=True)
class Stand:
    """One article-year in the begrotingsstaten: five stages, None = not yet known."""

    ontwerp: int | None
    vastgesteld: int | None
    eerste: int | None
    tweede: int | None
    realisatie: int | None

    def scaled(self, f: float) -> Stand:
        return Stand(*(None if v is None else round_half_up(v * f) for v in self.values()))

    def values(self) -> tuple[int | None, ...]:
        return (self.ontwerp, self.vastgesteld, self.eerste, self.tweede, self.realisatie)


def migratie_standen() -> dict[tuple[str, int, int, str], Stand]:
    """Article-level stages for VI/37 (2022-2024) and XX/37, 91, 92 (2025-2026), tied to the
    budget tables: realisatie 2023 = OWB 2025 column 2023, stand 1e suppletoire 2024 = OWB 2025
    column 2024, realisatie 2024 = OWB 2026 column 2024, ontwerp 2025 = OWB 2025 column 2025,
    stand 1e suppletoire 2025 = OWB 2026 column 2025, ontwerp 2026 = OWB 2026 column 2026."""
    o25, o26 = owb2025_art37(), owb2026_xx()

    def c25(y: int) -> int:
        return column_sum(o25, OWB2025_YEARS, y)

    def c26(y: int, art: int) -> int:
        return column_sum(o26, OWB2026_YEARS, y, art)

    u = {
        ("VI", 37, 2022): Stand(1_604_310, 1_612_810, 3_384_620, 4_391_270, 4_206_540),
        ("VI", 37, 2023): Stand(2_493_150, 2_521_650, 5_317_400, 6_712_000, c25(2023)),
        ("VI", 37, 2024): Stand(4_986_300, 5_012_300, c25(2024), 8_012_600, c26(2024, 37)),
        ("XX", 37, 2025): Stand(c25(2025), 9_496_300, c26(2025, 37), 9_905_600, 9_842_315),
        ("XX", 37, 2026): Stand(c26(2026, 37), 8_415_200, 8_912_400, None, None),
        ("XX", 91, 2025): Stand(0, 158_200, c26(2025, 91), 176_800, 173_950),
        ("XX", 91, 2026): Stand(c26(2026, 91), 186_400, 189_700, None, None),
        ("XX", 92, 2026): Stand(c26(2026, 92), 349_820, 212_300, None, None),
    }
    out: dict[tuple[str, int, int, str], Stand] = {}
    for (ch, art, year), stand in u.items():
        out[ch, art, year, "U"] = stand
        # Verplichtingen follow uitgaven closely (multi-year commitments for COA and NPOO).
        v = stand.scaled(1.0 if art != 37 else 1.002)
        if (ch, art, year) == ("XX", 37, 2025):
            v = Stand(ART37_OWB2025_VERPLICHTINGEN_2025, *v.values()[1:])
        out[ch, art, year, "V"] = v
        if art == 37:
            base = {2022: 4_800, 2023: 21_300, 2024: 15_800, **ONTVANGSTEN_XX}[year]
            out[ch, art, year, "O"] = Stand(
                base,
                base,
                round_half_up(base * 1.4),
                None if year == 2026 else round_half_up(base * 1.6),
                None if year == 2026 else round_half_up(base * 1.55),
            )
        else:
            out[ch, art, year, "O"] = Stand(*(None if x is None else 0 for x in stand.values()))
    return out


def owb_vo_lines(
    standen: Mapping[tuple[str, int, int, str], Stand],
    begrotingsjaar: int,
    years: Sequence[int],
    artikel: int,
    artikelnaam: str,
) -> list[BudgetLine]:
    """Verplichtingen and ontvangsten rows of a budget table, taken from the same stages
    as the begrotingsstaten: t-2 realisatie, t-1 1e suppletoire, t ontwerp; later years are
    meerjarenramingen (V follows U, O flat)."""
    out = []
    for vuo in ("V", "O"):
        values = []
        for year in years:
            ch = "VI" if year <= 2024 else "XX"
            stand = standen.get((ch, artikel, year, vuo))
            if year == begrotingsjaar - 2:
                values.append(stand.realisatie if stand else 0)
            elif year == begrotingsjaar - 1:
                values.append(stand.eerste if stand else 0)
            elif year == begrotingsjaar:
                values.append(stand.ontwerp if stand else 0)
            else:
                values.append(-1)  # filled below
        out.append(BudgetLine("XX", artikel, artikelnaam, vuo, "", "", "", "", tuple(values)))
    return out


def _fill_future(
    lines: list[BudgetLine], u_lines: Sequence[BudgetLine], years: Sequence[int], artikel: int
) -> list[BudgetLine]:
    out = []
    for line in lines:
        values = list(line.bedragen)
        for i, v in enumerate(values):
            if v >= 0:
                continue
            if line.vuo == "V":
                u = column_sum(u_lines, years, years[i], artikel)
                values[i] = u + (7_000 if artikel == 37 and years[i] <= 2027 else 0)
            else:
                values[i] = values[i - 1] if artikel == 37 else 0
        out.append(
            BudgetLine(
                line.hoofdstuk,
                line.artikel,
                line.artikelnaam,
                line.vuo,
                line.artikelonderdeel,
                line.artikelonderdeelnaam,
                line.instrument,
                line.regeling,
                tuple(values),
            )
        )
    return out


BUDGETTAIRE_HEADER = (
    "begrotingsjaar",
    "hoofdstuk",
    "artikel",
    "artikelnaam",
    "vuo",
    "artikelonderdeel",
    "artikelonderdeelnaam",
    "instrument",
    "regeling",
    "jaar",
    "bedrag",
)


def budget_tables() -> dict[int, list[BudgetLine]]:
    standen = migratie_standen()
    u25 = owb2025_art37()
    t25 = _fill_future(
        owb_vo_lines(standen, 2025, OWB2025_YEARS, 37, "Migratie"), u25, OWB2025_YEARS, 37
    )
    t25 = [t25[0]] + u25 + [t25[1]]  # V, U..., O as in the printed table
    u26 = owb2026_xx()
    t26: list[BudgetLine] = []
    for artikel, naam in (
        (37, "Migratie"),
        (91, "Apparaatsuitgaven kerndepartement"),
        (92, "Nog onverdeeld"),
    ):
        art_u = [regel for regel in u26 if regel.artikel == artikel]
        vo = _fill_future(
            owb_vo_lines(standen, 2026, OWB2026_YEARS, artikel, naam), u26, OWB2026_YEARS, artikel
        )
        t26 += [vo[0]] + art_u + [vo[1]]
    t26 += [
        BudgetLine(
            t.hoofdstuk,
            t.artikel,
            t.artikelnaam,
            "U",
            t.artikelonderdeel,
            t.artikelonderdeelnaam,
            t.instrument,
            t.regeling,
            t.bedragen,
        )
        for t in TASKFORCE_LINES
        if t.hoofdstuk == "XVII"
    ]
    return {2025: t25, 2026: t26}


# The ontwerpbegroting is published on Prinsjesdag,
# the third Tuesday of September of the year before.
PRINSJESDAG = {2024: "2024-09-17", 2025: "2025-09-16"}


def write_budgettaire_tabel(out: Path) -> list[Path]:
    folder = out / "budgettaire_tabel"
    clean_dir(folder)
    written = []
    for begrotingsjaar, lines in budget_tables().items():
        years = OWB2025_YEARS if begrotingsjaar == 2025 else OWB2026_YEARS
        path = (
            folder / f"budgettaire_tabel_OWB{begrotingsjaar}_{PRINSJESDAG[begrotingsjaar - 1]}.csv"
        )
        write_csv(
            path,
            BUDGETTAIRE_HEADER,
            [
                (
                    begrotingsjaar,
                    regel.hoofdstuk,
                    regel.artikel,
                    regel.artikelnaam,
                    regel.vuo,
                    regel.artikelonderdeel,
                    regel.artikelonderdeelnaam,
                    regel.instrument,
                    regel.regeling,
                    year,
                    regel.bedragen[i],
                )
                for regel in lines
                for i, year in enumerate(years)
            ],
        )
        written.append(path)
    return written


BEGROTINGSSTATEN_HEADER = (
    "Begrotingsjaar,Uitgaven Ontvangsten Verplichtingen,Begrotingsnummer,Naam Begroting ,"
    "Artikel nummer,Artikel,Stand ontwerpbegroting,Stand vastgestelde begroting,"
    "Stand eerste suppletoire,Stand tweede suppletoire,Realisatie"
)
# Real rows of the rijksfinancien.nl open-data file, art. 37 (VI) and 70 (VII), 2013-2021
# (copied verbatim from reference/rijksfinancien_begrotingsstaten_art37_2013_2021.csv).
REAL_BEGROTINGSSTATEN = """\
2013,U,VI,Veiligheid en Justitie,37,Vreemdelingen,0,733200,751425,767400,751429
2013,V,VI,Veiligheid en Justitie,37,Vreemdelingen,0,733200,751425,247400,173932
2013,O,VI,Veiligheid en Justitie,37,Vreemdelingen,0,0,0,0,27466
2013,U,VII,Binnenlandse Zaken en Koninkrijksrelaties,70,Vreemdelingen,733200,0,0,0,0
2013,V,VII,Binnenlandse Zaken en Koninkrijksrelaties,70,Vreemdelingen,733200,0,0,0,0
2014,U,VI,Veiligheid en Justitie,37,Vreemdelingen,681201,681201,791176,1151621,1136888
2014,V,VI,Veiligheid en Justitie,37,Vreemdelingen,681201,681201,791176,1151621,1142847
2014,O,VI,Veiligheid en Justitie,37,Vreemdelingen,0,0,10800,0,1369
2015,O,VI,Veiligheid en Justitie,37,Vreemdelingen,0,0,35500,61300,70537
2015,U,VI,Veiligheid en Justitie,37,Vreemdelingen,757030,757030,1224708,1773893,1763195
2015,V,VI,Veiligheid en Justitie,37,Vreemdelingen,757030,757030,1224708,1773893,1922710
2016,O,VI,Veiligheid en Justitie,37,Vreemdelingen,0,53500,265900,508931,485135
2016,U,VI,Veiligheid en Justitie,37,Vreemdelingen,824898,878398,1740195,1716675,1686919
2016,V,VI,Veiligheid en Justitie,37,Vreemdelingen,824898,878398,1740195,1716675,1664931
2017,O,VI,Veiligheid en Justitie,37,Vreemdelingen,306400,306400,309900,309900,308945
2017,U,VI,Veiligheid en Justitie,37,Vreemdelingen,1627341,1632841,1540489,1532811,1526383
2017,V,VI,Veiligheid en Justitie,37,Vreemdelingen,1627341,1632841,1540489,1532811,1513581
2018,O,VI,Justitie en Veiligheid,37,Migratie,156600,156600,165200,228653,239644
2018,U,VI,Justitie en Veiligheid,37,Migratie,1101094,1181800,1247661,1352079,1335918
2018,V,VI,Justitie en Veiligheid,37,Migratie,1101094,1181800,1247661,1352079,1332603
2019,O,VI,Justitie en Veiligheid,37,Migratie,96800,96800,182299,231553,229027
2019,U,VI,Justitie en Veiligheid,37,Migratie,1063580,1063580,1257790,1287115,1277149
2019,V,VI,Justitie en Veiligheid,37,Migratie,1063580,1063580,1257790,1287115,1256020
2020,O,VI,Justitie en Veiligheid,37,Migratie,3000,3000,56341,,
2020,U,VI,Justitie en Veiligheid,37,Migratie,1236560,1236560,1521589,,
2020,V,VI,Justitie en Veiligheid,37,Migratie,1236560,1236560,1521589,,
2021,O,VI,Justitie en Veiligheid,37,Migratie,4991,,,,
2021,U,VI,Justitie en Veiligheid,37,Migratie,1403934,,,,
2021,V,VI,Justitie en Veiligheid,37,Migratie,1403934,,,,
"""
BEGROTINGSSTATEN_FILE = "begrotingsstaten_2026-06-03.csv"  # after Jaarverslag 2025, 1e supp 2026
BEGROTINGSSTATEN_YEARS = tuple(range(2013, 2027))


def chapter_name(ch: str, year: int) -> str:
    if ch == "VI":
        return "Veiligheid en Justitie" if year <= 2017 else "Justitie en Veiligheid"
    if ch == "VII":
        return "Binnenlandse Zaken en Koninkrijksrelaties"
    if ch == "XVII":
        return (
            "Buitenlandse Handel en Ontwikkelingssamenwerking"
            if year <= 2024
            else "Buitenlandse Handel en Ontwikkelingshulp"
        )
    if ch == "XX":
        return "Asiel en Migratie"
    raise KeyError(ch)


# Other chapters' articles (synthetic): (chapter, article, name, uitgaven 2013, yearly growth).
_OTHER_ARTICLES: tuple[tuple[str, int, str, int, float], ...] = (
    ("VI", 31, "Politie", 5_100_000, 0.035),
    ("VI", 32, "Rechtspleging en rechtsbijstand", 1_250_000, 0.03),
    ("VI", 34, "Straffenketen", 2_400_000, 0.02),
    ("VII", 1, "Openbaar bestuur en democratie", 150_000, 0.02),
    ("VII", 2, "Algemene Inlichtingen- en Veiligheidsdienst", 200_000, 0.04),
    ("VII", 6, "Overheidsdienstverlening en informatiesamenleving", 300_000, 0.03),
    ("XVII", 1, "Duurzame economische ontwikkeling, handel en investeringen", 700_000, 0.01),
    ("XVII", 2, "Klimaat, energie, milieu en water", 500_000, 0.02),
    ("XVII", 3, "Sociale vooruitgang", 1_200_000, 0.0),
    ("XVII", 4, "Vrede, veiligheid en duurzame ontwikkeling", 600_000, 0.02),
)
_CHAPTER_ORDER = {"VI": 0, "VII": 1, "XVII": 2, "XX": 3}


def synthetic_stand(rng: random.Random, base: float, year: int) -> Stand:
    """Budget stages for a synthetic article: suppletoires move it, realisatie falls a bit short.
    2025 is closed (jaarverslag published); 2026 has ontwerp, vastgesteld and 1e suppletoire."""
    ontwerp = round_half_up(base)
    vast = round_half_up(ontwerp * (1 + 0.01 * rng.random()))
    eerste = round_half_up(vast * (1 + 0.07 * rng.random() - 0.02))
    tweede = round_half_up(eerste * (1 + 0.04 * rng.random() - 0.01))
    real = round_half_up(tweede * (1 - 0.03 * rng.random()))
    if year == 2026:
        return Stand(ontwerp, vast, eerste, None, None)
    return Stand(ontwerp, vast, eerste, tweede, real)


def begrotingsstaten_rows(seed: int) -> list[str]:
    rng = rng_for(seed, "rijksfinancien_begrotingsstaten")
    synthetic: dict[int, list[tuple[tuple[int, int, str], str]]] = {
        y: [] for y in BEGROTINGSSTATEN_YEARS
    }

    def emit(year: int, ch: str, art: int, naam: str, vuo: str, stand: Stand) -> None:
        cells = [str(year), vuo, ch, chapter_name(ch, year), str(art), naam]
        cells += ["" if v is None else str(v) for v in stand.values()]
        buf = io.StringIO()
        csv.writer(buf, lineterminator="").writerow(cells)
        key = (_CHAPTER_ORDER[ch], art, "UVO".index(vuo))
        synthetic[year].append((key, buf.getvalue()))

    for ch, art, naam, base2013, growth in _OTHER_ARTICLES:
        base = float(base2013)
        for year in BEGROTINGSSTATEN_YEARS:
            if (ch, art) == ("XVII", 4) and year >= 2025:
                # The XVII taskforce lines are part of this article from 2025.
                extra = sum(
                    t.bedragen[TASKFORCE_YEARS.index(year)]
                    for t in TASKFORCE_LINES
                    if t.hoofdstuk == "XVII"
                )
            else:
                extra = 0
            u = synthetic_stand(rng, base + extra, year)
            emit(year, ch, art, naam, "U", u)
            emit(year, ch, art, naam, "V", u.scaled(1 + 0.10 * rng.random() - 0.05))
            emit(year, ch, art, naam, "O", u.scaled(0.005 + 0.025 * rng.random()))
            base *= (1 + growth) * jitter(rng, 0.02)
    names = {37: "Migratie", 91: "Apparaatsuitgaven kerndepartement", 92: "Nog onverdeeld"}
    for (ch, art, year, vuo), stand in migratie_standen().items():
        emit(year, ch, art, names[art], vuo, stand)

    real_by_year: dict[int, list[str]] = {y: [] for y in BEGROTINGSSTATEN_YEARS}
    for line in REAL_BEGROTINGSSTATEN.splitlines():
        real_by_year[int(line.split(",", 1)[0])].append(line)
    out = []
    for year in BEGROTINGSSTATEN_YEARS:
        out += real_by_year[year]  # verbatim, in their original order
        out += [text for _, text in sorted(synthetic[year])]
    return out


def write_begrotingsstaten(out: Path, seed: int) -> list[Path]:
    folder = out / "rijksfinancien_begrotingsstaten"
    clean_dir(folder)
    path = folder / BEGROTINGSSTATEN_FILE
    path.write_bytes(
        ("\n".join([BEGROTINGSSTATEN_HEADER, *begrotingsstaten_rows(seed)]) + "\n").encode("utf-8")
    )
    return [path]


# --------------------------------------------------------------------------------------------
# Oekraine opvang (gemeentelijke opvang ontheemden)
# --------------------------------------------------------------------------------------------

# Places: ~78.000 on 1 July 2023 (R70), ~98.000 in Sept 2025 (R68); the rest synthetic.
_GOO_PLEKKEN = anchors_ym(
    [
        (2022, 3, 25_000),
        (2022, 4, 45_000),
        (2022, 6, 60_000),
        (2022, 12, 70_000),
        (2023, 6, 78_000),
        (2023, 12, 83_000),
        (2024, 6, 88_000),
        (2024, 12, 92_000),
        (2025, 9, 98_000),
        (2025, 12, 99_000),
        (2026, 10, 101_000),
    ]
)
_GOO_BEZETTING = anchors_ym([(2022, 3, 0.55), (2022, 6, 0.85), (2023, 6, 0.90), (2025, 1, 0.92)])
# Euro per place per day: 61 until 2025 and 44 in 2026 (R69, 'verlaagd van 61 naar 44';
# the source gives no time unit); 2022-2024 synthetic.
GOO_KOSTPRIJS = {2022: 83.0, 2023: 83.0, 2024: 71.0, 2025: 61.0, 2026: 44.0}
GOO_FIRST_MI = mi_of(2022, 3)


def write_oekraine(out: Path, seed: int) -> list[Path]:
    rng = rng_for(seed, "oekraine_opvang")
    folder = out / "oekraine_opvang"
    clean_dir(folder)
    written = []
    for mi in range(GOO_FIRST_MI, LAST_MI + 1):
        plekken = round_half_up(interp(_GOO_PLEKKEN, mi) * jitter(rng, 0.004))
        bezetting = min(
            plekken, round_half_up(plekken * interp(_GOO_BEZETTING, mi) * jitter(rng, 0.01))
        )
        path = folder / f"oekraine_opvang_{month_label(mi)}_{delivered(mi, 7)}.csv"
        write_csv(
            path,
            ("peildatum", "opvangplekken", "bezetting", "kostprijs_per_plek_per_dag"),
            [(month_end(mi).isoformat(), plekken, bezetting, nl_decimal(GOO_KOSTPRIJS[ym(mi)[0]]))],
            delimiter=";",
        )
        written.append(path)
    return written


# --------------------------------------------------------------------------------------------
# MPP prognose
# --------------------------------------------------------------------------------------------

# (editie, grootheid, jaar) -> (min, midden, max). Real values: R61-R64 (2025-najaar min/max),
# R62/R64 notes (2025-voorjaar min/max), R65 (2023-najaar 2024 range; opvangbehoefte 69.900
# for 1-1-2024 and 96.000 for 1-1-2025), R66 (2024-voorjaar: 133.500 for 1-1-2026, 97.500 for
# 1-1-2025), R67 (2024-najaar: 115.000 for 1-1-2026). opvangbehoefte_coa is the need on
# 1 January of 'jaar'. Everything else (all 'midden' instroom values, the other ranges) is
# synthetic.
MPP: dict[tuple[str, str, int], tuple[int, int, int]] = {
    ("2023-najaar", "asielinstroom", 2023): (50_000, 52_000, 56_000),
    ("2023-najaar", "asielinstroom", 2024): (49_000, 61_000, 76_000),
    ("2023-najaar", "asielinstroom", 2025): (45_000, 59_000, 77_000),
    ("2023-najaar", "opvangbehoefte_coa", 2024): (66_000, 69_900, 73_000),
    ("2023-najaar", "opvangbehoefte_coa", 2025): (84_000, 96_000, 108_000),
    ("2024-voorjaar", "asielinstroom", 2024): (48_000, 56_500, 68_000),
    ("2024-voorjaar", "asielinstroom", 2025): (46_000, 60_000, 79_000),
    ("2024-voorjaar", "opvangbehoefte_coa", 2025): (88_000, 97_500, 108_000),
    ("2024-voorjaar", "opvangbehoefte_coa", 2026): (117_500, 133_500, 152_000),
    ("2024-najaar", "asielinstroom", 2024): (44_000, 46_500, 49_000),
    ("2024-najaar", "asielinstroom", 2025): (45_000, 58_000, 74_000),
    ("2024-najaar", "asielinstroom", 2026): (44_000, 60_000, 80_000),
    ("2024-najaar", "opvangbehoefte_coa", 2025): (84_000, 92_000, 101_000),
    ("2024-najaar", "opvangbehoefte_coa", 2026): (101_000, 115_000, 131_000),
    ("2025-voorjaar", "asielinstroom", 2025): (52_000, 62_000, 74_800),
    ("2025-voorjaar", "asielinstroom", 2026): (45_200, 60_000, 78_900),
    ("2025-voorjaar", "opvangbehoefte_coa", 2026): (92_000, 104_000, 118_000),
    ("2025-voorjaar", "opvangbehoefte_coa", 2027): (88_000, 101_000, 117_000),
    ("2025-najaar", "asielinstroom", 2025): (40_000, 46_000, 55_300),
    ("2025-najaar", "asielinstroom", 2026): (39_000, 51_000, 67_100),
    ("2025-najaar", "opvangbehoefte_coa", 2026): (86_000, 96_000, 107_000),
    ("2025-najaar", "opvangbehoefte_coa", 2027): (80_000, 92_000, 106_000),
    ("2026-voorjaar", "asielinstroom", 2026): (36_000, 43_000, 55_000),
    ("2026-voorjaar", "asielinstroom", 2027): (34_000, 45_000, 64_000),
    ("2026-voorjaar", "opvangbehoefte_coa", 2027): (76_000, 85_000, 96_000),
    ("2026-voorjaar", "opvangbehoefte_coa", 2028): (70_000, 80_000, 93_000),
}
# Edition -> month of publication. The file name leads with it because deliveries are
# processed in name order and 'najaar' sorts before 'voorjaar'. Real: 10 Nov 2023 (R65),
# 26 Sept 2025 (R61); the other months are approximate.
MPP_EDITIONS: dict[str, str] = {
    "2023-najaar": "2023-11-15",
    "2024-voorjaar": "2024-04-16",
    "2024-najaar": "2024-10-15",
    "2025-voorjaar": "2025-04-15",
    "2025-najaar": "2025-09-16",
    "2026-voorjaar": "2026-04-14",
}


def write_mpp(out: Path) -> list[Path]:
    folder = out / "mpp_prognose"
    clean_dir(folder)
    written = []
    for editie, published in MPP_EDITIONS.items():
        rows = []
        for (ed, grootheid, jaar), values in MPP.items():
            if ed != editie:
                continue
            for scenario, waarde in zip(("min", "midden", "max"), values, strict=True):
                rows.append((editie, grootheid, jaar, scenario, waarde))
        path = folder / f"mpp_{published}_{editie}.csv"
        write_csv(path, ("editie", "grootheid", "jaar", "scenario", "waarde"), rows)
        written.append(path)
    return written


# --------------------------------------------------------------------------------------------
# Calibration checks (on the written files, so they also run on the committed sample)
# --------------------------------------------------------------------------------------------


def _read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


class _Checker:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.measured: dict[str, object] = {}

    def expect(self, ok: bool, message: str) -> None:
        if not ok:
            self.failures.append(message)

    def between(self, name: str, value: float, lo: float, hi: float) -> None:
        self.expect(lo <= value <= hi, f"{name} = {value} not in [{lo}, {hi}]")


# Published CBS figures on the national total (period, measure, low, high), with the rounding
# each source states. Measures: e = eerste, n = nareizigers, v = volgende, t = totaal.
CBS_PUBLISHED: tuple[tuple[str, str, tuple[str, ...], int, int], ...] = (
    ("R10 eerste 2022 (35.500 afgerond)", "e", ("2022JJ00",), 35_450, 35_549),
    ("R31 IND eerste 2023-01", "e", ("2023MM01",), 2_499, 2_499),
    ("R31 IND totaal 2023-01", "t", ("2023MM01",), 3_006, 3_006),
    ("R32 IND eerste 2023-02", "e", ("2023MM02",), 2_194, 2_194),
    ("R32 IND totaal 2023-02", "t", ("2023MM02",), 2_823, 2_823),
    ("R33 IND eerste 2022-10", "e", ("2022MM10",), 3_912, 3_912),
    ("R33 IND totaal 2022-10", "t", ("2022MM10",), 4_697, 4_697),
    ("R33 IND eerste 2022-09", "e", ("2022MM09",), 4_319, 4_319),
    ("R33 IND totaal 2022-09", "t", ("2022MM09",), 5_373, 5_373),
    (
        "R33 IND eerste 2022 jan-okt",
        "e",
        tuple(f"2022MM{m:02d}" for m in range(1, 11)),
        28_030,
        28_030,
    ),
    (
        "R33 IND totaal 2022 jan-okt",
        "t",
        tuple(f"2022MM{m:02d}" for m in range(1, 11)),
        39_311,
        39_311,
    ),
    (
        "R34 IND eerste 2022 jan-nov",
        "e",
        tuple(f"2022MM{m:02d}" for m in range(1, 12)),
        32_910,
        32_910,
    ),
    (
        "R34 IND eerste 2023 jan-nov",
        "e",
        tuple(f"2023MM{m:02d}" for m in range(1, 12)),
        34_505,
        34_505,
    ),
    (
        "R34 IND eerste 2024 jan-nov",
        "e",
        tuple(f"2024MM{m:02d}" for m in range(1, 12)),
        29_790,
        29_790,
    ),
    ("R18 note: totaal 2022 (48.600 afgerond)", "t", ("2022JJ00",), 48_550, 48_649),
    ("R18 totaal 2023 (50.600 afgerond)", "t", ("2023JJ00",), 50_550, 50_649),
    ("R16 totaal 2024 (ca. 45.640)", "t", ("2024JJ00",), 45_590, 45_690),
    ("R11 eerste 2023", "e", ("2023JJ00",), 38_375, 38_375),
    ("R12 nareizigers 2023", "n", ("2023JJ00",), 10_125, 10_125),
    ("R13 eerste 2024 (ca. 32.180)", "e", ("2024JJ00",), 32_130, 32_230),
    ("R14 nareizigers 2024 (ca. 11.880)", "n", ("2024JJ00",), 11_830, 11_930),
    ("R15 volgende 2024 (ca. 1.590)", "v", ("2024JJ00",), 1_540, 1_640),
    ("R19 eerste 2024Q1 (bijna 9.000)", "e", ("2024KW01",), 8_900, 8_999),
    ("R20 nareizigers 2024Q1 (3.100 afgerond)", "n", ("2024KW01",), 3_050, 3_149),
    ("R21 eerste 2024Q2 (7.700 afgerond)", "e", ("2024KW02",), 7_650, 7_749),
    ("R22 eerste 2024Q3 (8.100 afgerond)", "e", ("2024KW03",), 8_050, 8_149),
    ("R23 nareizigers 2024Q3", "n", ("2024KW03",), 2_650, 2_650),
    ("R24 eerste 2025Q1 (iets meer dan 4.500)", "e", ("2025KW01",), 4_501, 4_600),
    ("R25 nareizigers 2025Q1 (ruim 3.700)", "n", ("2025KW01",), 3_701, 3_800),
    ("R26 eerste 2025Q2", "e", ("2025KW02",), 5_295, 5_295),
    ("R27 eerste 2025Q3 (6.800 afgerond)", "e", ("2025KW03",), 6_750, 6_849),
    ("R28 nareizigers 2025Q3 (4.600 afgerond)", "n", ("2025KW03",), 4_550, 4_649),
    (
        "R29 eerste 2025 jan-sep (16.600 afgerond)",
        "e",
        ("2025KW01", "2025KW02", "2025KW03"),
        16_550,
        16_649,
    ),
    (
        "R30 nareizigers 2025 jan-sep (12.100 afgerond)",
        "n",
        ("2025KW01", "2025KW02", "2025KW03"),
        12_050,
        12_149,
    ),
    ("80059NED eerste 2025 (unverified 24.140)", "e", ("2025JJ00",), 24_140, 24_140),
    ("80059NED nareizigers 2025 (unverified 16.470)", "n", ("2025JJ00",), 16_470, 16_470),
)
Q1_RATIO_RANGE = (-0.52, -0.48)
VERTREK_GROWTH_RANGE = (0.039, 0.041)


def check_cbs(landing: Path, c: _Checker) -> None:
    folder = landing / "cbs_asielverzoeken"
    datasets = sorted(p for p in folder.glob("83102NED_*.json") if p.name.count(".") == 1)
    c.expect(len(datasets) == 2, f"expected 2 CBS snapshots, found {len(datasets)}")
    if not datasets:
        return
    field = {
        "t": "TotaalAsielverzoeken_1",
        "e": "EersteAsielverzoekenPersonen_2",
        "v": "VolgendeAsielverzoeken_3",
        "n": "NareizigersPersonen_4",
    }
    for ds in datasets:
        rows = json.loads(ds.read_bytes())["value"]
        stat = {
            r["Key"]: r["Status"]
            for r in json.loads(ds.with_name(ds.stem + ".Perioden.json").read_bytes())["value"]
        }
        nat_keys = {
            r["Key"].strip()
            for r in json.loads(ds.with_name(ds.stem + ".Nationaliteit.json").read_bytes())["value"]
        }
        total: dict[str, dict[str, int]] = {}
        nat_sum: dict[tuple[str, str], int] = {}
        by_key: dict[tuple[str, str, str], dict[str, int | None]] = {}
        for r in rows:
            g, nat, per = r["Geslacht"].strip(), r["Nationaliteit"].strip(), r["Perioden"]
            c.expect(per in stat, f"{ds.name}: period {per} missing from the code list")
            c.expect(nat in nat_keys, f"{ds.name}: nationality {nat} missing from the code list")
            vals = {k: r[f] for k, f in field.items()}
            by_key[g, nat, per] = vals
            if g == "T001038" and vals["t"] is not None:
                c.expect(
                    vals["t"] == vals["e"] + vals["v"] + vals["n"],
                    f"{ds.name}: total != parts in row {r['ID']}",
                )
            if g == "T001038" and nat == NATIONALITEIT_TOTAAL:
                total[per] = vals  # type: ignore[assignment]
            elif g == "T001038":
                for k in "evn":
                    nat_sum[per, k] = nat_sum.get((per, k), 0) + int(vals[k] or 0)
        for per, vals in total.items():
            for k in "evn":
                c.expect(
                    nat_sum.get((per, k), 0) <= vals[k],
                    f"{ds.name}: nationalities exceed the total in {per} ({k})",
                )
            if "KW" in per or "JJ" in per:
                year = per[:4]
                parts = (
                    [
                        f"{year}MM{m:02d}"
                        for m in range(3 * int(per[-2:]) - 2, 3 * int(per[-2:]) + 1)
                    ]
                    if "KW" in per
                    else [f"{year}KW{q:02d}" for q in range(1, 5)]
                )
                for k in "evn":
                    c.expect(
                        sum(total[p][k] for p in parts) == vals[k],
                        f"{ds.name}: {per} is not the sum of {parts} ({k})",
                    )
            men, women = (
                by_key.get(("3000", NATIONALITEIT_TOTAAL, per)),
                by_key.get(("4000", NATIONALITEIT_TOTAAL, per)),
            )
            if men and women:
                for k in "en":
                    c.expect(
                        men[k] + women[k] == vals[k],  # type: ignore[operator]
                        f"{ds.name}: men + women != total in {per} ({k})",
                    )
    latest = json.loads(datasets[-1].read_bytes())["value"]
    tot = {
        r["Perioden"]: r
        for r in latest
        if r["Geslacht"].strip() == "T001038" and r["Nationaliteit"].strip() == "T001059"
    }
    for name, k, periods, lo, hi in CBS_PUBLISHED:
        c.between(name, sum(tot[p][field[k]] for p in periods), lo, hi)
    q1_24, q1_25 = tot["2024KW01"][field["e"]], tot["2025KW01"][field["e"]]
    ratio = q1_25 / q1_24 - 1
    c.measured["cbs_eerste_2024Q1"] = q1_24
    c.measured["cbs_eerste_2025Q1"] = q1_25
    c.measured["cbs_eerste_Q1_2025_vs_2024"] = round(ratio, 4)
    c.between("eerste asielverzoeken Q1 2025 vs Q1 2024", ratio, *Q1_RATIO_RANGE)
    nat = {
        (r["Nationaliteit"].strip(), r["Perioden"]): r
        for r in latest
        if r["Geslacht"].strip() == "T001038"
    }
    for (cat, iso, year), target in CBS_NAT_YEAR_TARGETS.items():
        k = "e" if cat == "eerste" else "n"
        got = nat[cbs_code(iso), f"{year}JJ00"][field[k]]
        c.expect(got == target, f"80059NED {cat} {iso} {year}: {got} != {target}")


def check_housing(landing: Path, reference: Path, c: _Checker) -> dict[int, int]:
    gemeenten = read_gemeenten(reference / "gemeenten.csv")
    codes = [g.code for g in gemeenten]
    taak: dict[tuple[str, int], int] = {}
    for path in sorted((landing / "taakstelling").glob("*.csv")):
        rows = _read_csv(path)
        label = rows[0]["periode"]
        c.expect(len(rows) == 342, f"{path.name}: {len(rows)} rows")
        c.expect(
            sum(int(r["taakstelling"]) for r in rows) == TAAKSTELLING[label],
            f"{path.name}: rows do not add up to {TAAKSTELLING[label]}",
        )
        for r in rows:
            taak[r["gemeentecode"], _half_index(r["periode"])] = int(r["taakstelling"])
    housed: dict[tuple[str, int], int] = {}
    for path in sorted((landing / "huisvesting_realisatie").glob("*.csv")):
        rows = _read_csv(path)
        c.expect(len(rows) == 342, f"{path.name}: {len(rows)} rows")
        for r in rows:
            year, month = map(int, r["maand"].split("-"))
            value = int(r["gehuisvest"])
            c.expect(value >= 0, f"{path.name}: negative gehuisvest")
            housed[r["gemeentecode"], mi_of(year, month)] = value
    backlog = achterstand(taak, housed, codes, MONTHS)
    may = backlog[BACKLOG_TARGET_MONTH]
    c.measured["achterstand_2022-08"] = backlog[mi_of(2022, 8)]
    c.measured["achterstand_2024-12"] = backlog[mi_of(2024, 12)]
    c.measured["achterstand_2025-05"] = may
    c.between(
        "taakstelling backlog May 2025",
        may,
        BACKLOG_TARGET * (1 - BACKLOG_TOLERANCE),
        BACKLOG_TARGET * (1 + BACKLOG_TOLERANCE),
    )
    return backlog


def check_dtenv(landing: Path, c: _Checker) -> None:
    per_year: dict[tuple[int, str], int] = {}
    for path in sorted((landing / "dtenv_vertrek").glob("*.csv")):
        for r in _read_csv(path):
            value = 0 if r["aantal"] == "." else int(r["aantal"])
            c.expect(value % 10 == 0, f"{path.name}: {value} not rounded to tens")
            key = (int(r["maand"][:4]), r["vertreksoort"])
            per_year[key] = per_year.get(key, 0) + value
    for soort, values in zip(
        VERTREKSOORTEN, ((2_450, 3_240), (1_850, 2_750), (4_310, 5_740)), strict=True
    ):
        c.expect(per_year[2022, soort] == values[0], f"DTenV 2022 {soort} != {values[0]}")
        c.expect(per_year[2024, soort] == values[1], f"DTenV 2024 {soort} != {values[1]}")
    a23 = per_year[2023, "zelfstandig_onder_toezicht"] + per_year[2023, "gedwongen"]
    a24 = per_year[2024, "zelfstandig_onder_toezicht"] + per_year[2024, "gedwongen"]
    growth = a24 / a23 - 1
    d_zelf = (
        per_year[2024, "zelfstandig_onder_toezicht"] - per_year[2023, "zelfstandig_onder_toezicht"]
    )
    d_gedw = per_year[2024, "gedwongen"] - per_year[2023, "gedwongen"]
    c.measured["aantoonbaar_vertrek_2023"] = a23
    c.measured["aantoonbaar_vertrek_2024"] = a24
    c.measured["aantoonbaar_vertrek_groei"] = round(growth, 4)
    c.measured["groei_zelfstandig_onder_toezicht"] = d_zelf
    c.measured["groei_gedwongen"] = d_gedw
    c.expect(a23 == 5_760, f"aantoonbaar vertrek 2023 = {a23}, expected 5.760 (R60)")
    c.between("aantoonbaar vertrek 2024 vs 2023", growth, *VERTREK_GROWTH_RANGE)
    c.expect(d_gedw > d_zelf, "gedwongen vertrek must contribute more growth than zelfstandig")


def check_budget(landing: Path, reference: Path, c: _Checker) -> None:
    folder = landing / "budgettaire_tabel"
    tables = {p.stem: _read_csv(p) for p in sorted(folder.glob("*.csv"))}
    owb25 = next(
        (rows for stem, rows in tables.items() if stem.startswith("budgettaire_tabel_OWB2025")), []
    )
    owb26 = next(
        (rows for stem, rows in tables.items() if stem.startswith("budgettaire_tabel_OWB2026")), []
    )

    def total(
        rows: list[dict[str, str]],
        year: int,
        vuo: str = "U",
        hoofdstuk: str = "XX",
        artikel: str | None = "37",
        regeling: str | None = None,
    ) -> int:
        return sum(
            int(r["bedrag"])
            for r in rows
            if r["jaar"] == str(year)
            and r["vuo"] == vuo
            and r["hoofdstuk"] == hoofdstuk
            and (artikel is None or r["artikel"] == artikel)
            and (regeling is None or r["regeling"] == regeling)
        )

    for year, expected in ART37_OWB2025_TOTAL.items():
        got = total(owb25, year)
        c.measured[f"OWB2025_art37_U_{year}"] = got
        c.expect(got == expected, f"OWB2025 art 37 uitgaven {year}: {got} != {expected}")
    c.expect(
        total(owb25, 2025, "V") == ART37_OWB2025_VERPLICHTINGEN_2025,
        "OWB2025 art 37 verplichtingen 2025 != 9.490.898 (R73)",
    )
    for regeling, values in (
        ("Immigratie- en Naturalisatiedienst (IND)", IND_OWB2025),
        ("Centraal Orgaan opvang asielzoekers (COA)", COA_OWB2025),
    ):
        for year, v in zip(OWB2025_YEARS[2:], values[2:], strict=True):
            c.expect(
                total(owb25, year, regeling=regeling) == v,
                f"OWB2025 {regeling} {year} != {v} (R77/R78)",
            )
    xx26 = total(owb26, 2026, artikel=None)
    c.measured["OWB2026_XX_U_2026"] = xx26
    c.between("OWB2026 XX uitgaven 2026 (R72 8.940 mln)", xx26, 8_939_500, 8_940_499)
    tf = _read_csv(reference / "taskforce_regelingen.csv")
    keys = {(r["hoofdstuk"], r["artikel"], r["artikelonderdeel"], r["regeling"]) for r in tf}
    ramp: dict[int, int] = {}
    for r in owb26:
        if (
            r["vuo"] == "U"
            and (r["hoofdstuk"], r["artikel"], r["artikelonderdeel"], r["regeling"]) in keys
        ):
            ramp[int(r["jaar"])] = ramp.get(int(r["jaar"]), 0) + int(r["bedrag"])
    c.measured["taskforce_ramp"] = dict(sorted(ramp.items()))
    c.expect(
        ramp.get(2029) == TASKFORCE_TARGET_2029,
        f"taskforce total 2029 = {ramp.get(2029)}, expected {TASKFORCE_TARGET_2029}",
    )
    c.expect(len(tf) == len(TASKFORCE_LINES), "taskforce_regelingen.csv has the wrong lines")

    staten = landing / "rijksfinancien_begrotingsstaten" / BEGROTINGSSTATEN_FILE
    lines = staten.read_text(encoding="utf-8").splitlines()
    c.expect(lines[0] == BEGROTINGSSTATEN_HEADER, "begrotingsstaten header differs")
    present = set(lines)
    missing = [regel for regel in REAL_BEGROTINGSSTATEN.splitlines() if regel not in present]
    c.expect(not missing, f"real begrotingsstaten rows missing: {missing[:3]}")
    rows = _read_csv(staten)
    ontwerp_xx37_2025 = [
        r
        for r in rows
        if r["Begrotingsjaar"] == "2025"
        and r["Begrotingsnummer"] == "XX"
        and r["Artikel nummer"] == "37"
        and r["Uitgaven Ontvangsten Verplichtingen"] == "U"
    ]
    c.expect(
        len(ontwerp_xx37_2025) == 1
        and ontwerp_xx37_2025[0]["Stand ontwerpbegroting"] == str(ART37_OWB2025_TOTAL[2025]),
        "begrotingsstaten XX/37 2025 ontwerp != R73",
    )


def check_coa(landing: Path, c: _Checker) -> None:
    totals: dict[str, int] = {}
    for path in sorted((landing / "coa_bezetting").glob("*.csv")):
        c.expect(path.read_bytes().startswith(b"\xef\xbb\xbf"), f"{path.name}: no BOM")
        rows = _read_csv(path, ";")
        c.expect(len(rows) == len(OPVANGSOORTEN), f"{path.name}: {len(rows)} rows")
        for r in rows:
            b, cap, vh = (
                int(r["bezetting"]),
                int(r["capaciteit"]),
                int(r["waarvan_vergunninghouders"]),
            )
            c.expect(0 <= vh <= b <= cap, f"{path.name} {r['opvangsoort']}: not vh<=bez<=cap")
        if "_v2_" not in path.stem:
            totals[rows[0]["peildatum"][:7]] = sum(int(r["bezetting"]) for r in rows)
    for month, target, tol in (
        ("2022-01", 36_864, 0.03),
        ("2022-06", 42_301, 0.03),
        ("2022-12", 51_805, 0.03),
        ("2023-09", 57_538, 0.02),
        ("2023-11", 61_000, 0.02),
    ):
        c.between(
            f"COA bezetting {month} (R37-R41)",
            totals[month],
            target * (1 - tol),
            target * (1 + tol),
        )
    c.measured["coa_bezetting_2024-12"] = totals["2024-12"]
    c.measured["coa_bezetting_2026-10"] = totals["2026-10"]


def check_oekraine(landing: Path, c: _Checker) -> None:
    by_month = {}
    for path in sorted((landing / "oekraine_opvang").glob("*.csv")):
        r = _read_csv(path, ";")[0]
        c.expect(int(r["bezetting"]) <= int(r["opvangplekken"]), f"{path.name}: bez > plekken")
        by_month[r["peildatum"][:7]] = r
    c.between(
        "GOO plekken 2023-06 (R70 ~78.000)",
        int(by_month["2023-06"]["opvangplekken"]),
        76_000,
        80_000,
    )
    c.between(
        "GOO plekken 2025-09 (R68 ~98.000)",
        int(by_month["2025-09"]["opvangplekken"]),
        96_000,
        100_000,
    )
    c.expect(by_month["2026-01"]["kostprijs_per_plek_per_dag"] == "44,00", "R69 44 euro")


def check_mpp(landing: Path, c: _Checker) -> None:
    rows = [r for p in sorted((landing / "mpp_prognose").glob("*.csv")) for r in _read_csv(p)]
    got = {(r["editie"], r["grootheid"], r["jaar"], r["scenario"]): int(r["waarde"]) for r in rows}
    for key, value in (
        (("2025-najaar", "asielinstroom", "2025", "min"), 40_000),  # R61
        (("2025-najaar", "asielinstroom", "2025", "max"), 55_300),  # R62
        (("2025-najaar", "asielinstroom", "2026", "min"), 39_000),  # R63
        (("2025-najaar", "asielinstroom", "2026", "max"), 67_100),  # R64
        (("2023-najaar", "asielinstroom", "2024", "min"), 49_000),  # R65
        (("2023-najaar", "asielinstroom", "2024", "max"), 76_000),  # R65
        (("2024-voorjaar", "opvangbehoefte_coa", "2026", "midden"), 133_500),  # R66
        (("2024-najaar", "opvangbehoefte_coa", "2026", "midden"), 115_000),  # R67
    ):
        c.expect(got.get(key) == value, f"MPP {key} = {got.get(key)}, expected {value}")


def check_ind(landing: Path, c: _Checker) -> None:
    """Case-event structure: one aanvraag per zaak, at most one later outcome, files sorted by
    datum and holding only their own month; plus the figures worth reporting."""
    import polars as pl  # only needed here; the generator itself writes with pyarrow

    files = sorted((landing / "ind_zaken").glob("*.parquet"))
    c.expect(len(files) == len(MONTHS), f"expected {len(MONTHS)} IND files, found {len(files)}")
    size = sum(p.stat().st_size for p in files)
    c.measured["ind_zaken_bytes"] = size
    c.expect(size < 6_500_000, f"ind_zaken is {size} bytes, budget ~6 MB")
    frames = []
    for path in files:
        df = pl.read_parquet(path)
        month = path.stem.split("_")[2]  # ind_zaken_<yyyy-mm>_<delivered>
        c.expect(df["datum"].is_sorted(), f"{path.name}: not sorted by datum")
        c.expect(
            bool((df["datum"].dt.strftime("%Y-%m") == month).all()),
            f"{path.name}: events outside {month}",
        )
        frames.append(df)
    events = pl.concat(frames)
    aanvragen = events.filter(pl.col("gebeurtenis") == "aanvraag").select(
        "zaak_id", pl.col("datum").alias("aanvraag")
    )
    outcomes = events.filter(pl.col("gebeurtenis") != "aanvraag")
    c.expect(aanvragen["zaak_id"].n_unique() == aanvragen.height, "zaak with two aanvragen")
    c.expect(outcomes["zaak_id"].n_unique() == outcomes.height, "zaak with two outcomes")
    joined = outcomes.join(aanvragen, on="zaak_id", how="left")
    c.expect(joined["aanvraag"].null_count() == 0, "outcome without aanvraag")
    c.expect(bool((joined["datum"] >= joined["aanvraag"]).all()), "outcome before aanvraag")
    decisions = joined.filter(
        (pl.col("procedure") == "asiel_eerste") & (pl.col("gebeurtenis") != "intrekking")
    ).with_columns(
        jaar=pl.col("datum").dt.year(),
        dagen=(pl.col("datum") - pl.col("aanvraag")).dt.total_days(),
    )
    per_year = (
        decisions.group_by("jaar")
        .agg(
            inw=(pl.col("gebeurtenis") == "inwilliging").mean(),
            mediaan=pl.col("dagen").median(),
        )
        .sort("jaar")
    )
    c.measured["ind_asiel_eerste_inwilliging_per_jaar"] = {
        r["jaar"]: round(r["inw"], 3) for r in per_year.iter_rows(named=True)
    }
    c.measured["ind_asiel_eerste_doorlooptijd_mediaan_dagen"] = {
        r["jaar"]: r["mediaan"] for r in per_year.iter_rows(named=True)
    }
    c.measured["ind_voorraad_eind"] = aanvragen.height - outcomes.height


CHECKS_BY_SOURCE: dict[str, Callable[[Path, Path, _Checker], object]] = {
    "cbs_asielverzoeken": lambda landing, r, c: check_cbs(landing, c),
    "ind_zaken": lambda landing, r, c: check_ind(landing, c),
    "coa_bezetting": lambda landing, r, c: check_coa(landing, c),
    "huisvesting_realisatie": check_housing,
    "dtenv_vertrek": lambda landing, r, c: check_dtenv(landing, c),
    "budgettaire_tabel": check_budget,
    "oekraine_opvang": lambda landing, r, c: check_oekraine(landing, c),
    "mpp_prognose": lambda landing, r, c: check_mpp(landing, c),
}


def check_calibration(
    landing: Path, reference: Path, sources: Sequence[str] = SOURCES
) -> dict[str, object]:
    """Check the calibration targets on the files under ``landing``; raise CalibrationError
    listing every target that is missed, else return the measured figures."""
    c = _Checker()
    for source in sources:
        check = CHECKS_BY_SOURCE.get(source)
        if check is not None:
            check(landing, reference, c)
    if c.failures:
        raise CalibrationError(
            "sample data misses calibration targets:\n  " + "\n  ".join(c.failures)
        )
    return c.measured


# --------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------


def generate(
    out_root: Path,
    seed: int = DEFAULT_SEED,
    sources: Sequence[str] = SOURCES,
    shared: Path | None = None,
) -> list[Path]:
    """Write reference data and the given sources under ``out_root`` (the repository root by
    default); return the written files."""
    unknown = set(sources) - set(SOURCES)
    if unknown:
        raise ValueError(f"unknown sources: {sorted(unknown)}")
    ref = out_root / "data" / "reference"
    landing = out_root / "data" / "sample" / "landing"
    if shared is not None:
        gemeenten_src = shared / "reference" / "gemeenten_2024.csv" if shared.is_dir() else shared
    else:
        gemeenten_src = REPO_ROOT / "data" / "reference" / "gemeenten.csv"
    if not gemeenten_src.exists():
        raise FileNotFoundError(
            f"{gemeenten_src} not found; pass --shared <folder with "
            "reference/gemeenten_2024.csv> once"
        )
    written = write_reference(ref, gemeenten_src)
    gemeenten = read_gemeenten(ref / "gemeenten.csv")

    housing: Housing | None = None
    if {"huisvesting_realisatie", "coa_bezetting"} & set(sources):
        housing = build_housing(seed, gemeenten)
    if "cbs_asielverzoeken" in sources:
        written += write_cbs(landing, seed)
    if "ind_zaken" in sources:
        written += write_ind(landing, seed, build_cbs(seed)[CBS_SNAPSHOTS[-1][0]])
    if "coa_bezetting" in sources and housing is not None:
        written += write_coa(landing, seed, housing.backlog())
    if "taakstelling" in sources:
        written += write_taakstelling(landing, gemeenten)
    if "huisvesting_realisatie" in sources and housing is not None:
        written += write_huisvesting(landing, housing)
    if "dtenv_vertrek" in sources:
        written += write_dtenv(landing, seed)
    if "rijksfinancien_begrotingsstaten" in sources:
        written += write_begrotingsstaten(landing, seed)
    if "budgettaire_tabel" in sources:
        written += write_budgettaire_tabel(landing)
    if "oekraine_opvang" in sources:
        written += write_oekraine(landing, seed)
    if "mpp_prognose" in sources:
        written += write_mpp(landing)
    return written


def checkable_sources(sources: Sequence[str]) -> list[str]:
    """Checks that need two sources (housing needs taakstelling too) run only if both exist."""
    out = [s for s in sources if s != "huisvesting_realisatie"]
    if {"huisvesting_realisatie", "taakstelling"} <= set(sources):
        out.append("huisvesting_realisatie")
    if "budgettaire_tabel" in sources and "rijksfinancien_begrotingsstaten" not in sources:
        out.remove("budgettaire_tabel")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out-root",
        type=Path,
        default=REPO_ROOT,
        help="root under which data/reference and data/sample/landing are "
        "written (default: the repository)",
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=None,
        help="shared folder (or the file) holding reference/gemeenten_2024.csv;"
        " only needed once, to create data/reference/gemeenten.csv",
    )
    parser.add_argument(
        "--sources", default=",".join(SOURCES), help="comma-separated subset of sources to generate"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--check-only",
        action="store_true",
        help="only check the calibration of the files under --out-root",
    )
    args = parser.parse_args(argv)
    sources = [s for s in args.sources.split(",") if s]
    root: Path = args.out_root.resolve()
    if not args.check_only:
        files = generate(root, args.seed, sources, args.shared)
        landing = root / "data" / "sample" / "landing"
        for source in sources:
            these = [f for f in files if f.parent == landing / source]
            size = sum(f.stat().st_size for f in these)
            print(f"{source:34s} {len(these):4d} files {size / 1e6:7.2f} MB")
    measured = check_calibration(
        root / "data" / "sample" / "landing",
        root / "data" / "reference",
        checkable_sources(sources),
    )
    for key, value in measured.items():
        print(f"  {key}: {value}")
    print("calibration OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
