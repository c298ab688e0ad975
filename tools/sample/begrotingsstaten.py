"""Rijksfinancien begrotingsstaten: the open-data file of budget stages per article, 2013-2026.

Real rows for article 37 (VI) and 70 (VII) up to 2021 verbatim; the migration articles from
2022 on follow the budget tables (``begroting``); other chapters' articles are synthetic.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from tools.sample.begroting import Stand, migratie_standen
from tools.sample.common import clean_dir, contract_header, jitter, rng_for, round_half_up
from tools.sample.reference import TASKFORCE_LINES, TASKFORCE_YEARS


def begrotingsstaten_header() -> str:
    """The header line as rijksfinancien.nl writes it (unquoted, 'Naam Begroting ' with its
    trailing space): the contract's columns joined by commas."""
    return ",".join(contract_header("rijksfinancien_begrotingsstaten"))


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
        ("\n".join([begrotingsstaten_header(), *begrotingsstaten_rows(seed)]) + "\n").encode(
            "utf-8"
        )
    )
    return [path]
