"""Reference data in ``data/reference/``: gemeenten, nationaliteiten, taskforce_regelingen.

``gemeenten.csv`` is a byte copy of the real CBS list; ``nationaliteiten.csv`` holds all ISO
3166-1 countries with Dutch names and synthetic CBS-style codes; ``taskforce_regelingen.csv``
lists the budget lines of the taskforce, whose amounts the budget sources use.
"""

from __future__ import annotations

import csv
import gettext
import shutil
from dataclasses import dataclass
from pathlib import Path

import pycountry

from tools.sample.common import write_csv


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
