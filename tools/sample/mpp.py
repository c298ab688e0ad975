"""MPP prognose: the ranges of the Meerjarige Productie Prognose, one file per edition."""

from __future__ import annotations

from pathlib import Path

from tools.sample.common import clean_dir, contract_header, write_csv

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
        write_csv(path, contract_header("mpp_prognose"), rows)
        written.append(path)
    return written
