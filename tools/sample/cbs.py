"""CBS 83102NED, asielverzoeken en nareizigers: the monthly counts behind the CBS snapshots.

Quarter totals per category are fixed, each quarter is split over its months along a smooth
level (pinned months first) and every month over nationalities with time-varying shares. The
last snapshot holds the final figures, the earlier one provisional figures for Jul-Sep 2026.
The OData files are written by ``cbs_odata``; the IND cases (``ind``) are these counts too.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tools.sample.common import (
    LAST_MI,
    MONTHS,
    anchors_ym,
    interp,
    jitter,
    largest_remainder,
    mi_of,
    rng_for,
    round_half_up,
    ym,
)

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


# Published CBS figures on the national total (period, measure, low, high), with the rounding
# each source states. Measures: e = eerste, n = nareizigers, v = volgende, t = totaal; periods
# are CBS period keys. ``calibration.check_cbs`` checks them on the last snapshot.
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
