"""IND case events (``ind_zaken``): the CBS monthly counts turned into cases.

eerste -> asiel_eerste, volgende -> asiel_herhaald, nareizigers -> nareis; each case gets one
outcome drawn from procedure/nationality rates and a processing time from a quantile table whose
median follows the IND backlog of 2023-2025. Cases whose outcome falls after the last month stay
open (voorraad). One parquet file per month of event.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tools.sample.cbs import CATEGORIES, OTHER, CbsData
from tools.sample.common import (
    LAST_DAY,
    MONTHS,
    anchors_ym,
    clean_dir,
    delivered,
    interp,
    mi_of,
    month_end,
    month_label,
    month_start,
    rng_for,
    weekday_on_or_after,
)
from tools.sample.reference import STATELESS, UNKNOWN

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
