"""COA bezetting: month-end occupancy per opvangsoort, piecewise-linear through published points.

The vergunninghouders in COA follow the taakstelling backlog (``taakstelling``). The September
2026 delivery comes twice: the second file (``_v2_``) corrects the hotel count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tools.sample.common import (
    MONTHS,
    anchors_ym,
    clean_dir,
    contract_header,
    delivered,
    interp,
    jitter,
    largest_remainder,
    mi_of,
    month_end,
    month_label,
    nl_decimal,
    rng_for,
    round_half_up,
    write_csv,
    ym,
)

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
    header = contract_header("coa_bezetting")
    data = build_coa(seed, backlog)
    for mi, rows in data.items():
        path = folder / f"coa_bezetting_{month_label(mi)}_{delivered(mi, 6)}.csv"
        write_csv(path, header, _coa_csv_rows(mi, rows), delimiter=";", bom=True)
        written.append(path)
    path = folder / (
        f"coa_bezetting_{month_label(COA_REVISION_MONTH)}_v2_"
        f"{delivered(COA_REVISION_MONTH, 20)}.csv"
    )
    write_csv(
        path,
        header,
        _coa_csv_rows(COA_REVISION_MONTH, coa_revision(data[COA_REVISION_MONTH])),
        delimiter=";",
        bom=True,
    )
    written.append(path)
    return sorted(written)
