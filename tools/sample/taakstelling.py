"""Taakstelling and huisvesting (vergunninghouders) per gemeente, and the backlog between them.

The taakstelling is the national half-year figure divided by population (largest remainder).
Housing per gemeente is a national monthly rate times the gemeente's population share times a
fixed per-gemeente performance factor; the national backlog of May 2025 (DESIGN section 4) is
then made exactly 12.500 by adding or removing single housings in Jan-May 2025.
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
    half_of,
    interp,
    jitter,
    largest_remainder,
    mi_of,
    month_label,
    rng_for,
    write_csv,
)
from tools.sample.reference import Gemeente

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


def half_index(label: str) -> int:
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
        (g.code, half_index(h)): values[i]
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
            contract_header("taakstelling"),
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
            contract_header("huisvesting_realisatie"),
            [(month_label(mi), g.code, housing.housed[g.code, mi]) for g in housing.gemeenten],
        )
        written.append(path)
    return written
