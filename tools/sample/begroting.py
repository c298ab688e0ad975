"""The budget model shared by the budgettaire tabellen and the rijksfinancien begrotingsstaten.

The real OWB 2025 article 37 amounts are fixed per line; one line per year absorbs the remainder
so that the article totals equal the published ones exactly. OWB 2026 chapter XX adds the
taskforce lines and balances on article 92. ``migratie_standen`` ties the article-level budget
stages to both tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tools.sample.common import round_half_up
from tools.sample.reference import TASKFORCE_LINES


@dataclass(frozen=True)
class BudgetLine:
    hoofdstuk: str
    artikel: int
    artikelnaam: str
    vuo: str
    artikelonderdeel: str
    artikelonderdeelnaam: str
    instrument: str
    regeling: str
    bedragen: tuple[int, ...]


OWB2025_YEARS = tuple(range(2023, 2030))
OWB2026_YEARS = tuple(range(2024, 2031))

# Real OWB 2025 art. 37 uitgaven totals (R73-R76; 2029 = 2028 per R76) and lines (R77, R78).
ART37_OWB2025_TOTAL: dict[int, int] = {
    2025: 9_480_898,
    2026: 9_769_219,
    2027: 2_854_239,
    2028: 1_218_804,
    2029: 1_218_804,
}
ART37_OWB2025_VERPLICHTINGEN_2025 = 9_490_898  # R73 note
IND_OWB2025 = (702_815, 812_440, 866_372, 809_634, 453_013, 317_406, 317_406)  # R77 2025-2029
COA_OWB2025 = (3_861_230, 4_284_905, 4_502_164, 4_890_105, 1_016_100, 691_390, 691_390)  # R78
NPOO_MUTATIE_2026 = -1_051_000  # R79: NPOO in OWB 2026 vs OWB 2025, year 2026
XX_TOTAAL_OWB2026_2026 = 8_940_000  # R72: 8.940 mln
ONTVANGSTEN_XX = {2025: 13_000, 2026: 14_000}  # R71, R72

_U37 = ("XX", 37, "Migratie", "U")
_ON = {
    "37.1": "Migratie (beleid en uitvoering)",
    "37.2": "Vreemdelingenketen",
    "37.3": "Terugkeer en vertrek",
    "37.4": "Internationale migratiesamenwerking",
    "37.5": "Opvang ontheemden Oekraïne",
}


def _line(
    onderdeel: str,
    instrument: str,
    regeling: str,
    values: Sequence[int],
    base: tuple[str, int, str, str] = _U37,
) -> BudgetLine:
    hoofdstuk, artikel, naam, vuo = base
    return BudgetLine(
        hoofdstuk,
        artikel,
        naam,
        vuo,
        onderdeel,
        _ON.get(onderdeel, ""),
        instrument,
        regeling,
        tuple(values),
    )


def owb2025_art37() -> list[BudgetLine]:
    """OWB 2025 art. 37 Migratie, U lines for 2023..2029. NPOO absorbs the remainder for
    2025-2027 and housing for 2028-2029, so the totals equal R73-R76 exactly. 2023 and 2024
    show the predecessor article VI/37 (realisatie 2023, stand 1e suppletoire 2024)."""
    fixed = [
        _line(
            "37.1",
            "Opdrachten",
            "Onderzoek en beleidsondersteuning",
            (12_400, 13_100, 14_250, 13_800, 12_600, 11_900, 11_900),
        ),
        _line(
            "37.1",
            "Subsidies",
            "Vluchtelingenwerk Nederland",
            (31_500, 33_800, 35_120, 34_000, 22_400, 16_250, 16_250),
        ),
        _line(
            "37.2",
            "Bijdrage aan agentschappen",
            "Immigratie- en Naturalisatiedienst (IND)",
            IND_OWB2025,
        ),
        _line(
            "37.2",
            "Bijdrage aan ZBO's/RWT's",
            "Centraal Orgaan opvang asielzoekers (COA)",
            COA_OWB2025,
        ),
        _line(
            "37.2",
            "Subsidies",
            "Stichting Nidos",
            (89_300, 104_600, 112_800, 109_500, 61_200, 48_700, 48_700),
        ),
        _line(
            "37.3",
            "Subsidies",
            "Ondersteuning zelfstandig vertrek",
            (18_900, 21_300, 23_400, 22_900, 14_800, 9_600, 9_600),
        ),
        _line(
            "37.3",
            "Opdrachten",
            "Gedwongen vertrek",
            (64_200, 71_500, 78_300, 76_100, 41_200, 29_500, 29_500),
        ),
        _line(
            "37.4",
            "Bijdrage aan (inter)nationale organisaties",
            "Migratiesamenwerking landen van herkomst en transit (ODA)",
            (8_000, 9_500, 12_000, 12_000, 12_000, 12_000, 12_000),
        ),
    ]
    housing = [212_600, 398_700, 412_300, 405_000, 310_000, 0, 0]
    npoo = [1_650_000, 2_050_000, 0, 0, 0, 0, 0]
    for i, year in enumerate(OWB2025_YEARS):
        if year not in ART37_OWB2025_TOTAL:
            continue
        rest = ART37_OWB2025_TOTAL[year] - sum(regel.bedragen[i] for regel in fixed)
        if year <= 2027:  # RTB runs to March 2027
            npoo[i] = rest - housing[i]
        else:
            housing[i] = rest
    lines = (
        fixed[:4]
        + [
            _line(
                "37.2",
                "Bijdrage aan medeoverheden",
                "Huisvesting vergunninghouders en Spreidingswet",
                housing,
            ),
        ]
        + fixed[4:]
        + [
            _line(
                "37.5",
                "Bijdrage aan medeoverheden",
                "Gemeentelijke opvang ontheemden Oekraïne",
                npoo,
            ),
        ]
    )
    return sorted(
        lines, key=lambda regel: (regel.artikelonderdeel, regel.instrument, regel.regeling)
    )


def owb2026_xx() -> list[BudgetLine]:
    """OWB 2026 chapter XX U lines for 2024..2030: art. 37 (incl. the XX taskforce lines),
    91 and 92. Art. 92 absorbs the remainder so that XX totals 8.940.000 in 2026 (R72).
    NPOO 2026 = OWB 2025's NPOO 2026 + the R79 mutation."""
    npoo_owb2025_2026 = next(
        regel.bedragen[OWB2025_YEARS.index(2026)]
        for regel in owb2025_art37()
        if regel.regeling.startswith("Gemeentelijke opvang")
    )
    lines = [
        _line(
            "37.1",
            "Opdrachten",
            "Onderzoek en beleidsondersteuning",
            (12_850, 14_900, 14_100, 13_200, 12_500, 12_500, 12_500),
        ),
        _line(
            "37.1",
            "Subsidies",
            "Vluchtelingenwerk Nederland",
            (33_950, 35_120, 34_000, 28_400, 22_000, 22_000, 22_000),
        ),
        _line(
            "37.2",
            "Bijdrage aan agentschappen",
            "Immigratie- en Naturalisatiedienst (IND)",
            (830_115, 902_400, 845_300, 612_800, 498_200, 452_600, 452_600),
        ),
        _line(
            "37.2",
            "Bijdrage aan ZBO's/RWT's",
            "Centraal Orgaan opvang asielzoekers (COA)",
            (4_376_820, 4_866_200, 4_512_700, 2_306_400, 1_402_500, 1_275_300, 1_275_300),
        ),
        _line(
            "37.2",
            "Bijdrage aan medeoverheden",
            "Huisvesting vergunninghouders en Spreidingswet",
            (401_250, 425_600, 398_000, 305_000, 120_000, 95_000, 95_000),
        ),
        _line(
            "37.2",
            "Subsidies",
            "Stichting Nidos",
            (106_900, 118_300, 114_600, 82_400, 64_100, 60_800, 60_800),
        ),
        _line(
            "37.3",
            "Subsidies",
            "Ondersteuning zelfstandig vertrek",
            (21_870, 24_100, 26_500, 27_000, 27_000, 27_000, 27_000),
        ),
        _line(
            "37.3",
            "Opdrachten",
            "Gedwongen vertrek",
            (73_240, 81_900, 88_400, 90_100, 90_100, 90_100, 90_100),
        ),
        _line(
            "37.5",
            "Bijdrage aan medeoverheden",
            "Gemeentelijke opvang ontheemden Oekraïne",
            (2_068_350, 3_298_400, npoo_owb2025_2026 + NPOO_MUTATIE_2026, 720_000, 0, 0, 0),
        ),
    ]
    lines += taskforce_lines("XX")
    apparaat = BudgetLine(
        "XX",
        91,
        "Apparaatsuitgaven kerndepartement",
        "U",
        "91.1",
        "Apparaatsuitgaven kerndepartement",
        "Personele en materiële uitgaven",
        "",
        (0, 171_300, 186_400, 183_900, 181_200, 180_500, 180_500),
    )
    i26 = OWB2026_YEARS.index(2026)
    onverdeeld_2026 = (
        XX_TOTAAL_OWB2026_2026
        - sum(regel.bedragen[i26] for regel in lines)
        - apparaat.bedragen[i26]
    )
    onverdeeld = BudgetLine(
        "XX",
        92,
        "Nog onverdeeld",
        "U",
        "92.1",
        "Nog onverdeeld",
        "Nog onverdeeld",
        "",
        (0, 0, onverdeeld_2026, 1_250_000, 1_100_000, 950_000, 950_000),
    )
    lines += [apparaat, onverdeeld]
    return sorted(
        lines,
        key=lambda regel: (regel.artikel, regel.artikelonderdeel, regel.instrument, regel.regeling),
    )


