"""Oekraine opvang (gemeentelijke opvang ontheemden): places and occupancy per month end."""

from __future__ import annotations

from pathlib import Path

from tools.sample.common import (
    LAST_MI,
    anchors_ym,
    clean_dir,
    contract_header,
    delivered,
    interp,
    jitter,
    mi_of,
    month_end,
    month_label,
    nl_decimal,
    rng_for,
    round_half_up,
    write_csv,
    ym,
)

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
            contract_header("oekraine_opvang"),
            [(month_end(mi).isoformat(), plekken, bezetting, nl_decimal(GOO_KOSTPRIJS[ym(mi)[0]]))],
            delimiter=";",
        )
        written.append(path)
    return written
