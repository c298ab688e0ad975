"""DTenV vertrek: yearly (or year-part) totals per kind split over months in units of ten."""

from __future__ import annotations

from pathlib import Path

from tools.sample.common import (
    MONTHS,
    clean_dir,
    contract_header,
    delivered,
    jitter,
    largest_remainder,
    mi_of,
    month_label,
    rng_for,
    write_csv,
    ym,
)

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
            contract_header("dtenv_vertrek"),
            [(month_label(mi), s, "." if values[s] is None else values[s]) for s in VERTREKSOORTEN],
        )
        written.append(path)
    return written
