"""The content model of a report: chapters made of blocks (headings, paragraphs, numbered tables
and figures, warnings, KPI tiles). Built by `pipelines/lib/reports/`, rendered by the templates.

Cells carry their display text (formatted nl_NL, with CBS symbols), their raw value for the
CSV that the PDF/A-3a variant attaches to each table and, for a figure, the same figure as a
number with its spreadsheet format for the workbook beside the PDF (pipelines/lib/werkboek.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from pipelines.lib import csvsafe, formatting


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


@dataclass(frozen=True)
class Weergave:
    """How a figure is shown: the formatter of its text, and what that text shows as a number.

    `getoond` gives the number the text shows before rounding, in the unit of the text (a
    percentage as 0-100); `waarde` rounds it as the text does, so a spreadsheet holds exactly the
    published figure (no more precision than the PDF, which matters for suppressed small counts).
    """

    tekst: Callable[[Any], str]
    decimalen: int = 0
    getoond: Callable[[Any], Decimal] = lambda v: Decimal(str(v))
    procent: bool = False  # the spreadsheet holds the fraction and shows it with a % format
    teken: bool = False  # a change: shown with its sign (+1.200, +4,0%)

    def waarde(self, value: Any) -> int | float | None:
        if value is None:
            return None
        rounded = formatting.afgerond(self.getoond(value), self.decimalen)
        if self.procent:
            return float(rounded / 100)
        return int(rounded) if self.decimalen == 0 else float(rounded)

    @property
    def formaat(self) -> str:
        """The number format in the spreadsheet's notation (`#,##0.0`, `0.0%`); Excel and
        LibreOffice show it with the reader's own separators,
        so a Dutch installation shows 12.500 and 4,0%."""
        fractie = "." + "0" * self.decimalen if self.decimalen else ""
        basis = f"0{fractie}%" if self.procent else f"#,##0{fractie}"
        return f"+{basis};-{basis};{basis}" if self.teken else basis


def _maal(factor: str) -> Callable[[Any], Decimal]:
    return lambda v: Decimal(str(v)) * Decimal(factor)


# The formatters of pipelines/lib/formatting.py a table cell uses directly; report-specific ones
# (a percentage stored as 0-100, amounts in millions) are a Weergave of their own.
_WEERGAVEN: dict[Callable[..., str], Weergave] = {
    formatting.getal: Weergave(formatting.getal),
    formatting.bedrag: Weergave(formatting.bedrag),
    formatting.getal_teken: Weergave(formatting.getal_teken, teken=True),
    formatting.euro_x1000: Weergave(formatting.euro_x1000, getoond=_maal("0.001")),
    formatting.procent: Weergave(formatting.procent, 1, _maal("100"), procent=True),
    formatting.verandering: Weergave(
        formatting.verandering, 1, _maal("100"), procent=True, teken=True
    ),
}


def weergave(fmt: Callable[[Any], str] | Weergave) -> Weergave:
    if isinstance(fmt, Weergave):
        return fmt
    try:
        return _WEERGAVEN[fmt]
    except KeyError:
        raise TypeError(
            f"{fmt!r}: geef een Weergave, zodat het werkboek het cijfer als getal kan tonen"
        ) from None


@dataclass(frozen=True)
class Kolom:
    kop: str
    uitlijning: str = "r"  # l | r | c
    breedte: str = (
        ""  # CSS width (e.g. "22%"); when any column has one the table gets a fixed layout
    )
    # A column declared in a chapter template (pipelines/lib/reports/hoofdstuk.py): the field of a
    # query row it shows, its format (a name of hoofdstuk.OPMAAK), the field holding the CBS symbol
    # after the figure, and a CSS class for the cell.
    veld: str = ""
    opmaak: str = ""
    symbool: str = ""
    klasse: str = ""


@dataclass(frozen=True)
class Kolomgroep:
    kop: str
    breedte: int
    uitlijning: str = "c"


@dataclass(frozen=True)
class Cel:
    tekst: str
    csv: str = ""
    uitlijning: str = "r"
    klasse: str = ""
    symbool: str = (
        ""  # CBS symbol after a figure (* or **), set in its own span so digits stay aligned
    )
    waarde: int | float | None = None  # a figure as published: the unit and rounding of `tekst`
    formaat: str = ""  # the spreadsheet number format of a figure; "" for a text cell

    @property
    def is_getal(self) -> bool:
        return bool(self.formaat)


def tekst(value: Any, uitlijning: str = "l", klasse: str = "") -> Cel:
    text = "" if value is None else str(value)
    return Cel(text, text, uitlijning, klasse)


def getal(
    value: Any,
    fmt: Callable[[Any], str] | Weergave = formatting.getal,
    *,
    symbool: str = "",
    klasse: str = "",
) -> Cel:
    """A numeric cell: formatted text (None -> "."), raw value for the CSV, the published figure and
    its number format for the workbook."""
    w = weergave(fmt)
    return Cel(
        w.tekst(value),
        _csv_value(value),
        "r",
        klasse,
        symbool if value is not None else "",
        w.waarde(value),
        w.formaat,
    )


def leeg() -> Cel:
    return Cel("", "", "r")


@dataclass(frozen=True)
class Rij:
    cellen: Sequence[Cel]
    soort: str = ""  # "" | totaal | subtotaal | groep | inspring | inspring2


@dataclass
class Tabel:
    id: str
    nummer: str
    titel: str
    kolommen: Sequence[Kolom]
    rijen: Sequence[Rij]
    bron: str
    eenheid: str = ""
    noot: str = ""
    legenda: bool = False
    lang: bool = False
    kort: bool = True
    rijkoppen: bool = True
    klein: bool = False  # a wide table of large amounts: a smaller type size
    kolomgroepen: Sequence[Kolomgroep] = ()

    @property
    def met_symbolen(self) -> bool:
        return any(c.symbool for r in self.rijen for c in r.cellen)

    @property
    def legenda_regels(self) -> list[tuple[str, str]]:
        """The symbol legend for this table: only the symbols that appear in it,
        in the fixed order."""
        return self.symbolen if self.legenda else []

    @property
    def symbolen(self) -> list[tuple[str, str]]:
        """The CBS symbols that appear in this table, with their meaning, in the fixed order."""
        gebruikt = {c.symbool for r in self.rijen for c in r.cellen if c.symbool}
        gebruikt |= {
            c.tekst
            for r in self.rijen
            for c in r.cellen
            if c.tekst in (formatting.ONBEKEND, formatting.MINUS)
        }
        return [(s, betekenis) for s, betekenis in formatting.SYMBOOL_LEGENDA if s in gebruikt]

    @property
    def vaste_breedtes(self) -> bool:
        return any(k.breedte for k in self.breedtes)

    @property
    def breedtes(self) -> list[Kolom]:
        """The columns with their widths. A table of figures (a label column, then only
        right-aligned columns) without set widths gets equal figure columns and a label column wide
        enough for its longest label, so that every figure column lines up the same and
        "september 2026" stays on one line."""
        if any(k.breedte for k in self.kolommen) or len(self.kolommen) < 3:
            return list(self.kolommen)
        if self.kolommen[0].uitlijning != "l" or any(
            k.uitlijning != "r" for k in self.kolommen[1:]
        ):
            return list(self.kolommen)
        langste = max((len(r.cellen[0].tekst) for r in self.rijen if r.cellen), default=0)
        label = min(40.0, max(14.0, 1.45 * langste + 2))
        rest = (100.0 - label) / (len(self.kolommen) - 1)
        return [replace(self.kolommen[0], breedte=f"{label:.1f}%")] + [
            replace(k, breedte=f"{rest:.1f}%") for k in self.kolommen[1:]
        ]

    @property
    def bestandsnaam(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.titel.lower()).strip("-")[:60].strip("-")
        return f"tabel-{self.nummer.replace('.', '-')}-{slug}.csv"

    def csv_bytes(self) -> bytes:
        """The table as CSV (UTF-8, `;`-separated like Dutch spreadsheets expect): raw values, empty
        for an unknown or suppressed figure; provisional marks stay in the PDF. Through the one
        formula-safe writer (delivered text such as a gemeentenaam can start with = + - @)."""
        return csvsafe.to_bytes(
            [k.kop for k in self.kolommen], ([c.csv for c in rij.cellen] for rij in self.rijen)
        )


@dataclass
class Figuur:
    id: str
    nummer: str
    titel: str
    svg: Markup
    bron: str


@dataclass
class Waarschuwing:
    bron: str
    bron_naam: str
    tekst: str


@dataclass
class Blok:
    soort: str  # tabel | figuur | waarschuwingen: what the chapter's template placed
    tekst: str = ""
    id: str = ""
    klasse: str = ""
    items: Sequence[Any] = ()
    tabel: Tabel | None = None
    figuur: Figuur | None = None


@dataclass
class InhoudRegel:
    id: str
    nummer: str
    titel: str
    sub: bool = False


@dataclass
class Hoofdstuk:
    id: str
    nummer: str  # tables and figures are numbered <nummer>.<n>
    titel: str
    klasse: str = ""
    kopnummer: str = (
        ""  # the number as printed before the title; default `nummer` ("Bijlage A" for annexes)
    )
    blokken: list[Blok] = field(default_factory=list)
    subs: list[InhoudRegel] = field(default_factory=list)
    html: Markup | None = None  # the chapter as its template rendered it
    _tabellen: int = 0
    _figuren: int = 0

    def inhoud_kop(self, tekst: str, id: str) -> str:
        """A section heading of a chapter template that the table of contents lists; its id."""
        self.subs.append(InhoudRegel(id, "", tekst, sub=True))
        return id

    def waarschuwingen(self, items: Sequence[Waarschuwing]) -> None:
        if items:
            self.blokken.append(Blok("waarschuwingen", items=list(items)))

    def tabel(
        self, titel: str, kolommen: Sequence[Kolom], rijen: Sequence[Rij], bron: str, **opties: Any
    ) -> Tabel:
        self._tabellen += 1
        nummer = f"{self.nummer}.{self._tabellen}"
        t = Tabel(
            f"tabel-{nummer.replace('.', '-')}",
            nummer,
            titel,
            list(kolommen),
            list(rijen),
            bron,
            **opties,
        )
        self.blokken.append(Blok("tabel", tabel=t))
        return t

    def figuur(self, titel: str, svg: Markup, bron: str) -> Figuur:
        self._figuren += 1
        nummer = f"{self.nummer}.{self._figuren}"
        f = Figuur(f"figuur-{nummer.replace('.', '-')}", nummer, titel, svg, bron)
        self.blokken.append(Blok("figuur", figuur=f))
        return f

    def __post_init__(self) -> None:
        self.kopnummer = self.kopnummer or self.nummer

    @property
    def tabellen(self) -> list[Tabel]:
        return [b.tabel for b in self.blokken if b.tabel is not None]
