"""A whole-government begrotingsstaten file from rijksfinancien.nl loads unmodified.

The file is built here in the published open-data format: every chapter of the Rijksbegroting
(Roman numerals with letter suffixes and the begrotingsfondsen A..K), 2013 onward, V/U/O rows,
quoted names with commas, empty amounts for what is not yet known, negative amounts. Its
per-artikel totals after ingestion, staging and the indicator must equal an independent DuckDB
`read_csv` aggregation of the same file; the reports' bijstellingen show only the chapters they
are about.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

import duckdb

from pipelines.lib import sqlfiles, warehouse
from pipelines.lib.contracts import load_contract
from tests.indicator_fixtures import rows, run, stage

HEADER = [
    "Begrotingsjaar",
    "Uitgaven Ontvangsten Verplichtingen",
    "Begrotingsnummer",
    "Naam Begroting ",
    "Artikel nummer",
    "Artikel",
    "Stand ontwerpbegroting",
    "Stand vastgestelde begroting",
    "Stand eerste suppletoire",
    "Stand tweede suppletoire",
    "Realisatie",
]

# Chapters as rijksfinancien.nl numbers them (with the years they exist), and the begrotingsfondsen.
CHAPTERS: list[tuple[str, str, int, int]] = [
    ("I", "De Koning", 2013, 2026),
    ("IIA", "Staten-Generaal", 2013, 2026),
    (
        "IIB",
        "Overige Hoge Colleges van Staat, Kabinetten van de Gouverneurs en de Kiesraad",
        2013,
        2026,
    ),
    ("III", "Algemene Zaken", 2013, 2026),
    ("IV", "Koninkrijksrelaties", 2013, 2026),
    ("V", "Buitenlandse Zaken", 2013, 2026),
    ("VI", "Justitie en Veiligheid", 2013, 2026),
    ("VII", "Binnenlandse Zaken en Koninkrijksrelaties", 2013, 2026),
    ("VIII", "Onderwijs, Cultuur en Wetenschap", 2013, 2026),
    ("IXA", "Nationale Schuld", 2013, 2026),
    ("IXB", "Financiën", 2013, 2026),
    ("X", "Defensie", 2013, 2026),
    ("XII", "Infrastructuur en Waterstaat", 2013, 2026),
    ("XIII", "Economische Zaken", 2013, 2026),
    ("XIV", "Landbouw, Visserij, Voedselzekerheid en Natuur", 2013, 2026),
    ("XV", "Sociale Zaken en Werkgelegenheid", 2013, 2026),
    ("XVI", "Volksgezondheid, Welzijn en Sport", 2013, 2026),
    ("XVII", "Buitenlandse Handel en Ontwikkelingshulp", 2013, 2026),
    ("XVIII", "Binnenlandse Zaken en Koninkrijksrelaties, Wonen en Rijksdienst", 2019, 2026),
    ("XIX", "Infrastructuur, Waterstaat en Klimaat", 2022, 2026),
    ("XX", "Asiel en Migratie", 2025, 2026),
    ("XXIV", "Volkshuisvesting en Ruimtelijke Ordening", 2025, 2026),
    ("A", "Mobiliteitsfonds", 2013, 2026),
    ("B", "Gemeentefonds", 2013, 2026),
    ("C", "Provinciefonds", 2013, 2026),
    ("F", "Diergezondheidsfonds", 2013, 2026),
    ("H", "BES-fonds", 2013, 2026),
    ("J", "Deltafonds", 2013, 2026),
    ("K", "Defensiematerieelbegrotingsfonds", 2019, 2026),
]

ARTIKELEN = [
    (1, 'Beleid, uitvoering en "toezicht"'),
    (2, "Subsidies, bijdragen en garanties"),
    (3, "Opdrachten"),
    (4, "Bijdrage aan agentschappen, ZBO's en RWT's"),
    (5, "Internationale samenwerking"),
    (6, "Bekostiging"),
    (7, "Uitkeringen"),
    (8, "Investeringen"),
    (37, "Migratie"),
    (91, "Apparaat"),
    (98, "Algemeen"),
    (99, "Nominaal en onvoorzien"),
]


def whole_government_file(path: Path, *, seed: int = 2026, last_realisatie: int = 2024) -> int:
    """Write the file; returns its number of data rows."""
    rnd = random.Random(seed)
    lines: list[list[str]] = []
    for year in range(2013, 2027):
        for number, name, first, last in CHAPTERS:
            if not first <= year <= last:
                continue
            naam = "Veiligheid en Justitie" if number == "VI" and year < 2018 else name
            for artikel, artikel_naam in ARTIKELEN:
                if number == "XX" and artikel != 37:
                    continue
                for vuo in ("V", "U", "O"):
                    base = rnd.randint(-50_000, 12_000_000)
                    stand = [
                        base,
                        base + rnd.randint(-9_000, 9_000),
                        base + rnd.randint(-90_000, 90_000),
                        base + rnd.randint(-90_000, 90_000),
                        base + rnd.randint(-200_000, 200_000),
                    ]
                    cells = [str(v) for v in stand]
                    if year > last_realisatie:
                        cells[4] = ""  # realisatie not yet known
                    if year == 2026:
                        cells[2] = cells[3] = ""  # suppletoires not yet known
                    lines.append([str(year), vuo, number, naam, str(artikel), artikel_naam, *cells])
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(lines)
    return len(lines)


def test_whole_government_file_loads_and_adds_up(ketenmonitor_env: Path) -> None:
    folder = ketenmonitor_env / "landing" / "rijksfinancien_begrotingsstaten"
    folder.mkdir(parents=True)
    delivery = folder / "begrotingsstaten_2026-06-03.csv"
    n = whole_government_file(delivery)
    assert n > 10_000

    contract = load_contract("rijksfinancien_begrotingsstaten")
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        outcome = warehouse.load_delivery(conn, contract, delivery)
        assert outcome.status == "accepted", outcome.describe()
        assert outcome.rows == n
        stage(conn)
        run(conn, "begroting")
        loaded = rows(
            conn,
            """
            select begrotingsnummer, artikelnummer, vuo, count(*) as jaren, sum(ontwerp) as ontwerp,
                   sum(vastgesteld) as vastgesteld, sum(eerste_suppletoire) as eerste,
                   sum(tweede_suppletoire) as tweede, sum(realisatie) as realisatie
            from kpi.begroting_staten group by all order by all""",
        )
        chapters = {
            r[0]
            for r in conn.execute(
                "select distinct begrotingsnummer from kpi.begroting_staten"
            ).fetchall()
        }

    independent = duckdb.connect()
    expected = [
        dict(
            zip(
                (
                    "begrotingsnummer",
                    "artikelnummer",
                    "vuo",
                    "jaren",
                    "ontwerp",
                    "vastgesteld",
                    "eerste",
                    "tweede",
                    "realisatie",
                ),
                r,
                strict=True,
            )
        )
        for r in independent.execute(
            """select "Begrotingsnummer", "Artikel nummer","""
            """ "Uitgaven Ontvangsten Verplichtingen", count(*),
                      sum("Stand ontwerpbegroting"), sum("Stand vastgestelde begroting"),
                      sum("Stand eerste suppletoire"), sum("Stand tweede suppletoire"), """
            """sum("Realisatie")
               from read_csv($file, header = true, delim = ',', quote = '"',
                             types = {'Begrotingsnummer': 'VARCHAR', 'Artikel nummer': 'INTEGER'})
               group by all order by all""",
            {"file": str(delivery)},
        ).fetchall()
    ]
    assert len(loaded) == len(expected) > 1000
    assert loaded == expected
    assert chapters == {c[0] for c in CHAPTERS}, "every chapter, the funds A..K included"


def test_bijstellingen_in_the_reports_cover_only_their_chapters(ketenmonitor_env: Path) -> None:
    """A revised whole-government file changes every chapter; the report's bijstellingen show
    hoofdstuk XX (and VI.37), the other chapters only in kpi.bijstellingen for analysts."""
    folder = ketenmonitor_env / "landing" / "rijksfinancien_begrotingsstaten"
    folder.mkdir(parents=True)
    first = folder / "begrotingsstaten_2025-06-03.csv"
    whole_government_file(first, last_realisatie=2023)
    second = folder / "begrotingsstaten_2026-06-03.csv"
    whole_government_file(
        second, last_realisatie=2025
    )  # realisatie 2024 and 2025 arrive everywhere

    contract = load_contract("rijksfinancien_begrotingsstaten")
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        for f in (first, second):
            assert warehouse.load_delivery(conn, contract, f).status == "accepted"
        stage(conn)
        run(conn, "bijstellingen")
        all_chapters = {
            r[0]
            for r in conn.execute("select distinct hoofdstuk from kpi.bijstellingen").fetchall()
        }
        overig = sqlfiles.query(
            conn, "reports/bijstellingen_overig", max=10_000, maand=dt.date(2026, 12, 1)
        )
        samenvatting = sqlfiles.query(
            conn, "reports/bijstellingen_samenvatting", maand=dt.date(2026, 12, 1)
        )
        in_report = {s.split(" | ")[2] for s in overig["sleutel"].to_list()}

    assert {"IIA", "IXB", "A", "K", "XX"} <= all_chapters, "analysts keep every chapter"
    assert in_report == {"XX", "VI"}
    assert all(
        s.split(" | ")[3] == "37" for s in overig["sleutel"].to_list() if s.split(" | ")[2] == "VI"
    )
    assert samenvatting["gewijzigd"].to_list() == [
        overig.filter(overig["soort"] == "gewijzigd").height
    ]