def taskforce_lines(hoofdstuk: str) -> list[BudgetLine]:
    """The taskforce's budget lines (uitgaven) on begrotingshoofdstuk `hoofdstuk`."""
    return [
        BudgetLine(
            t.hoofdstuk,
            t.artikel,
            t.artikelnaam,
            "U",
            t.artikelonderdeel,
            t.artikelonderdeelnaam,
            t.instrument,
            t.regeling,
            t.bedragen,
        )
        for t in TASKFORCE_LINES
        if t.hoofdstuk == hoofdstuk
    ]


def column_sum(
    lines: Iterable[BudgetLine], years: Sequence[int], year: int, artikel: int | None = None
) -> int:
    i = years.index(year)
    return sum(regel.bedragen[i] for regel in lines if artikel is None or regel.artikel == artikel)


@dataclass(frozen=True)
class Stand:
    """One article-year in the begrotingsstaten: five stages, None = not yet known."""

    ontwerp: int | None
    vastgesteld: int | None
    eerste: int | None
    tweede: int | None
    realisatie: int | None

    def scaled(self, f: float) -> Stand:
        return Stand(*(None if v is None else round_half_up(v * f) for v in self.values()))

    def values(self) -> tuple[int | None, ...]:
        return (self.ontwerp, self.vastgesteld, self.eerste, self.tweede, self.realisatie)


