"""Budgettaire tabellen of the ontwerpbegrotingen 2025 and 2026, one file per Prinsjesdag."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from tools.sample.begroting import (
    OWB2025_YEARS,
    OWB2026_YEARS,
    BudgetLine,
    Stand,
    column_sum,
    migratie_standen,
    owb2025_art37,
    owb2026_xx,
    taskforce_lines,
)
from tools.sample.common import clean_dir, contract_header, write_csv


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
    t26 += taskforce_lines("XVII")
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
            contract_header("budgettaire_tabel"),
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