def migratie_standen() -> dict[tuple[str, int, int, str], Stand]:
    """Article-level stages for VI/37 (2022-2024) and XX/37, 91, 92 (2025-2026), tied to the
    budget tables: realisatie 2023 = OWB 2025 column 2023, stand 1e suppletoire 2024 = OWB 2025
    column 2024, realisatie 2024 = OWB 2026 column 2024, ontwerp 2025 = OWB 2025 column 2025,
    stand 1e suppletoire 2025 = OWB 2026 column 2025, ontwerp 2026 = OWB 2026 column 2026."""
    o25, o26 = owb2025_art37(), owb2026_xx()

    def c25(y: int) -> int:
        return column_sum(o25, OWB2025_YEARS, y)

    def c26(y: int, art: int) -> int:
        return column_sum(o26, OWB2026_YEARS, y, art)

    u = {
        ("VI", 37, 2022): Stand(1_604_310, 1_612_810, 3_384_620, 4_391_270, 4_206_540),
        ("VI", 37, 2023): Stand(2_493_150, 2_521_650, 5_317_400, 6_712_000, c25(2023)),
        ("VI", 37, 2024): Stand(4_986_300, 5_012_300, c25(2024), 8_012_600, c26(2024, 37)),
        ("XX", 37, 2025): Stand(c25(2025), 9_496_300, c26(2025, 37), 9_905_600, 9_842_315),
        ("XX", 37, 2026): Stand(c26(2026, 37), 8_415_200, 8_912_400, None, None),
        ("XX", 91, 2025): Stand(0, 158_200, c26(2025, 91), 176_800, 173_950),
        ("XX", 91, 2026): Stand(c26(2026, 91), 186_400, 189_700, None, None),
        ("XX", 92, 2026): Stand(c26(2026, 92), 349_820, 212_300, None, None),
    }
    out: dict[tuple[str, int, int, str], Stand] = {}
    for (ch, art, year), stand in u.items():
        out[ch, art, year, "U"] = stand
        # Verplichtingen follow uitgaven closely (multi-year commitments for COA and NPOO).
        v = stand.scaled(1.0 if art != 37 else 1.002)
        if (ch, art, year) == ("XX", 37, 2025):
            v = Stand(ART37_OWB2025_VERPLICHTINGEN_2025, *v.values()[1:])
        out[ch, art, year, "V"] = v
        if art == 37:
            base = {2022: 4_800, 2023: 21_300, 2024: 15_800, **ONTVANGSTEN_XX}[year]
            out[ch, art, year, "O"] = Stand(
                base,
                base,
                round_half_up(base * 1.4),
                None if year == 2026 else round_half_up(base * 1.6),
                None if year == 2026 else round_half_up(base * 1.55),
            )
        else:
            out[ch, art, year, "O"] = Stand(*(None if x is None else 0 for x in stand.values()))
    return out
