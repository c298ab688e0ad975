"""The template context of the two reports, built from the warehouse only (kpi.*, meta.*).

Queries live in `sql/reports/` (one statement per file, named parameters). This module turns
their rows into chapters of numbered tables, SVG figures and a few sentences of text, all
formatted nl_NL. Nothing here reads a delivery file: the reports show what the warehouse holds.

Determinism: every query has an explicit order, texts depend only on the data, and the
edition id is a hash of the input deliveries' sha256s and the code version, never a run id.
"""

from __future__ import annotations

import base64
import datetime as dt
import mimetypes
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
from markupsafe import Markup

from pipelines.lib import (
    catalogus,
    charts,
    disclosure,
    formatting,
    paths,
    sqlfiles,
    vergelijking,
    werkboek,
)
from pipelines.lib import editie as editie_mod
from pipelines.lib import report_model as rm
from pipelines.lib.catalogus import BRONNEN, BronInfo
from pipelines.lib.charts import Reeks
from pipelines.lib.contracts import case_level_sources, load_contract
from pipelines.lib.editie import Levering, invoer_hash
from pipelines.lib.formatting import (
    datum,
    euro_kort,
    getal,
    maand_jaar,
    procent,
    verandering,
)
from pipelines.lib.perioden import add_months, month_end, periode_bereik
from pipelines.lib.render import (
    CsvAttachment,
    RenderedReport,
    pdf_variant,
    render_report,
    write_atomic,
)
from pipelines.lib.versioning import code_version

ORGANISATIE_ENV = "KETENMONITOR_ORGANISATIE"
LOGO_ENV = "KETENMONITOR_LOGO"
DEFAULT_ORGANISATIE = "Ministerie van Asiel en Migratie"
TIMEZONE = dt.timezone(dt.timedelta(hours=1))  # CET: metadata dates are fixed, never "now"
BEWERKING = "bewerking Ketenmonitor"
MAX_LOGO_BYTES = 2_000_000


# --------------------------------------------------------------------------- sources


_months = add_months


@dataclass
class BronStatus:
    source: str
    info: BronInfo
    geaccepteerd: list[Levering]
    afgewezen: list[Levering]
    maand: dt.date
    dekking: editie_mod.Dekking | None = None

    def __post_init__(self) -> None:
        if self.dekking is None:
            self.dekking = editie_mod.dekking(
                load_contract(self.source), self.geaccepteerd, self.maand
            )

    @property
    def laatste(self) -> Levering | None:
        # the newest by its own date, as staging takes it
        # (an older file arriving later is not the latest)
        return (
            max(self.geaccepteerd, key=lambda lev: (lev.datum, lev.delivery_id))
            if self.geaccepteerd
            else None
        )

    @property
    def gegevens_tm(self) -> dt.date | None:
        return self.dekking.gegevens_tm if self.dekking else None

    @property
    def verouderd(self) -> bool:
        """The source does not cover the reporting month as its cadence requires (editie.Dekking):
        the edition is then onvolledig and names it."""
        return not (self.dekking and self.dekking.gedekt)

    @property
    def laatste_afgewezen_na_acceptatie(self) -> Levering | None:
        last_ok = self.laatste.delivery_id if self.laatste else -1
        later = [lev for lev in self.afgewezen if lev.delivery_id > last_ok]
        return later[-1] if later else None


@dataclass
class Bronnen:
    maand: dt.date
    status: dict[str, BronStatus]
    editie: editie_mod.Editie | None = None

    @property
    def editie_id(self) -> str:
        if self.editie is not None:
            return self.editie.id
        levs = [lev for st in self.status.values() for lev in st.geaccepteerd + st.afgewezen]
        return editie_mod.edition_id(self.maand, code_version(), editie_mod.invoer_hash(levs))

    @property
    def ontbrekend(self) -> list[BronStatus]:
        return [st for st in self.status.values() if st.verouderd]

    def regel(self, *sources: str) -> str:
        """ "Bron: CBS 83102NED, levering 12 november 2026; bewerking Ketenmonitor"."""
        parts = []
        for s in sources:
            st = self.status[s]
            lev = st.laatste
            parts.append(
                f"{st.info.naam}, levering {datum(lev.datum)}"
                if lev
                else f"{st.info.naam}, geen levering"
            )
        return "Bron: " + "; ".join(parts) + f"; {BEWERKING}"

    def waarschuwingen(self, *sources: str) -> list[rm.Waarschuwing]:
        out = []
        for s in sources or tuple(self.status):
            st = self.status[s]
            if not st.verouderd:
                continue
            tm = st.gegevens_tm
            text = (
                f"De meest recente gegevens gaan tot en met {maand_jaar(tm)}, ouder dan de "
                f"verslagmaand {maand_jaar(self.maand)}; deze editie is daarom onvolledig. "
                "De figuren voor deze bron tonen de laatst geleverde gegevens."
                if tm
                else "Er is nog geen levering geaccepteerd; figuren voor deze bron ontbreken en "
                "deze editie is daarom onvolledig."
            )
            if (rej := st.laatste_afgewezen_na_acceptatie) is not None:
                first = (
                    (rej.reasons or "").splitlines()[0]
                    if rej.reasons and s not in case_level_sources()
                    else "zie Datakwaliteit en bronnen"
                )
                text += (
                    f" De laatste levering ({rej.file_name}, {datum(rej.datum)}) "
                    f"is afgewezen: {first}"
                )
            out.append(rm.Waarschuwing(s, st.info.naam, text))
        return out


def _rows(conn: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict[str, Any]]:
    rel = conn.execute(sqlfiles.load(f"reports/{name}"), params or None)
    cols = [d[0] for d in rel.description]
    return [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]


def bronnen(conn: duckdb.DuckDBPyConnection, maand: dt.date) -> Bronnen:
    """Per source the deliveries the edition of `maand` rests on (pipelines.lib.editie): accepted
    ones with a period that starts on or before the month, and the rejected ones it reports on."""
    ed = editie_mod.bepaal(conn, maand)
    editie_mod.zet_maand(conn, ed.maand)
    status = {
        source: BronStatus(
            source,
            info,
            ed.invoer_van(source),
            ed.afgewezen_van(source),
            ed.maand,
            ed.dekking[source],
        )
        for source, info in BRONNEN.items()
    }
    return Bronnen(ed.maand, status, ed)


# --------------------------------------------------------------------------- edition


# The sources each document reads (pipelines/lib/catalogus.py); its colofon lists these deliveries.
DOCUMENT_BRONNEN: dict[str, tuple[str, ...]] = {
    naam: document.bronnen for naam, document in catalogus.DOCUMENTEN.items()
}


def volledigheid(b: Bronnen, document: str) -> str:
    """'volledig', or 'onvolledig: ontbreekt ...' naming the document's sources that do
    not cover the month."""
    missing = [st for st in b.ontbrekend if st.source in DOCUMENT_BRONNEN[document]]
    if not missing:
        return "volledig"
    parts = [
        f"{st.info.naam} ({st.dekking.reden})" if st.dekking else st.info.naam for st in missing
    ]
    return "onvolledig; ontbreekt: " + "; ".join(parts)


def _onvolledig_omslag(b: Bronnen, document: str) -> str | None:
    """The cover's notice of an onvolledig edition: which sources are missing and what
    that means."""
    missing = [st for st in b.ontbrekend if st.source in DOCUMENT_BRONNEN[document]]
    if not missing:
        return None
    names = "; ".join(st.info.naam for st in missing)
    waar = (
        "het hoofdstuk Datakwaliteit en bronnen"
        if document == "maandrapportage"
        else "Datakwaliteit en bronnen in de Maandrapportage"
    )
    return (
        f"Niet elke bron dekt {maand_jaar(b.maand)}: {names}. De hoofdstukken van deze bronnen "
        f"tonen de laatst geleverde gegevens; zie {waar}."
    )


def aangemaakt(maand: dt.date, leveringen: Sequence[Levering] = ()) -> dt.datetime:
    """The edition's own date, printed as "Opgemaakt" and set as the PDF's creation date: the day of
    the newest delivery the edition rests on (accepted or rejected), and never before the first day
    after the month. It follows from the inputs alone, so the same inputs give the same document,
    and it never stands before a delivery the document cites."""
    dag = max([_months(maand, 1), *(lev.datum for lev in leveringen)])
    return dt.datetime.combine(dag, dt.time(0, 0), TIMEZONE)


def _opgemaakt(b: Bronnen) -> str:
    dag = aangemaakt(b.maand, editie_leveringen(b)).date()
    waarom = (
        "eerste dag na de verslagmaand"
        if dag == _months(b.maand, 1)
        else "de dag van de nieuwste levering"
    )
    return f"{datum(dag)} ({waarom})"


def editie_leveringen(b: Bronnen) -> list[Levering]:
    """The deliveries an edition rests on and reports on."""
    if b.editie is not None:
        return [*b.editie.invoer, *b.editie.afgewezen]
    return [lev for st in b.status.values() for lev in st.geaccepteerd + st.afgewezen]


def organisatie() -> str:
    return os.environ.get(ORGANISATIE_ENV, "").strip() or DEFAULT_ORGANISATIE


def logo_data_url() -> str | None:
    """The optional logo (setting KETENMONITOR_LOGO: a PNG, JPEG or SVG file; a relative name is
    looked up in reports/static/, then in the project folder) as a data: URL. A setting that
    points nowhere fails."""
    value = os.environ.get(LOGO_ENV, "").strip()
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_absolute():  # a name under reports/static/, or a path from the project folder
        in_static = paths.STATIC_DIR / path
        path = in_static if in_static.is_file() else paths.PROJECT_ROOT / path
    mime = mimetypes.guess_type(path.name)[0]
    if mime not in {"image/png", "image/jpeg", "image/svg+xml"}:
        raise ValueError(f"{LOGO_ENV}={value!r}: alleen PNG, JPEG of SVG")
    data = path.read_bytes()
    if len(data) > MAX_LOGO_BYTES:
        raise ValueError(f"{LOGO_ENV}={value!r}: groter dan {MAX_LOGO_BYTES} bytes")
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


@dataclass
class Rapport:
    """Everything the renderer needs for one document."""

    template: str
    context: dict[str, Any]
    created: dt.datetime
    identifier: bytes
    tabellen: list[rm.Tabel] = field(default_factory=list)
    maand: dt.date | None = None

    @property
    def attachments(self) -> list[CsvAttachment]:
        return [
            CsvAttachment(t.bestandsnaam, f"Tabel {t.nummer} {t.titel}", t.csv_bytes())
            for t in self.tabellen
        ]

    def werkboek_bytes(self) -> bytes:
        """The tables as an Excel workbook (pipelines/lib/werkboek.py), dated like the PDF."""
        doc = self.context["doc"]
        maand = self.maand or dt.date.fromisoformat(doc["editie"][:7] + "-01")
        return werkboek.werkboek_bytes(
            werkboek.Document(doc["titel"], doc["editie"], maand, self.created, doc["organisatie"]),
            self.tabellen,
        )


def _css() -> str:
    return (paths.STATIC_DIR / "print.css").read_text(encoding="utf-8")


def _inhoud(hoofdstukken: Sequence[rm.Hoofdstuk]) -> list[rm.InhoudRegel]:
    out = []
    for h in hoofdstukken:
        out.append(rm.InhoudRegel(h.id, h.kopnummer, h.titel))
        out.extend(h.subs)
    return out


def _rapport(
    template: str,
    document: str,
    titel: str,
    ondertitel: str,
    beschrijving: str,
    trefwoorden: list[str],
    b: Bronnen,
    hoofdstukken: list[rm.Hoofdstuk],
    extra_omslag: Sequence[tuple[str, str]] = (),
) -> Rapport:
    eid = b.editie_id
    created = aangemaakt(b.maand, editie_leveringen(b))
    doc = {
        "titel": titel,
        "ondertitel": ondertitel,
        "organisatie": organisatie(),
        "logo": logo_data_url(),
        "beschrijving": beschrijving,
        "trefwoorden": trefwoorden,
        "code_versie": code_version(),
        "aangemaakt": created.isoformat(),
        "editie": eid,
        "onvolledig": _onvolledig_omslag(b, document),
        "omslaggegevens": [
            ("Verslagmaand", maand_jaar(b.maand)),
            ("Peildatum", datum(month_end(b.maand))),
            ("Volledigheid", volledigheid(b, document)),
            *extra_omslag,
            ("Editie", eid),
            ("Versie programmatuur", code_version()),
        ],
    }
    context = {
        "doc": doc,
        "css": Markup(_css()),
        "inhoud": _inhoud(hoofdstukken),
        "hoofdstukken": hoofdstukken,
    }
    tabellen = [t for h in hoofdstukken for t in h.tabellen]
    return Rapport(template, context, created, eid.encode(), tabellen, b.maand)


# --------------------------------------------------------------------------- helpers


def _label_maand(d: dt.date) -> str:
    return f"{formatting.maand_kort(d)} '{d.year % 100:02d}"


def _cbs_symbool(status: str | None) -> str:
    s = (status or "").lower()
    if s == "nader voorlopig":
        return "**"
    if s and s != "definitief":
        return "*"
    return ""


def _symbool(voorlopig: bool | None) -> str:
    return formatting.VOORLOPIG if voorlopig else ""


def _pct(value: float | None, decimalen: int = 1) -> str:
    """A percentage stored as 0-100 in kpi tables."""
    return procent(None if value is None else value / 100, decimalen)


def _vpct(value: float | None, decimalen: int = 1) -> str:
    return verandering(None if value is None else value / 100, decimalen)


def _mln(euro: float | None) -> str:
    """An amount in euros as a cell of a "€ mln" column, one decimal."""
    return getal(None if euro is None else euro / 1e6, 1)


def _getal_2(value: float | None) -> str:
    return getal(value, 2)


# The cell formatters above with what their text shows as a number (for the workbook).
_W_PCT = rm.Weergave(_pct, 1, lambda v: Decimal(str(v / 100)) * 100, procent=True)
_W_VPCT = rm.Weergave(_vpct, 1, lambda v: Decimal(str(v / 100)) * 100, procent=True, teken=True)
_W_MLN = rm.Weergave(_mln, 1, lambda v: Decimal(str(v / 1e6)))
_W_2 = rm.Weergave(_getal_2, 2)


def _rel(new: float | None, old: float | None) -> float | None:
    if new is None or old in (None, 0):
        return None
    return (new - old) / old


def _laatste(
    rows: Sequence[dict[str, Any]], key: str, maand: dt.date
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The row of the month (or the latest before it when the source is behind) and
    the row before."""
    rows = [r for r in rows if r[key] <= maand]
    if not rows:
        return None, None
    return rows[-1], rows[-2] if len(rows) > 1 else None


def _toe_af(n: float | None) -> str:
    """+190 -> "nam toe met 190"; -140 -> "nam af met 140"."""
    if n is None:
        return "is niet te vergelijken"
    if n == 0:
        return "bleef gelijk"
    return f"nam {'toe' if n > 0 else 'af'} met {getal(abs(n))}"


def _boven_onder(pct: float | None) -> str:
    """-4.4 (percent) -> "4,4% onder"; 2.0 -> "2,0% boven"."""
    if pct is None:
        return "onbekend ten opzichte van"
    if round(pct, 1) == 0:
        return "gelijk aan"
    return f"{_pct(abs(pct))} {'boven' if pct > 0 else 'onder'}"


POSITIE = {
    "binnen bandbreedte": "binnen de bandbreedte",
    "onder bandbreedte": "onder de bandbreedte",
    "boven bandbreedte": "boven de bandbreedte",
}


def _waarde(text: str | None) -> str:
    """A delivered value as text: numbers in nl_NL form (1334 -> 1.334), anything else as is."""
    if text is None:
        return ""
    try:
        number = float(text)
    except ValueError:
        return text
    decimals = len(text.split(".")[1]) if "." in text else 0
    return getal(number, decimals)


def _maand_kort_jaar(d: dt.date) -> str:
    return f"{formatting.maand_kort(d)} {d.year}"


def _periode_tekst(row_month: dt.date, maand: dt.date) -> str:
    if row_month < maand:
        return f"stand {maand_jaar(row_month)} (verouderd)"
    return maand_jaar(row_month)


def _verschil_tekst(
    new: float | None,
    old: float | None,
    vorige: dt.date | None,
    *,
    fmt: Callable[[Any], str] = getal,
    relatief: bool = True,
    eenheid: str = "",
) -> str:
    if new is None or old is None or vorige is None:
        return "geen vergelijking beschikbaar"
    text = formatting.getal_teken(new - old) if fmt is getal else fmt(new - old)
    if eenheid:
        text += f" {eenheid}"
    if relatief and (r := _rel(new, old)) is not None:
        text += f" ({verandering(r)})"
    return f"{text} t.o.v. {maand_jaar(vorige)}"


# --------------------------------------------------------------------------- Maandrapportage

PROCEDURES = {
    "asiel_eerste": "Eerste asielaanvraag",
    "asiel_herhaald": "Herhaalde aanvraag",
    "nareis": "Nareis",
    "totaal": "Totaal",
}

OPVANGSOORTEN = {
    "regulier": "Regulier",
    "doorstroomlocatie": "Doorstroomlocatie",
    "noodopvang": "Noodopvang",
    "crisisnoodopvang": "Crisisnoodopvang",
    "hotel": "Hotel",
    "cruiseschip": "Cruiseschip",
}

SYMBOLEN_NOOT = (
    "Voorlopige cijfers zijn gemarkeerd met *, nader voorlopige met **; "
    "een . staat voor een cijfer dat onbekend is of niet wordt getoond."
)
OPENBAAR_NOOT = (
    "Aantallen uit zaakgegevens zijn afgerond op tientallen; aantallen onder 10 "
    "worden niet getoond (.). Percentages zijn berekend uit die afgeronde aantallen, "
    "doorlooptijden in hele dagen; ze worden niet getoond als ze op minder dan 10 zaken berusten. "
    "Afgeronde delen tellen niet altijd op tot het afgeronde totaal."
)


@dataclass
class MaandData:
    conn: duckdb.DuckDBPyConnection
    maand: dt.date
    bronnen: Bronnen
    controles: Mapping[str, str] | None = None  # source -> outcome of the blocking contract check

    @property
    def van(self) -> dt.date:
        return _months(self.maand, -12)

    def rows(self, name: str, **params: Any) -> list[dict[str, Any]]:
        return _rows(self.conn, name, **params)


def _h_kerncijfers(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("kerncijfers", nummer, "Kerncijfers")
    m = d.maand
    tegels: list[rm.Tegel] = []

    instroom = d.rows("instroom_perioden", soort="maand", van=_months(m, -1), maand=m)
    cur, prev = _laatste(instroom, "periode_start", m)
    if cur:
        sym = _cbs_symbool(cur["status"])
        tegels.append(
            rm.Tegel(
                "Eerste asielverzoeken",
                getal(cur["eerste"]) + sym,
                _verschil_tekst(
                    cur["eerste"], prev and prev["eerste"], prev and prev["periode_start"]
                ),
                _periode_tekst(cur["periode_start"], m),
            )
        )
        ytd_rel = _rel(cur["totaal_ytd"], cur["totaal_ytd_vj"]) if cur["totaal_ytd_vj"] else None
        tegels.append(
            rm.Tegel(
                f"Asielinstroom januari t/m {formatting.maand_naam(cur['periode_start'])}",
                getal(cur["totaal_ytd"]) + (formatting.VOORLOPIG if cur["ytd_voorlopig"] else ""),
                f"{verandering(ytd_rel)} t.o.v. dezelfde periode {cur['jaar'] - 1}"
                if ytd_rel is not None
                else "geen vergelijking beschikbaar",
                _periode_tekst(cur["periode_start"], m),
            )
        )
    opvang = d.rows("opvang_maanden", van=_months(m, -1), maand=m)
    cur, prev = _laatste(opvang, "maand", m)
    if cur:
        tegels.append(
            rm.Tegel(
                "Bezetting COA-opvang",
                getal(cur["bezetting"]),
                _verschil_tekst(
                    cur["bezetting"], prev and prev["bezetting"], prev and prev["maand"]
                ),
                _periode_tekst(cur["maand"], m),
            )
        )
        pp = None if not prev else cur["aandeel_dure_opvang_pct"] - prev["aandeel_dure_opvang_pct"]
        tegels.append(
            rm.Tegel(
                "Aandeel dure opvang in de bezetting",
                _pct(cur["aandeel_dure_opvang_pct"]),
                f"{formatting.getal_teken(pp, 1)} procentpunt t.o.v. {maand_jaar(prev['maand'])}"
                if prev
                else "geen vergelijking beschikbaar",
                _periode_tekst(cur["maand"], m),
            )
        )
    taak = d.rows("taakstelling_nationaal", van=_months(m, -1), maand=m)
    cur, prev = _laatste(taak, "maand", m)
    if cur:
        tegels.append(
            rm.Tegel(
                "Achterstand taakstelling huisvesting",
                getal(cur["achterstand"]) + _symbool(cur["voorlopig"]),
                _verschil_tekst(
                    cur["achterstand"], prev and prev["achterstand"], prev and prev["maand"]
                ),
                _periode_tekst(cur["maand"], m),
            )
        )
    ind = [r for r in d.rows("ind_afhandeling", van=_months(m, -1), maand=m)]
    ind_tot = [r for r in ind if r["procedure"] == "totaal"]
    ind_eerste = [r for r in ind if r["procedure"] == "asiel_eerste"]
    cur, prev = _laatste(ind_tot, "maand", m)
    if cur:
        tegels.append(
            rm.Tegel(
                "Voorraad asielzaken IND",
                getal(cur["voorraad"]),
                _verschil_tekst(cur["voorraad"], prev and prev["voorraad"], prev and prev["maand"]),
                _periode_tekst(cur["maand"], m),
            )
        )
    cur, prev = _laatste(ind_eerste, "maand", m)
    if cur:
        med, pmed = cur["doorlooptijd_mediaan_dagen"], prev and prev["doorlooptijd_mediaan_dagen"]
        tegels.append(
            rm.Tegel(
                "Doorlooptijd eerste asielaanvraag (mediaan)",
                formatting.aantal(med, "dag", "dagen") if med is not None else formatting.ONBEKEND,
                f"{formatting.aantal(med - pmed, 'dag', 'dagen', teken=True)} t.o.v. "
                f"{maand_jaar(prev['maand'])}"
                if med is not None and pmed is not None and prev
                else "geen vergelijking beschikbaar",
                _periode_tekst(cur["maand"], m),
            )
        )
    vertrek = d.rows("vertrek_maanden", van=_months(m, -1), maand=m)
    cur, prev = _laatste(vertrek, "maand", m)
    if cur:
        rel = cur["ytd_groei_pct"]
        tegels.append(
            rm.Tegel(
                f"Aantoonbaar vertrek januari t/m {formatting.maand_naam(cur['maand'])}",
                getal(cur["ytd_aantoonbaar"]) + _symbool(cur["voorlopig"]),
                f"{_vpct(rel)} t.o.v. dezelfde periode {cur['jaar'] - 1}"
                if rel is not None
                else "geen vergelijking beschikbaar",
                _periode_tekst(cur["maand"], m),
            )
        )
    oek = d.rows("oekraine", van=_months(m, -1), maand=m)
    cur, prev = _laatste(oek, "maand", m)
    if cur:
        tegels.append(
            rm.Tegel(
                "Opvang Oekraïense ontheemden (bezetting)",
                getal(cur["bezetting"]),
                _verschil_tekst(
                    cur["bezetting"], prev and prev["bezetting"], prev and prev["maand"]
                ),
                _periode_tekst(cur["maand"], m),
            )
        )
    h.alinea(
        f"Deze rapportage beschrijft de migratieketen in {maand_jaar(m)}, met de stand "
        "aan het eind van de maand en de ontwikkeling ten opzichte van de vorige periode. "
        "De cijfers komen uit de leveringen van de ketenpartners die de Ketenmonitor heeft "
        "gecontroleerd tegen hun datacontract.",
        "inleiding",
    )
    h.waarschuwingen(d.bronnen.waarschuwingen())
    h.tegels(tegels)
    h.alinea(SYMBOLEN_NOOT, "klein")
    return h


def _h_instroom(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("instroom", nummer, "Instroom")
    m = d.maand
    bron = d.bronnen.regel("cbs_asielverzoeken")
    h.waarschuwingen(d.bronnen.waarschuwingen("cbs_asielverzoeken"))
    maanden = d.rows("instroom_perioden", soort="maand", van=d.van, maand=m)
    if not maanden:
        h.alinea("Er zijn geen CBS-cijfers over asielverzoeken in de verslagperiode.")
        return h
    cur = maanden[-1]
    prev = maanden[-2] if len(maanden) > 1 else None
    h.alinea(
        f"In {maand_jaar(cur['periode_start'])} vroegen {getal(cur['eerste'])} personen voor het "
        f"eerst asiel aan in Nederland{' (voorlopig cijfer)' if cur['voorlopig'] else ''}"
        + (
            f", {verandering(_rel(cur['eerste'], prev['eerste']))} ten opzichte van "
            f"{maand_jaar(prev['periode_start'])}"
            if prev
            else ""
        )
        + (
            f" en {_vpct(cur['eerste_yoy_pct'])} ten opzichte van dezelfde maand een jaar eerder"
            if cur["eerste_yoy_pct"] is not None
            else ""
        )
        + f". Daarnaast waren er {getal(cur['volgende'])} volgende asielverzoeken en kwamen "
        f"{getal(cur['nareizigers'])} nareizigers."
    )
    if cur["totaal_ytd"] is not None:
        h.alinea(
            f"Van januari tot en met {formatting.maand_naam(cur['periode_start'])} {cur['jaar']} "
            f"was de totale asielinstroom {getal(cur['totaal_ytd'])}"
            + (
                f", {_vpct(cur['totaal_ytd_yoy_pct'])} ten opzichte van dezelfde periode in "
                f"{cur['jaar'] - 1}"
                if cur["totaal_ytd_yoy_pct"] is not None
                else ""
            )
            + "."
        )
    cats = [_label_maand(r["periode_start"]) for r in maanden]
    h.figuur(
        "Asielinstroom per maand naar soort",
        charts.grafiek(
            titel="Asielinstroom per maand naar soort",
            samenvatting=(
                f"Gestapelde staven per maand van {maand_jaar(maanden[0]['periode_start'])} "
                f"tot en met {maand_jaar(cur['periode_start'])}; in de laatste maand "
                f"{getal(cur['eerste'])} eerste asielverzoeken, {getal(cur['volgende'])} volgende "
                f"en {getal(cur['nareizigers'])} nareizigers."
            ),
            categorieen=cats,
            reeksen=[
                Reeks("Eerste asielverzoeken", [r["eerste"] for r in maanden]),
                Reeks("Volgende asielverzoeken", [r["volgende"] for r in maanden]),
                Reeks("Nareizigers", [r["nareizigers"] for r in maanden]),
            ],
            gestapeld=True,
            as_label="personen",
        ),
        bron,
    )
    rijen = [
        rm.Rij(
            [
                rm.tekst(maand_jaar(r["periode_start"])),
                rm.getal(r["eerste"], symbool=_cbs_symbool(r["status"])),
                rm.getal(r["volgende"], symbool=_cbs_symbool(r["status"])),
                rm.getal(r["nareizigers"], symbool=_cbs_symbool(r["status"])),
                rm.getal(r["totaal"], symbool=_cbs_symbool(r["status"])),
                rm.getal(r["eerste_yoy_pct"], _W_VPCT),
            ]
        )
        for r in maanden
    ]
    h.tabel(
        "Asielinstroom per maand",
        [
            rm.Kolom("Maand", "l"),
            rm.Kolom("Eerste asiel­verzoeken"),
            rm.Kolom("Volgende asiel­verzoeken"),
            rm.Kolom("Nareizigers"),
            rm.Kolom("Totaal"),
            rm.Kolom("Eerste t.o.v. jaar eerder"),
        ],
        rijen,
        bron,
        eenheid="personen",
        legenda=True,
    )
    kwartalen = d.rows("instroom_perioden", soort="kwartaal", van=_months(m, -15), maand=m)
    if kwartalen:
        h.tabel(
            "Eerste asielverzoeken per kwartaal",
            [
                rm.Kolom("Kwartaal", "l"),
                rm.Kolom("Eerste asiel­verzoeken"),
                rm.Kolom("Jaar eerder"),
                rm.Kolom("Verandering"),
                rm.Kolom("Totale instroom"),
            ],
            [
                rm.Rij(
                    [
                        rm.tekst(
                            formatting.kwartaal(r["jaar"], r["periode_nummer"])
                            + ("" if r["volledig"] else f" ({r['maanden']} mnd)")
                        ),
                        rm.getal(r["eerste"], symbool=_cbs_symbool(r["status"])),
                        rm.getal(r["eerste_vj"]),
                        rm.getal(r["eerste_yoy_pct"], _W_VPCT),
                        rm.getal(r["totaal"], symbool=_cbs_symbool(r["status"])),
                    ]
                )
                for r in kwartalen
            ],
            bron,
            eenheid="personen",
            legenda=True,
            noot="Een kwartaal dat nog niet compleet is, staat met het aantal maanden erachter; "
            "de verandering wordt alleen voor complete kwartalen berekend.",
        )
    top = d.rows("instroom_nationaliteiten", perioden=cur["perioden"], top=10)
    if top:
        h.tabel(
            f"Eerste asielverzoeken naar nationaliteit, top 10, {maand_jaar(cur['periode_start'])}",
            [
                rm.Kolom("Nationaliteit", "l"),
                rm.Kolom("Eerste asiel­verzoeken"),
                rm.Kolom("Aandeel"),
                rm.Kolom("Nareizigers"),
            ],
            [
                rm.Rij(
                    [
                        rm.tekst(r["nationaliteit_naam"] or r["nationaliteit"]),
                        rm.getal(r["eerste"], symbool=_symbool(r["voorlopig"])),
                        rm.getal(r["aandeel_eerste_pct"], _W_PCT),
                        rm.getal(r["nareizigers"], symbool=_symbool(r["voorlopig"])),
                    ]
                )
                for r in top
            ],
            bron,
            eenheid="personen",
            legenda=True,
            noot="De tien nationaliteiten met de meeste eerste asielverzoeken; "
            "het aandeel is berekend op het totaal over alle nationaliteiten."
            + (
                " CBS rondt de cijfers per nationaliteit af op vijftallen; ze tellen daardoor "
                "niet exact op tot het totaal."
                if all(
                    v % 5 == 0
                    for r in top
                    for v in (r["eerste"], r["nareizigers"])
                    if v is not None
                )
                else ""
            ),
        )
    return h


def _h_opvang(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("opvang", nummer, "Opvang en doorstroom")
    m = d.maand
    bron_coa = d.bronnen.regel("coa_bezetting")
    h.waarschuwingen(
        d.bronnen.waarschuwingen("coa_bezetting", "taakstelling", "huisvesting_realisatie")
    )
    maanden = d.rows("opvang_maanden", van=d.van, maand=m)
    h.kop("Bezetting en kosten van de opvang", in_inhoud=True)
    if maanden:
        cur = maanden[-1]
        h.alinea(
            f"Eind {maand_jaar(cur['maand'])} verbleven {getal(cur['bezetting'])} mensen "
            f"in de opvang van het COA, bij een capaciteit van {getal(cur['capaciteit'])} "
            f"plaatsen (bezettingsgraad {_pct(cur['bezettingsgraad_pct'])}). Van hen waren "
            f"{getal(cur['vergunninghouders'])} vergunninghouders die wachten op huisvesting "
            f"in een gemeente. Van de bezetting zat {_pct(cur['aandeel_dure_opvang_pct'])} "
            "in dure opvang (noodopvang, crisisnoodopvang, hotels en cruiseschepen), "
            f"goed voor {_pct(cur['aandeel_kosten_dure_opvang_pct'])} van de kosten. Op jaarbasis "
            f"kost de opvang in deze samenstelling {euro_kort(cur['kosten_per_jaar'])}."
        )
        h.figuur(
            "Bezetting COA-opvang naar soort opvang en capaciteit",
            charts.grafiek(
                titel="Bezetting COA-opvang naar soort opvang en capaciteit",
                samenvatting=(
                    f"Gestapelde staven per maand van {maand_jaar(maanden[0]['maand'])} tot "
                    f"en met {maand_jaar(cur['maand'])} met de bezetting in reguliere, dure en "
                    "overige opvang en een lijn voor de capaciteit; laatste maand bezetting "
                    f"{getal(cur['bezetting'])}, waarvan {getal(cur['bezetting_dure_opvang'])} "
                    "in dure opvang."
                ),
                categorieen=[_label_maand(r["maand"]) for r in maanden],
                reeksen=[
                    Reeks("Regulier", [r["bezetting_regulier"] for r in maanden]),
                    Reeks(
                        "Doorstroomlocaties",
                        [r["bezetting_overig"] for r in maanden],
                        kleur="#8fcae7",
                    ),
                    Reeks(
                        "Dure opvang",
                        [r["bezetting_dure_opvang"] for r in maanden],
                        kleur="#e17000",
                    ),
                    Reeks(
                        "Capaciteit",
                        [r["capaciteit"] for r in maanden],
                        soort="lijn",
                        kleur="#1a1a1a",
                        gestippeld=True,
                    ),
                ],
                gestapeld=True,
                as_label="personen",
            ),
            bron_coa,
        )
        soorten = d.rows("opvang_opvangsoort", maand=cur["maand"])
        rijen = [
            rm.Rij(
                [
                    rm.tekst(
                        OPVANGSOORTEN.get(r["opvangsoort"], r["opvangsoort"])
                        + (" (dure opvang)" if r["dure_opvang"] else "")
                    ),
                    rm.getal(r["locaties"]),
                    rm.getal(r["capaciteit"]),
                    rm.getal(r["bezetting"]),
                    rm.getal(r["bezettingsgraad_pct"], _W_PCT),
                    rm.getal(r["kostprijs_per_plek_per_jaar"]),
                    rm.getal(r["kosten_per_jaar"], _W_MLN),
                ]
            )
            for r in soorten
            if r["capaciteit"] or r["bezetting"]
        ]
        rijen.append(
            rm.Rij(
                [
                    rm.tekst("Totaal"),
                    rm.getal(cur["locaties"]),
                    rm.getal(cur["capaciteit"]),
                    rm.getal(cur["bezetting"]),
                    rm.getal(cur["bezettingsgraad_pct"], _W_PCT),
                    rm.leeg(),
                    rm.getal(cur["kosten_per_jaar"], _W_MLN),
                ],
                "totaal",
            )
        )
        h.tabel(
            f"Opvang naar soort, stand eind {maand_jaar(cur['maand'])}",
            [
                rm.Kolom("Soort opvang", "l"),
                rm.Kolom("Locaties"),
                rm.Kolom("Capaciteit"),
                rm.Kolom("Bezetting"),
                rm.Kolom("Bezettings­graad"),
                rm.Kolom("Kostprijs per plek per jaar (€)"),
                rm.Kolom("Kosten op jaarbasis (€ mln)"),
            ],
            rijen,
            bron_coa,
            noot="Kosten op jaarbasis: bezetting maal kostprijs per plek per jaar (run-rate "
            "op de peildatum).",
        )
    h.kop("Huisvesting van vergunninghouders: taakstelling", in_inhoud=True)
    taak = d.rows("taakstelling_nationaal", van=_months(m, -23), maand=m)
    bron_taak = d.bronnen.regel("taakstelling", "huisvesting_realisatie")
    if taak:
        cur = taak[-1]
        h.alinea(
            f"Gemeenten moesten eind {maand_jaar(cur['maand'])} samen nog "
            f"{getal(cur['achterstand'])} vergunninghouders huisvesten die volgens de taakstelling "
            "van eerdere halfjaren al gehuisvest hadden moeten zijn (de achterstand). "
            f"Bij {getal(cur['gemeenten_met_achterstand'])} van de {getal(cur['gemeenten'])} "
            "gemeenten was er een achterstand. Inclusief de taakstelling voor het "
            f"{formatting.halfjaar(cur['periode'])} ({getal(cur['taakstelling'])}) "
            f"resteert een opgave van {getal(cur['resterende_opgave'])} vergunninghouders; "
            f"in dit halfjaar zijn er tot nu toe {getal(cur['gehuisvest_halfjaar_tm'])} gehuisvest."
        )
        h.figuur(
            "Achterstand en resterende opgave taakstelling per maand",
            charts.grafiek(
                titel="Achterstand en resterende opgave taakstelling per maand",
                samenvatting=(
                    "Staven voor de achterstand en een lijn voor de resterende opgave per maand "
                    f"van {maand_jaar(taak[0]['maand'])} tot en met {maand_jaar(cur['maand'])}; "
                    f"laatste maand achterstand {getal(cur['achterstand'])}, resterende opgave "
                    f"{getal(cur['resterende_opgave'])}."
                ),
                categorieen=[_label_maand(r["maand"]) for r in taak],
                reeksen=[
                    Reeks("Achterstand", [r["achterstand"] for r in taak]),
                    Reeks(
                        "Resterende opgave",
                        [r["resterende_opgave"] for r in taak],
                        soort="lijn",
                        kleur="#a90061",
                    ),
                ],
                as_label="vergunninghouders",
            ),
            bron_taak,
        )
        top = d.rows("taakstelling_top10", maand=cur["maand"])
        if top:
            h.tabel(
                f"Gemeenten met de grootste achterstand, eind {maand_jaar(cur['maand'])}",
                [
                    rm.Kolom("Gemeente", "l"),
                    rm.Kolom("Taakstelling halfjaar"),
                    rm.Kolom("Gehuisvest in halfjaar"),
                    rm.Kolom("Achterstand"),
                    rm.Kolom("Resterende opgave"),
                ],
                [
                    rm.Rij(
                        [
                            rm.tekst(r["gemeentenaam"]),
                            rm.getal(r["taakstelling"]),
                            rm.getal(r["gehuisvest_halfjaar_tm"]),
                            rm.getal(r["achterstand"], symbool=_symbool(r["voorlopig"])),
                            rm.getal(r["resterende_opgave"]),
                        ]
                    )
                    for r in top
                ],
                bron_taak,
                eenheid="vergunninghouders",
                noot="Achterstand: vergunninghouders uit eerdere halfjaren die nog niet zijn "
                "gehuisvest. Alle gemeenten staan in bijlage A.",
            )
    return h


def _h_ind(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("ind-afhandeling", nummer, "IND-afhandeling")
    m = d.maand
    bron = d.bronnen.regel("ind_zaken")
    h.waarschuwingen(d.bronnen.waarschuwingen("ind_zaken"))
    rows = d.rows("ind_afhandeling", van=d.van, maand=m)
    tot = [r for r in rows if r["procedure"] == "totaal"]
    if not tot:
        h.alinea("Er zijn geen IND-zaakgegevens in de verslagperiode.")
        return h
    cur = tot[-1]
    cur_m = cur["maand"]
    eerste = next(
        (r for r in rows if r["maand"] == cur_m and r["procedure"] == "asiel_eerste"), None
    )
    h.alinea(
        f"In {maand_jaar(cur_m)} ontving de IND {getal(cur['aanvragen'])} "
        f"asielaanvragen en nam zij {getal(cur['beslissingen'])} beslissingen, "
        f"waarvan {_pct(cur['inwilligingspercentage'])} een inwilliging. Eind {maand_jaar(cur_m)} "
        f"lagen er {getal(cur['voorraad'])} asielzaken zonder beslissing."
        + (
            " Een eerste asielaanvraag waarop in deze maand werd beslist, "
            "had een mediane doorlooptijd van "
            f"{formatting.aantal(eerste['doorlooptijd_mediaan_dagen'], 'dag', 'dagen')}; "
            f"{_pct(eerste['binnen_termijn_pct'])} van die beslissingen viel binnen de wettelijke "
            "termijn van zes maanden."
            if eerste and eerste["doorlooptijd_mediaan_dagen"] is not None
            else ""
        )
    )
    h.figuur(
        "Asielaanvragen en beslissingen per maand",
        charts.grafiek(
            titel="Asielaanvragen en beslissingen per maand",
            samenvatting=(
                "Staven voor aanvragen en beslissingen per maand, "
                f"van {maand_jaar(tot[0]['maand'])} tot en met {maand_jaar(cur_m)}; laatste maand "
                f"{getal(cur['aanvragen'])} aanvragen en {getal(cur['beslissingen'])} beslissingen."
            ),
            categorieen=[_label_maand(r["maand"]) for r in tot],
            reeksen=[
                Reeks("Aanvragen", [r["aanvragen"] for r in tot]),
                Reeks("Beslissingen", [r["beslissingen"] for r in tot], kleur="#8fcae7"),
            ],
            as_label="zaken",
        ),
        bron,
    )
    per_proc = [r for r in rows if r["maand"] == cur_m]
    h.tabel(
        f"Afhandeling asielzaken naar procedure, {maand_jaar(cur_m)}",
        [
            rm.Kolom("Procedure", "l", "19%"),
            rm.Kolom("Aanvragen", "r", "11%"),
            rm.Kolom("Beslissingen", "r", "12%"),
            rm.Kolom("Inwilliging", "r", "11%"),
            rm.Kolom("Voorraad", "r", "10%"),
            rm.Kolom("Mediane doorlooptijd (dagen)", "r", "13%"),
            rm.Kolom("Doorlooptijd p90 (dagen)", "r", "13%"),
            rm.Kolom("Binnen 6 maanden", "r", "11%"),
        ],
        [
            rm.Rij(
                [
                    rm.tekst(PROCEDURES.get(r["procedure"], r["procedure"])),
                    rm.getal(r["aanvragen"]),
                    rm.getal(r["beslissingen"]),
                    rm.getal(r["inwilligingspercentage"], _W_PCT),
                    rm.getal(r["voorraad"]),
                    rm.getal(r["doorlooptijd_mediaan_dagen"]),
                    rm.getal(r["doorlooptijd_p90_dagen"]),
                    rm.getal(r["binnen_termijn_pct"], _W_PCT),
                ],
                "totaal" if r["procedure"] == "totaal" else "",
            )
            for r in per_proc
        ],
        bron,
        noot=OPENBAAR_NOOT,
        legenda=True,
    )
    h.tabel(
        "Asielzaken per maand, alle procedures",
        [
            rm.Kolom("Maand", "l"),
            rm.Kolom("Aanvragen"),
            rm.Kolom("Inwilligingen"),
            rm.Kolom("Afwijzingen"),
            rm.Kolom("Intrekkingen"),
            rm.Kolom("Inwilliging"),
            rm.Kolom("Voorraad"),
        ],
        [
            rm.Rij(
                [
                    rm.tekst(maand_jaar(r["maand"])),
                    rm.getal(r["aanvragen"]),
                    rm.getal(r["inwilligingen"]),
                    rm.getal(r["afwijzingen"]),
                    rm.getal(r["intrekkingen"]),
                    rm.getal(r["inwilligingspercentage"], _W_PCT),
                    rm.getal(r["voorraad"]),
                ]
            )
            for r in tot
        ],
        bron,
        eenheid="zaken",
        noot=OPENBAAR_NOOT,
        legenda=True,
    )
    return h


VERTREKSOORTEN = {
    "zelfstandig_onder_toezicht": "Zelfstandig vertrek onder toezicht",
    "gedwongen": "Gedwongen vertrek",
    "zelfstandig_zonder_toezicht": "Zelfstandig vertrek zonder toezicht",
}


def _h_vertrek(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("vertrek", nummer, "Terugkeer en vertrek")
    m = d.maand
    bron = d.bronnen.regel("dtenv_vertrek")
    h.waarschuwingen(d.bronnen.waarschuwingen("dtenv_vertrek"))
    jaren = d.rows("vertrek_jaren", maand=m)
    maanden = d.rows("vertrek_maanden", van=d.van, maand=m)
    if maanden:
        cur = maanden[-1]
        h.alinea(
            f"Van januari tot en met {formatting.maand_naam(cur['maand'])} {cur['jaar']} "
            f"vertrokken {getal(cur['ytd_aantoonbaar'])} mensen aantoonbaar uit Nederland "
            "(zelfstandig onder toezicht of gedwongen)"
            + (
                f", {_vpct(cur['ytd_groei_pct'])} ten opzichte van dezelfde periode in "
                f"{cur['jaar'] - 1}"
                if cur["ytd_groei_pct"] is not None
                else ""
            )
            + f". Daarvan was {getal(cur['ytd_gedwongen'])} gedwongen vertrek. "
            f"Daarnaast vertrokken {getal(cur['ytd_zelfstandig_zonder_toezicht'])} mensen "
            "zelfstandig zonder toezicht."
        )
    volledige = [j for j in jaren if j["volledig"] and j["groei_aantoonbaar_pct"] is not None]
    if volledige:
        j = volledige[-1]
        drijver = (
            "gedwongen vertrek"
            if (j["groei_gedwongen"] or 0) > (j["groei_zelfstandig_onder_toezicht"] or 0)
            else "zelfstandig vertrek onder toezicht"
        )
        h.alinea(
            f"Over heel {j['jaar']} was het aantoonbaar vertrek {getal(j['aantoonbaar'])}, "
            f"{_vpct(j['groei_aantoonbaar_pct'])} ten opzichte van {j['jaar'] - 1}. "
            f"De ontwikkeling kwam vooral van {drijver}: gedwongen vertrek "
            f"{_toe_af(j['groei_gedwongen'])}, zelfstandig vertrek onder toezicht "
            f"{_toe_af(j['groei_zelfstandig_onder_toezicht'])}."
        )
    if jaren:
        h.figuur(
            "Vertrek per jaar naar soort",
            charts.grafiek(
                titel="Vertrek per jaar naar soort",
                samenvatting=(
                    f"Gestapelde staven per jaar van {jaren[0]['jaar']} tot en met "
                    f"{jaren[-1]['jaar']} (het laatste jaar tot en met "
                    f"{formatting.maand_kort(dt.date(jaren[-1]['jaar'], jaren[-1]['tm_maand'], 1))}"
                    ") voor gedwongen vertrek en zelfstandig vertrek onder en zonder toezicht."
                ),
                categorieen=[
                    str(j["jaar"])
                    + (
                        ""
                        if j["volledig"]
                        else " t/m " + formatting.maand_kort(dt.date(j["jaar"], j["tm_maand"], 1))
                    )
                    for j in jaren
                ],
                reeksen=[
                    Reeks("Gedwongen", [j["gedwongen"] for j in jaren]),
                    Reeks(
                        "Zelfstandig onder toezicht",
                        [j["zelfstandig_onder_toezicht"] for j in jaren],
                    ),
                    Reeks(
                        "Zelfstandig zonder toezicht",
                        [j["zelfstandig_zonder_toezicht"] for j in jaren],
                        kleur="#c5c5c5",
                    ),
                ],
                gestapeld=True,
                as_label="personen",
            ),
            bron,
        )
        h.tabel(
            "Vertrek per jaar",
            [
                rm.Kolom("Jaar", "l", "16%"),
                rm.Kolom("Gedwongen", "r", "12%"),
                rm.Kolom("Zelfstandig onder toezicht", "r", "14%"),
                rm.Kolom("Aantoonbaar vertrek", "r", "14%"),
                rm.Kolom("Verandering aantoonbaar", "r", "14%"),
                rm.Kolom("Aandeel gedwongen in groei", "r", "15%"),
                rm.Kolom("Zelfstandig zonder toezicht", "r", "15%"),
            ],
            [
                rm.Rij(
                    [
                        rm.tekst(
                            str(j["jaar"])
                            + (
                                ""
                                if j["volledig"]
                                else " (t/m "
                                f"{formatting.maand_kort(dt.date(j['jaar'], j['tm_maand'], 1))})"
                            )
                        ),
                        rm.getal(j["gedwongen"], symbool=_symbool(j["voorlopig"])),
                        rm.getal(j["zelfstandig_onder_toezicht"], symbool=_symbool(j["voorlopig"])),
                        rm.getal(j["aantoonbaar"], symbool=_symbool(j["voorlopig"])),
                        rm.getal(j["groei_aantoonbaar_pct"], _W_VPCT),
                        rm.getal(j["aandeel_groei_gedwongen_pct"], _W_PCT),
                        rm.getal(
                            j["zelfstandig_zonder_toezicht"], symbool=_symbool(j["voorlopig"])
                        ),
                    ]
                )
                for j in jaren
            ],
            bron,
            eenheid="personen",
            legenda=True,
            noot="Aantoonbaar vertrek = gedwongen vertrek + zelfstandig vertrek onder toezicht. "
            "Een lopend jaar wordt vergeleken met dezelfde maanden van het jaar ervoor. "
            "DTenV rondt af op tientallen.",
        )
    return h


def _taskforce_rijen(budget: Sequence[dict[str, Any]]) -> tuple[list[rm.Kolom], list[rm.Rij]]:
    jaren = [r["jaar"] for r in budget]
    kolommen = [rm.Kolom("", "l"), *(rm.Kolom(str(j)) for j in jaren)]
    regels = [
        ("BHO (hoofdstuk XVII), ODA", "bho_oda", "inspring"),
        ("BHO (hoofdstuk XVII), non-ODA", "bho_non_oda", "inspring"),
        ("AenM (hoofdstuk XX), ODA", "aenm_oda", "inspring"),
        ("AenM (hoofdstuk XX), non-ODA", "aenm_non_oda", "inspring"),
        ("Totaal taskforce", "totaal", "totaal"),
        ("waarvan ODA", "oda", "inspring"),
        ("Mutatie t.o.v. vorig jaar", "mutatie_vj", ""),
    ]
    rijen = [
        rm.Rij([rm.tekst(label), *(rm.getal(r[key], formatting.bedrag) for r in budget)], soort)
        for label, key, soort in regels
    ]
    return kolommen, rijen


def _h_taskforce(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("taskforce", nummer, "Partnerschappen en taskforce")
    bron = d.bronnen.regel("budgettaire_tabel")
    h.waarschuwingen(d.bronnen.waarschuwingen("budgettaire_tabel"))
    budget = d.rows("taskforce_budget")
    if not budget:
        h.alinea("Er zijn geen begrotingsregels van de taskforce internationale migratie geleverd.")
        return h
    piek = max(budget, key=lambda r: (r["totaal"], -r["jaar"]))
    eerste = budget[0]
    h.alinea(
        "De taskforce internationale migratie bundelt de budgetten voor migratiepartnerschappen, "
        "opvang in de regio en terugkeersamenwerking op de begrotingen van Buitenlandse "
        "Handel en Ontwikkelingshulp (BHO, hoofdstuk XVII) en Asiel en Migratie (AenM, "
        f"hoofdstuk XX). Volgens de begroting {eerste['begrotingsjaar']} loopt het budget op van "
        f"{euro_kort(eerste['totaal'] * 1000)} in {eerste['jaar']} tot "
        f"{euro_kort(piek['totaal'] * 1000)} per jaar in {piek['jaar']}."
    )
    h.figuur(
        "Opbouw budget taskforce internationale migratie",
        charts.grafiek(
            titel="Opbouw budget taskforce internationale migratie",
            samenvatting=(
                f"Gestapelde staven per jaar van {budget[0]['jaar']} tot en met "
                f"{budget[-1]['jaar']} voor BHO en AenM, in € mln; het totaal loopt op tot "
                f"{euro_kort(piek['totaal'] * 1000)} in {piek['jaar']}."
            ),
            categorieen=[str(r["jaar"]) for r in budget],
            reeksen=[
                Reeks("BHO (XVII)", [r["bho"] / 1000 for r in budget]),
                Reeks("AenM (XX)", [r["aenm"] / 1000 for r in budget]),
            ],
            gestapeld=True,
            as_label="€ mln",
        ),
        bron,
    )
    kolommen, rijen = _taskforce_rijen(budget)
    h.tabel(
        "Budget taskforce internationale migratie per jaar",
        kolommen,
        rijen,
        bron,
        eenheid=formatting.BEDRAGEN_X1000,
    )
    return h


def _h_oekraine(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("oekraine", nummer, "Oekraïense ontheemden")
    m = d.maand
    bron = d.bronnen.regel("oekraine_opvang")
    h.waarschuwingen(d.bronnen.waarschuwingen("oekraine_opvang"))
    rows = d.rows("oekraine", van=d.van, maand=m)
    if not rows:
        h.alinea(
            "Er zijn geen gegevens over de opvang van ontheemden uit Oekraïne in de verslagperiode."
        )
        return h
    cur = rows[-1]
    h.alinea(
        f"Op {datum(cur['peildatum'])} vingen gemeenten {getal(cur['bezetting'])} "
        f"ontheemden uit Oekraïne op, in {getal(cur['opvangplekken'])} opvangplekken "
        f"(bezettingsgraad {_pct(cur['bezettingsgraad_pct'])}). Bij een normbedrag van "
        f"€ {getal(cur['kostprijs_per_plek_per_dag'], 2)} per plek per dag kost dat op jaarbasis "
        f"{euro_kort(cur['kosten_per_jaar'])}. De tijdelijke bescherming onder de "
        f"Richtlijn Tijdelijke Bescherming loopt tot {datum(cur['rtb_einddatum'])}: "
        f"nog {formatting.aantal(cur['dagen_tot_einde_rtb'], 'dag', 'dagen')} na de peildatum."
    )
    h.figuur(
        "Opvangplekken en bezetting gemeentelijke opvang Oekraïense ontheemden",
        charts.grafiek(
            titel="Opvangplekken en bezetting gemeentelijke opvang Oekraïense ontheemden",
            samenvatting=(
                f"Lijnen per maand van {maand_jaar(rows[0]['maand'])} tot en met "
                f"{maand_jaar(cur['maand'])}; laatste maand {getal(cur['opvangplekken'])} plekken "
                f"en bezetting {getal(cur['bezetting'])}."
            ),
            categorieen=[_label_maand(r["maand"]) for r in rows],
            reeksen=[
                Reeks("Bezetting", [r["bezetting"] for r in rows]),
                Reeks(
                    "Opvangplekken",
                    [r["opvangplekken"] for r in rows],
                    soort="lijn",
                    kleur="#1a1a1a",
                    gestippeld=True,
                ),
            ],
            as_label="personen",
        ),
        bron,
    )
    h.tabel(
        "Gemeentelijke opvang Oekraïense ontheemden per maand",
        [
            rm.Kolom("Stand eind", "l", "20%"),
            rm.Kolom("Opvangplekken", "r", "15%"),
            rm.Kolom("Bezetting", "r", "13%"),
            rm.Kolom("Bezettingsgraad", "r", "15%"),
            rm.Kolom("Normbedrag per plek per dag (€)", "r", "18%"),
            rm.Kolom("Kosten op jaarbasis (€ mln)", "r", "19%"),
        ],
        [
            rm.Rij(
                [
                    rm.tekst(maand_jaar(r["maand"])),
                    rm.getal(r["opvangplekken"]),
                    rm.getal(r["bezetting"]),
                    rm.getal(r["bezettingsgraad_pct"], _W_PCT),
                    rm.getal(r["kostprijs_per_plek_per_dag"], _W_2),
                    rm.getal(r["kosten_per_jaar"], _W_MLN),
                ]
            )
            for r in rows[-6:]
        ],
        bron,
    )
    return h


def _h_prognose(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("prognose", nummer, "Realisatie en prognose (MPP)")
    m = d.maand
    bron = d.bronnen.regel("cbs_asielverzoeken", "mpp_prognose")
    h.waarschuwingen(d.bronnen.waarschuwingen("mpp_prognose"))
    rows = d.rows("realisatie_vs_prognose", maand=m)
    if not rows:
        h.alinea("Er is nog geen realisatie van de asielinstroom in het verslagjaar.")
        return h
    cur = rows[-1]
    jaar = cur["jaar"]
    if cur["mpp_editie"]:
        h.alinea(
            f"Tot en met {maand_jaar(cur['maand'])} was de asielinstroom "
            f"{getal(cur['instroom_ytd'])}. Doorgetrokken naar het hele jaar is dat "
            f"{getal(cur['projectie_jaareinde'])}, {POSITIE.get(cur['positie'], cur['positie'])} "
            "van de Meerjaren Productie Prognose "
            f"(editie {cur['mpp_editie']}: {getal(cur['mpp_min'])} tot {getal(cur['mpp_max'])}, "
            f"middenscenario {getal(cur['mpp_midden'])}). De projectie ligt "
            f"{_boven_onder(cur['verschil_midden_pct'])} het middenscenario."
        )
    else:
        h.alinea(f"Voor {jaar} is geen MPP-prognose van de asielinstroom geleverd.")
    maandnummers = list(range(1, 13))
    ytd = {r["maand_nummer"]: r["instroom_ytd"] for r in rows}
    laatste_nr = cur["maand_nummer"]
    projectie = [None] * 12
    for i in maandnummers:
        if i >= laatste_nr:
            projectie[i - 1] = cur["instroom_ytd"] * i / laatste_nr
    reeksen = [Reeks("Realisatie (cumulatief)", [ytd.get(i) for i in maandnummers])]
    reeksen.append(Reeks("Projectie", projectie, soort="lijn", kleur="#535353", gestippeld=True))
    if cur["mpp_editie"]:
        reeksen += [
            Reeks(
                "MPP min",
                [cur["mpp_min"] * i / 12 for i in maandnummers],
                soort="lijn",
                kleur="#8fcae7",
            ),
            Reeks(
                "MPP midden",
                [cur["mpp_midden"] * i / 12 for i in maandnummers],
                soort="lijn",
                kleur="#154273",
            ),
            Reeks(
                "MPP max",
                [cur["mpp_max"] * i / 12 for i in maandnummers],
                soort="lijn",
                kleur="#a90061",
            ),
        ]
    h.figuur(
        f"Asielinstroom {jaar} cumulatief tegen de MPP-bandbreedte",
        charts.grafiek(
            titel=f"Asielinstroom {jaar} cumulatief tegen de MPP-bandbreedte",
            samenvatting=(
                "Staven met de cumulatieve instroom per maand tot en met "
                f"{maand_jaar(cur['maand'])} ({getal(cur['instroom_ytd'])}), een lineaire "
                f"projectie naar {getal(cur['projectie_jaareinde'])} eind {jaar}"
                + (
                    " en lijnen voor het MPP-minimum, -midden en -maximum "
                    f"({getal(cur['mpp_min'])}, {getal(cur['mpp_midden'])}, "
                    f"{getal(cur['mpp_max'])}), gelijkmatig over het jaar verdeeld."
                    if cur["mpp_editie"]
                    else "."
                )
            ),
            categorieen=[formatting.maand_kort(dt.date(jaar, i, 1)) for i in maandnummers],
            reeksen=reeksen,
            as_label="personen",
        ),
        bron,
    )
    edities = d.rows("mpp_edities", maand=m)
    h.tabel(
        f"Asielinstroom {jaar}: realisatie en projectie",
        [rm.Kolom("", "l", "60%"), rm.Kolom("Personen")],
        [
            rm.Rij(
                [
                    rm.tekst(f"Realisatie januari t/m {maand_jaar(cur['maand'])}"),
                    rm.getal(cur["instroom_ytd"], symbool=_symbool(cur["voorlopig"])),
                ]
            ),
            rm.Rij(
                [
                    rm.tekst(f"Projectie jaareinde {jaar} (lineair doorgetrokken)"),
                    rm.getal(cur["projectie_jaareinde"]),
                ],
                "totaal",
            ),
        ],
        d.bronnen.regel("cbs_asielverzoeken"),
        legenda=True,
        noot="Asielinstroom = eerste asielverzoeken + volgende asielverzoeken + nareizigers (CBS).",
    )
    if edities:
        h.tabel(
            f"MPP-prognoses van de asielinstroom {jaar} per editie",
            [
                rm.Kolom("Editie MPP", "l", "28%"),
                rm.Kolom("Minimum"),
                rm.Kolom("Midden"),
                rm.Kolom("Maximum"),
                rm.Kolom("Projectie t.o.v. midden"),
            ],
            [
                rm.Rij(
                    [
                        rm.tekst(e["editie"]),
                        rm.getal(e["mpp_min"]),
                        rm.getal(e["mpp_midden"]),
                        rm.getal(e["mpp_max"]),
                        rm.getal(_rel(cur["projectie_jaareinde"], e["mpp_midden"]), verandering),
                    ],
                    "totaal" if e["editie"] == cur["mpp_editie"] else "",
                )
                for e in edities
            ],
            d.bronnen.regel("mpp_prognose"),
            eenheid="personen",
            noot="Vetgedrukt: de editie waartegen dit hoofdstuk de realisatie toetst (de laatste "
            f"met een prognose voor {jaar}).",
        )
    return h


def _h_beleidsclaims(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("beleidsclaims", nummer, "Toetsing beleidsclaims")
    claims = d.rows("beleidsclaims")
    telling = {
        s: sum(1 for c in claims if c["status"] == s)
        for s in ("bevestigd", "afwijkend", "geen data")
    }
    parameters = sum(1 for c in claims if c["soort"] == "beleidsparameter")
    h.alinea(
        "De begroting 2026 van Asiel en Migratie (paragraaf 2.1) onderbouwt haar prioriteiten "
        "met cijfers. De Ketenmonitor meet elke claim die in de data te toetsen is bij iedere run "
        "opnieuw, ongeacht de verslagmaand. Een claim is bevestigd als de gemeten waarde binnen "
        "de marge van de geclaimde waarde ligt (de halve afrondingseenheid van de begroting). "
        "Beleidsparameters, zoals termijnen, worden getoond maar niet gemeten."
    )
    h.alinea(
        f"Van de {len(claims)} claims zijn er {telling['bevestigd']} bevestigd en "
        f"{telling['afwijkend']} afwijkend; {telling['geen data']} hebben geen (voldoende) data"
        + (f", waarvan {parameters} beleidsparameters" if parameters else "")
        + "."
    )
    rijen = []
    for i, c in enumerate(claims, start=1):
        status = (c["status"] or "").strip()
        gemeten = c["gemeten"] if c["gemeten"] not in (None, "") else formatting.ONBEKEND
        rijen.append(
            rm.Rij(
                [
                    rm.tekst(str(i)),
                    rm.tekst(c["paragraaf"], klasse="afbreken"),
                    rm.tekst(f"{c['claim']} ({c['periode']})" if c["periode"] else c["claim"]),
                    rm.tekst(c["geclaimd"], "r"),
                    rm.Cel(
                        gemeten,
                        c["gemeten"] or "",
                        "r",
                        symbool=formatting.VOORLOPIG if c["voorlopig"] else "",
                    ),
                    rm.Cel(
                        status
                        + (" (beleids­parameter)" if c["soort"] == "beleidsparameter" else ""),
                        status,
                        "l",
                        "status " + status.replace(" ", "-"),
                    ),
                ]
            )
        )
    h.tabel(
        "Beleidsclaims uit de begroting 2026 en wat de data laten zien",
        [
            rm.Kolom("Nr.", "l", "4%"),
            rm.Kolom("Paragraaf", "l", "14%"),
            rm.Kolom("Claim", "l", "39%"),
            rm.Kolom("Geclaimd", "r", "13%"),
            rm.Kolom("Gemeten", "r", "13%"),
            rm.Kolom("Status", "l", "17%"),
        ],
        rijen,
        "Bron: begroting 2026 Asiel en Migratie (XX), paragraaf 2.1; metingen: "
        "zie de hoofdstukken; " + BEWERKING,
        kort=False,
        legenda=any(c["voorlopig"] for c in claims),
    )
    h.kop("Toelichting en meetwijze per claim")
    h.lijst(
        [
            f"{i}. {c['toelichting'] or ''} "
            f"{('Meetwijze: ' + c['hoe_gemeten']) if c['hoe_gemeten'] else ''}".strip()
            for i, c in enumerate(claims, start=1)
        ],
        "toelichting",
    )
    return h


KOLOM_LABELS = {
    "EersteAsielverzoekenPersonen_2": "eerste asielverzoeken",
    "VolgendeAsielverzoeken_3": "volgende asielverzoeken",
    "NareizigersPersonen_4": "nareizigers",
    "TotaalAsielverzoeken_1": "totaal asielverzoeken",
    "PeriodenStatus": "status",
}


def _h_bijstellingen(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("bijstellingen", nummer, "Bijstellingen t.o.v. vorige editie")
    m = d.maand
    _bijstellingen_editie(d, h)
    h.alinea(
        "Herleveringen. Een ketenpartner kan cijfers over een periode opnieuw leveren. "
        "De nieuwste levering telt; de vorige blijft bewaard. De tabellen hieronder tonen per "
        "bron wat een herlevering veranderde ten opzichte van de levering ervoor."
    )
    samenvatting = d.rows("bijstellingen_samenvatting", maand=m)
    if not samenvatting:
        h.alinea("Er zijn geen herleveringen: geen periode is opnieuw geleverd.")
        return h
    h.tabel(
        "Herleveringen per bron",
        [
            rm.Kolom("Bron", "l", "20%"),
            rm.Kolom("Nieuwe levering", "l", "20%"),
            rm.Kolom("Vorige levering", "l", "20%"),
            rm.Kolom("Perioden", "r", "9%"),
            rm.Kolom("Gewijzigde waarden", "r", "11%"),
            rm.Kolom("Nieuwe regels", "r", "10%"),
            rm.Kolom("Vervallen regels", "r", "10%"),
        ],
        [
            rm.Rij(
                [
                    rm.tekst(BRONNEN[r["bron"]].naam if r["bron"] in BRONNEN else r["bron"]),
                    rm.tekst(r["levering"], klasse="breek"),
                    rm.tekst(r["vorige_levering"], klasse="breek"),
                    rm.getal(r["perioden"]),
                    rm.getal(r["gewijzigd"]),
                    rm.getal(r["nieuw"]),
                    rm.getal(r["vervallen"]),
                ]
            )
            for r in samenvatting
        ],
        f"Bron: leveringenregister Ketenmonitor; {BEWERKING}",
        noot="Een gewijzigde waarde is één cel (sleutel x kolom) die in de nieuwe levering "
        "anders is dan in de vorige, inclusief wijzigingen van de status (voorlopig, "
        "nader voorlopig, definitief).",
    )
    herzien = [r for r in d.rows("opvallend", max=50) if r["rule"].endswith(".definitief_herzien")]
    if herzien:
        h.waarschuwingen(
            [
                rm.Waarschuwing(
                    r["source"],
                    BRONNEN[r["source"]].naam if r["source"] in BRONNEN else r["source"],
                    f"{r['file_name']} wijzigt {getal(r['occurrences'])} "
                    f"{'rij' if r['occurrences'] == 1 else 'rijen'} van perioden die de "
                    "bron al definitief had verklaard; de nieuwe cijfers zijn gebruikt (zie "
                    "Datakwaliteit en bronnen).",
                )
                for r in {r["delivery_id"]: r for r in herzien}.values()
            ]
        )
    cbs = d.rows("bijstellingen_instroom", van=d.van, maand=m)
    if cbs:
        rijen = []
        for r in cbs:
            rijen.append(
                rm.Rij(
                    [
                        rm.tekst(maand_jaar(r["maand"])),
                        rm.getal(r["eerste_oud"]),
                        rm.getal(r["eerste_nieuw"]),
                        rm.getal(
                            None
                            if r["eerste_oud"] is None or r["eerste_nieuw"] is None
                            else r["eerste_nieuw"] - r["eerste_oud"],
                            formatting.getal_teken,
                        ),
                        rm.getal(r["totaal_oud"]),
                        rm.getal(r["totaal_nieuw"]),
                        rm.getal(
                            None
                            if r["totaal_oud"] is None or r["totaal_nieuw"] is None
                            else r["totaal_nieuw"] - r["totaal_oud"],
                            formatting.getal_teken,
                        ),
                        rm.tekst(
                            f"{r['status_oud'].lower()} → {r['status_nieuw'].lower()}"
                            if r["status_oud"] and r["status_nieuw"]
                            else ""
                        ),
                    ]
                )
            )
        h.tabel(
            "Bijstelling asielinstroom per maand (CBS, landelijk totaal)",
            [
                rm.Kolom("Maand", "l", "16%"),
                rm.Kolom("Eerste, was", "r", "10%"),
                rm.Kolom("Eerste, nu", "r", "10%"),
                rm.Kolom("Verschil", "r", "9%"),
                rm.Kolom("Totaal, was", "r", "10%"),
                rm.Kolom("Totaal, nu", "r", "10%"),
                rm.Kolom("Verschil", "r", "9%"),
                rm.Kolom("Status", "l", "26%"),
            ],
            rijen,
            d.bronnen.regel("cbs_asielverzoeken"),
            eenheid="personen",
            noot="Een lege cel: die waarde is niet veranderd.",
        )
    overig = d.rows("bijstellingen_overig", max=25, maand=m)
    if overig:
        h.tabel(
            "Gewijzigde waarden overige bronnen (meest recente perioden)",
            [
                rm.Kolom("Bron", "l", "22%"),
                rm.Kolom("Periode", "l", "11%"),
                rm.Kolom("Regel", "l", "27%"),
                rm.Kolom("Kolom", "l", "18%"),
                rm.Kolom("Was", "r", "11%"),
                rm.Kolom("Nu", "r", "11%"),
            ],
            [
                rm.Rij(
                    [
                        rm.tekst(BRONNEN[r["bron"]].naam if r["bron"] in BRONNEN else r["bron"]),
                        rm.tekst(r["periode"]),
                        rm.tekst(r["sleutel"], klasse="breek"),
                        rm.tekst(r["kolom"] or r["soort"]),
                        rm.tekst(
                            _waarde(r["oud"])
                            if r["soort"] == "gewijzigd"
                            else ("" if r["soort"] == "nieuw" else "vervallen"),
                            "r",
                        ),
                        rm.tekst(
                            _waarde(r["nieuw"])
                            if r["soort"] == "gewijzigd"
                            else ("nieuw" if r["soort"] == "nieuw" else ""),
                            "r",
                        ),
                    ]
                )
                for r in overig
            ],
            f"Bron: leveringenregister Ketenmonitor; {BEWERKING}",
            noot="Ten hoogste 25 rijen; alle bijstellingen staan in de tabel "
            "rapportage.bijstellingen van de analistenomgeving.",
        )
    return h


def _bijstellingen_editie(d: MaandData, h: rm.Hoofdstuk) -> None:
    """The first half of the chapter: this edition's figures against
    the previous month's edition."""
    ed = d.bronnen.editie
    if ed is None:
        return
    changed, vorige = vergelijking.vergelijk(d.conn, ed)
    vorige_maand = _months(d.maand, -1)
    if vorige is None:
        h.alinea(
            f"Er is geen editie van {maand_jaar(vorige_maand)} in het archief; "
            "deze editie wordt daarom niet met een vorige vergeleken."
        )
        return
    if changed.is_empty():
        h.alinea(
            f"Ten opzichte van de editie van {maand_jaar(vorige_maand)} ({vorige.editie}) "
            "is geen van de vergeleken cijfers veranderd."
        )
        return
    aantal = (
        "is 1 gepubliceerd cijfer"
        if changed.height == 1
        else f"zijn {getal(changed.height)} gepubliceerde cijfers"
    )
    h.alinea(
        f"Ten opzichte van de editie van {maand_jaar(vorige_maand)} ({vorige.editie}) "
        f"{aantal} veranderd. De tabel toont per cijfer de oude en de nieuwe waarde en de reden; "
        "alle wijzigingen staan in rapportage.bijstellingen_editie."
    )
    rijen = [
        rm.Rij(
            [
                rm.tekst(r["figuur"]),
                rm.tekst(_periode_label(r["periode"])),
                rm.getal(r["vorige_waarde"]),
                rm.getal(r["waarde"]),
                rm.getal(r["verschil"], formatting.getal_teken),
                rm.tekst(r["reden"], klasse="breek"),
            ]
        )
        for r in changed.head(25).iter_rows(named=True)
    ]
    h.tabel(
        f"Cijfers die veranderden t.o.v. de editie van {maand_jaar(vorige_maand)}",
        [
            rm.Kolom("Cijfer", "l", "24%"),
            rm.Kolom("Periode", "l", "13%"),
            rm.Kolom("Was", "r", "10%"),
            rm.Kolom("Nu", "r", "10%"),
            rm.Kolom("Verschil", "r", "9%"),
            rm.Kolom("Reden", "l", "34%"),
        ],
        rijen,
        f"Bron: editiearchief Ketenmonitor; {BEWERKING}",
        noot="Ten hoogste 25 rijen, nieuwste perioden eerst. IND-cijfers zijn "
        "afgerond op tientallen.",
    )


def _periode_label(periode: str) -> str:
    bereik = periode_bereik(periode)
    return maand_jaar(bereik[0]) if bereik and bereik[0] == bereik[1] else periode


def _controle(source: str, rule_id: str) -> str:
    """A rule as a reader knows it: its description in the contract, without the rule id (which is
    an internal name) and without where the reference list is kept."""
    for rule in load_contract(source).rules:
        if rule.rule_id == rule_id:
            tekst = (
                re.sub(r"\s*\([^)]*(?:/|\.csv)[^)]*\)", "", rule.description).strip().rstrip(".")
            )
            return f"controle '{tekst}'"
    return "controle van het datacontract"


def _reden(f: dict[str, Any], zaakniveau: bool) -> str:
    """One finding of a rejected delivery as the report shows it. For a source on case level only
    rule, column, row and a disclosed count: its values (a zaak_id, a date) stay internal."""
    parts = [_controle(f["source"], f["rule"])]
    if f["column_name"]:
        parts.append(f"kolom '{f['column_name']}'")
    if (
        f.get("line_number") is not None
    ):  # a text file: the line an editor shows, as valideer says it
        parts.append(f"regel {f['line_number']}")
    elif f["row_number"] is not None:
        parts.append(f"rij {f['row_number']}")
    if not zaakniveau:
        if f["value"] not in (None, ""):
            parts.append(f"waarde '{f['value']}'")
        if (f["occurrences"] or 1) > 1:
            parts.append(formatting.aantal(f["occurrences"], "keer", "keer"))
        return ", ".join(parts)
    n = disclosure.round_and_suppress(f["occurrences"])
    parts.append(f"{getal(n)} keer" if n is not None else "minder dan 10 keer")
    return ", ".join(parts) + " (waarde op zaakniveau, niet getoond)"


def _controle_uitkomst(lev: Levering | None, contract_alle_data: str | None) -> str:
    """Tabel 11.1's Controles cell in a word or two: geslaagd, n waarschuwingen, or what failed."""
    if lev is None:
        return formatting.ONBEKEND
    delen = (
        [formatting.aantal(lev.warning_count, "waarschuwing", "waarschuwingen")]
        if lev.warning_count
        else []
    )
    if contract_alle_data not in (None, "geslaagd"):
        delen.append(f"alle data: {contract_alle_data}")
    return "; ".join(delen) or "geslaagd"


def _h_datakwaliteit(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("datakwaliteit", nummer, "Datakwaliteit en bronnen")
    b = d.bronnen
    h.alinea(
        "Elke levering wordt vóór het laden gecontroleerd tegen het datacontract van de bron. "
        "Een levering die een foutregel schendt, wordt als geheel afgewezen en in quarantaine "
        "bewaard; de rapportage gebruikt dan de laatste goedgekeurde gegevens en meldt dat hier. "
        "Waarschuwingsregels laten een levering door en worden geteld."
    )
    if b.ontbrekend:
        h.alinea(
            f"Deze editie is onvolledig: niet elke bron dekt {maand_jaar(b.maand)}. Het gaat om "
            + "; ".join(
                f"{st.info.naam} ({st.dekking.reden if st.dekking else 'geen gegevens'})"
                for st in b.ontbrekend
            )
            + ". Zodra deze gegevens zijn geaccepteerd, verschijnt een nieuwe editie "
            "van deze maand."
        )
    h.waarschuwingen(b.waarschuwingen())
    rijen = []
    for st in b.status.values():
        lev = st.laatste
        tm = st.gegevens_tm
        rijen.append(
            rm.Rij(
                [
                    rm.tekst(st.info.naam),
                    rm.tekst(
                        f"{lev.file_name}\n{datum(lev.datum)}" if lev else "geen levering",
                        klasse="bestand",
                    ),
                    rm.tekst(f"v{lev.contract_version}" if lev else formatting.ONBEKEND),
                    rm.getal(len(st.geaccepteerd)),
                    rm.getal(len(st.afgewezen)),
                    rm.tekst(
                        _controle_uitkomst(lev, d.controles.get(st.source) if d.controles else None)
                    ),
                    rm.tekst(_maand_kort_jaar(tm) if tm else formatting.ONBEKEND),
                    rm.Cel(
                        editie_mod.actualiteit(not st.verouderd),
                        editie_mod.actualiteit(not st.verouderd),
                        "l",
                        "verouderd" if st.verouderd else "",
                    ),
                ]
            )
        )
    h.tabel(
        "Leveringen per bron",
        [
            rm.Kolom("Bron", "l", "19%"),
            rm.Kolom("Laatste geaccepteerde levering", "l", "26%"),
            rm.Kolom("Contract", "l", "8%"),
            rm.Kolom("Geaccep\u00adteerd", "r", "9%"),
            rm.Kolom("Afge\u00adwezen", "r", "8%"),
            rm.Kolom("Controles", "l", "10%"),
            rm.Kolom("Gegevens t/m", "l", "10%"),
            rm.Kolom("Actualiteit", "l", "10%"),
        ],
        rijen,
        f"Bron: leveringenregister Ketenmonitor; {BEWERKING}",
        kort=False,
        klein=True,
        noot="Controles: de laatste levering tegen het datacontract van de bron en, "
        "bij het inlezen, het contract over alle geladen gegevens van de bron; "
        "waarschuwingen laten een levering door. Actueel: de gegevens reiken tot en "
        "met de verslagmaand (halfjaar- en jaarbronnen: de periode waarin die valt; MPP: "
        "een editie van ten hoogste twaalf maanden oud).",
    )
    afgewezen = [lev for st in b.status.values() for lev in st.afgewezen]
    if afgewezen:
        bevindingen = d.rows("bevindingen", max_per_levering=5)
        per_levering: dict[int, list[dict[str, Any]]] = {}
        for f in bevindingen:
            per_levering.setdefault(f["delivery_id"], []).append(f)
        rijen = []
        for lev in afgewezen:
            zaakniveau = lev.source in case_level_sources()
            redenen = per_levering.get(lev.delivery_id, [])
            reden_tekst = "; ".join(_reden(f, zaakniveau) for f in redenen) or (
                "zie het interne leveringenregister"
                if zaakniveau
                else (lev.reasons or "").replace("\n", "; ")
            )
            rijen.append(
                rm.Rij(
                    [
                        rm.tekst(BRONNEN[lev.source].naam),
                        rm.tekst(lev.file_name, klasse="breek"),
                        rm.tekst(datum(lev.datum)),
                        rm.getal(
                            disclosure.round_and_suppress(lev.error_count)
                            if zaakniveau
                            else lev.error_count
                        ),
                        rm.tekst(reden_tekst, klasse="breek"),
                    ]
                )
            )
        h.tabel(
            "Afgewezen leveringen en de redenen",
            [
                rm.Kolom("Bron", "l", "17%"),
                rm.Kolom("Bestand", "l", "20%"),
                rm.Kolom("Datum", "l", "12%"),
                rm.Kolom("Fouten", "r", "7%"),
                rm.Kolom("Redenen (ten hoogste vijf per levering)", "l", "44%"),
            ],
            rijen,
            f"Bron: leveringenregister en quarantaine Ketenmonitor; {BEWERKING}",
            kort=False,
        )
    else:
        h.alinea("Er zijn geen leveringen afgewezen.")
    opvallend = d.rows("opvallend", max=15)
    if opvallend:
        h.tabel(
            "Opvallende geaccepteerde leveringen",
            [
                rm.Kolom("Bron", "l", "17%"),
                rm.Kolom("Bestand", "l", "20%"),
                rm.Kolom("Melding", "l", "63%"),
            ],
            [
                rm.Rij(
                    [
                        rm.tekst(
                            BRONNEN[r["source"]].naam if r["source"] in BRONNEN else r["source"]
                        ),
                        rm.tekst(r["file_name"], klasse="breek"),
                        rm.tekst(_opvallend(r), klasse="breek"),
                    ]
                )
                for r in opvallend
            ],
            f"Bron: leveringenregister Ketenmonitor; {BEWERKING}",
            kort=False,
            noot="Geladen, maar opvallend ten opzichte van de eigen geschiedenis van de bron, een "
            "herziening van een definitieve periode, of een levering die ouder is dan de huidige. "
            "Ten hoogste 15 meldingen, nieuwste eerst.",
        )
    return h


def _opvallend(r: dict[str, Any]) -> str:
    """A warning of an accepted delivery as the report shows it: the explanation in brackets,
    without the file name that has its own column. Case-level sources:
    rule and disclosed count only."""
    if r["source"] in case_level_sources():
        n = disclosure.round_and_suppress(r["occurrences"])
        return f"regel {r['rule']}, {getal(n) + ' keer' if n is not None else 'minder dan 10 keer'}"
    text = r["message"]
    start, end = text.find("("), text.rfind(")")
    return text[start + 1 : end] if 0 <= start < end else text


def _h_bijlage_taakstelling(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk(
        "bijlage-taakstelling", nummer, "Taakstelling per gemeente", kopnummer=f"Bijlage {nummer}"
    )
    rows = d.rows("taakstelling_gemeenten", maand=d.maand)
    bron = d.bronnen.regel("taakstelling", "huisvesting_realisatie")
    if not rows:
        h.alinea("Er zijn geen taakstellingsgegevens voor de verslagmaand.")
        return h
    periode = rows[0]["periode"]
    h.alinea(
        f"Per gemeente de taakstelling voor het {formatting.halfjaar(periode)}, "
        "het saldo uit eerdere halfjaren, het aantal vergunninghouders dat in dit halfjaar tot "
        f"en met {maand_jaar(d.maand)} is gehuisvest, de achterstand en de resterende opgave. "
        "Een negatief saldo is een voorsprong uit eerdere halfjaren."
    )
    rijen = [
        rm.Rij(
            [
                rm.tekst(r["gemeentenaam"]),
                rm.tekst(r["gemeentecode"]),
                rm.getal(r["taakstelling"] if r["taakstelling_bekend"] else None),
                rm.getal(r["saldo_begin"]),
                rm.getal(r["gehuisvest_halfjaar_tm"]),
                rm.getal(r["achterstand"], symbool=_symbool(r["voorlopig"])),
                rm.getal(r["resterende_opgave"]),
            ]
        )
        for r in rows
    ]
    rijen.append(
        rm.Rij(
            [
                rm.tekst(f"Totaal ({formatting.aantal(len(rows), 'gemeente', 'gemeenten')})"),
                rm.leeg(),
                rm.getal(sum(r["taakstelling"] for r in rows if r["taakstelling_bekend"])),
                rm.getal(sum(r["saldo_begin"] for r in rows)),
                rm.getal(sum(r["gehuisvest_halfjaar_tm"] for r in rows)),
                rm.getal(sum(r["achterstand"] for r in rows)),
                rm.getal(sum(r["resterende_opgave"] for r in rows)),
            ],
            "totaal",
        )
    )
    h.tabel(
        f"Taakstelling, achterstand en resterende opgave per gemeente, eind {maand_jaar(d.maand)}",
        [
            rm.Kolom("Gemeente", "l", "25%"),
            rm.Kolom("Code", "l", "10%"),
            rm.Kolom("Taakstelling halfjaar", "r", "13%"),
            rm.Kolom("Saldo vorige halfjaren", "r", "13%"),
            rm.Kolom("Gehuisvest in halfjaar", "r", "13%"),
            rm.Kolom("Achterstand", "r", "13%"),
            rm.Kolom("Resterende opgave", "r", "13%"),
        ],
        rijen,
        bron,
        eenheid="vergunninghouders",
        lang=True,
        kort=False,
        legenda=True,
    )
    return h


def _h_colofon(b: Bronnen, nummer: str, document: str, titel: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk(
        "colofon",
        nummer,
        "Verantwoording en colofon",
        klasse="colofon",
        kopnummer=f"Bijlage {nummer}",
    )
    h.gegevens(
        [
            ("Titel", titel),
            ("Uitgave", organisatie()),
            ("Verslagmaand", maand_jaar(b.maand)),
            ("Partitie", b.maand.strftime("%Y-%m")),
            ("Editie", b.editie_id),
            ("Volledigheid", volledigheid(b, document)),
            ("Versie programmatuur", code_version()),
            ("Opgemaakt", _opgemaakt(b)),
        ]
    )
    h.alinea(
        "De editie is een hash van de invoer (de sha256 van elke levering waarop deze uitgave "
        "berust) en de versie van de programmatuur. Dezelfde invoer en programmatuur geven "
        "dezelfde editie en een bytegelijk document. De Dagster-run waarin het document is "
        "gemaakt, staat in het runlogboek en in de analistenomgeving.",
        "klein",
    )
    rijen = []
    for source in DOCUMENT_BRONNEN[document]:
        st = b.status[source]
        levs = st.geaccepteerd + st.afgewezen
        rijen.append(
            rm.Rij(
                [
                    rm.tekst(st.info.naam),
                    rm.getal(len(levs)),
                    rm.tekst(st.laatste.file_name if st.laatste else "geen", klasse="breek"),
                    rm.tekst(st.laatste.sha256 if st.laatste else "", klasse="hash"),
                    rm.tekst(invoer_hash(levs) if levs else "", klasse="hash"),
                ]
            )
        )
    h.tabel(
        "Invoer van deze editie",
        [
            rm.Kolom("Bron", "l", "21%"),
            rm.Kolom("Leve­ringen", "r", "9%"),
            rm.Kolom("Laatste levering", "l", "20%"),
            rm.Kolom("sha256 laatste levering", "l", "25%"),
            rm.Kolom("sha256 over alle leveringen", "l", "25%"),
        ],
        rijen,
        f"Bron: leveringenregister Ketenmonitor; {BEWERKING}",
        kort=False,
        noot="sha256 over alle leveringen: de hash van de gesorteerde sha256-waarden van alle "
        "leveringen van de bron (geaccepteerd en afgewezen) die deze editie gebruikt.",
    )
    h.alinea(
        "Lettertype: Inter (SIL Open Font License 1.1). Symbolen: * voorlopig cijfer, "
        "** nader voorlopig cijfer, . cijfer onbekend, onvoldoende betrouwbaar of niet getoond. "
        "Bedragen in tabellen zijn, tenzij anders vermeld, in duizenden euro's. Cijfers uit "
        "zaakgegevens zijn afgerond op tientallen; aantallen onder 10 zijn niet getoond.",
        "klein",
    )
    return h


def maandrapportage(
    conn: duckdb.DuckDBPyConnection, maand: dt.date, controles: Mapping[str, str] | None = None
) -> Rapport:
    """The Maandrapportage Migratieketen of `maand` (first day of the month). `controles`: per
    source the outcome of its blocking contract check,
    when the caller knows it (the Dagster asset does)."""
    maand = maand.replace(day=1)
    b = bronnen(conn, maand)
    d = MaandData(conn, maand, b, controles)
    builders: list[Callable[[MaandData, str], rm.Hoofdstuk]] = [
        _h_kerncijfers,
        _h_instroom,
        _h_opvang,
        _h_ind,
        _h_vertrek,
        _h_taskforce,
        _h_oekraine,
        _h_prognose,
        _h_beleidsclaims,
        _h_bijstellingen,
        _h_datakwaliteit,
    ]
    hoofdstukken = [build(d, str(i)) for i, build in enumerate(builders, start=1)]
    hoofdstukken.append(_h_bijlage_taakstelling(d, "A"))
    titel = f"Maandrapportage Migratieketen — {maand_jaar(maand)}"
    hoofdstukken.append(_h_colofon(b, "B", "maandrapportage", titel))
    return _rapport(
        "maandrapportage.html.j2",
        "maandrapportage",
        titel,
        "Ketenmonitor Asiel en Migratie",
        "Maandelijkse rapportage over instroom, opvang, afhandeling en vertrek in de "
        f"migratieketen, {maand_jaar(maand)}.",
        ["migratieketen", "asiel", "opvang", "ketenmonitor", maand.strftime("%Y-%m")],
        b,
        hoofdstukken,
    )


# --------------------------------------------------------------------------- Begrotingsbijlage

HOOFDSTUK_AENM = "XX"
JAAR_KOLOMMEN = ("t_min2", "t_min1", "t0", "t_plus1", "t_plus2", "t_plus3", "t_plus4")


def _h_budgettaire_gevolgen(
    conn: duckdb.DuckDBPyConnection, b: Bronnen, nummer: str
) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("budgettaire-gevolgen", nummer, "Budgettaire gevolgen van beleid")
    bron = b.regel("budgettaire_tabel")
    h.waarschuwingen(b.waarschuwingen("budgettaire_tabel"))
    jaar_rij = _rows(conn, "begroting_jaar", hoofdstuk=HOOFDSTUK_AENM, maand=b.maand)
    begrotingsjaar = jaar_rij[0]["begrotingsjaar"] if jaar_rij else None
    if begrotingsjaar is None:
        h.alinea("Er is geen budgettaire tabel van hoofdstuk XX geleverd.")
        return h
    regels = _rows(
        conn, "begroting_regels", hoofdstuk=HOOFDSTUK_AENM, begrotingsjaar=begrotingsjaar
    )
    h.alinea(
        "De tabellen hieronder volgen model 1.33d van de Rijksbegrotingsvoorschriften: "
        f"per artikel van de begroting {begrotingsjaar} van Asiel en Migratie (hoofdstuk XX) "
        "de verplichtingen, de uitgaven per artikelonderdeel, financieel instrument en regeling, "
        f"en de ontvangsten, voor de jaren {begrotingsjaar - 2} tot en met {begrotingsjaar + 4}. "
        "Verplichtingen, uitgaven en ontvangsten worden nooit bij elkaar opgeteld."
    )
    artikelen: dict[int, list[dict[str, Any]]] = {}
    for r in regels:
        artikelen.setdefault(r["artikel"], []).append(r)
    kolommen = [
        rm.Kolom("", "l", "30%"),
        *(rm.Kolom(str(begrotingsjaar + o), "r", "10%") for o in range(-2, 5)),
    ]
    for artikel, rows in artikelen.items():
        naam = rows[0]["artikelnaam"]
        h.kop(f"Artikel {artikel} {naam}", id=f"artikel-{artikel}", in_inhoud=True)
        rijen = []
        for r in rows:
            soort = {
                "totaal": "totaal",
                "artikelonderdeel": "subtotaal",
                "instrument": "inspring",
                "regeling": "inspring2",
            }.get(r["niveau"], "")
            if r["niveau"] == "totaal" and r["vuo"] == "U":
                soort = "totaal"
            rijen.append(
                rm.Rij(
                    [
                        rm.tekst(r["omschrijving"]),
                        *(
                            rm.getal(r[k], formatting.bedrag, symbool=_symbool(r["voorlopig"]))
                            for k in JAAR_KOLOMMEN
                        ),
                    ],
                    soort,
                )
            )
        h.tabel(
            f"Budgettaire gevolgen van beleid artikel {artikel} {naam}",
            kolommen,
            rijen,
            bron,
            eenheid=formatting.BEDRAGEN_X1000,
            kort=len(rijen) <= 30,
            noot="Vetgedrukt: verplichtingen, uitgaven en ontvangsten van het artikel; "
            "daaronder per artikelonderdeel (subtotaal), instrument en regeling.",
        )
    return h


def _h_begrotingsstaten(conn: duckdb.DuckDBPyConnection, b: Bronnen, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("begrotingsstaten", nummer, "Begrotingsstaten: realisatie en begroting")
    bron = b.regel("rijksfinancien_begrotingsstaten")
    h.waarschuwingen(b.waarschuwingen("rijksfinancien_begrotingsstaten"))
    jaar_rij = _rows(conn, "begrotingsstaten_jaar", hoofdstuk=HOOFDSTUK_AENM, maand=b.maand)
    jaar = jaar_rij[0]["begrotingsjaar"] if jaar_rij else None
    if jaar is None:
        h.alinea("Er zijn nog geen begrotingsstaten met realisatie van hoofdstuk XX geleverd.")
    else:
        staten = _rows(conn, "begrotingsstaten", hoofdstuk=HOOFDSTUK_AENM, begrotingsjaar=jaar)
        u = [r for r in staten if r["vuo"] == "U"]
        tot_real = sum(r["realisatie"] or 0 for r in u)
        tot_vast = sum(r["vastgesteld"] or 0 for r in u)
        h.alinea(
            f"In {jaar} gaf Asiel en Migratie {euro_kort(tot_real * 1000)} uit, "
            f"tegen {euro_kort(tot_vast * 1000)} in de vastgestelde begroting: een verschil van "
            f"{euro_kort((tot_real - tot_vast) * 1000)} ({verandering(_rel(tot_real, tot_vast))}). "
            "De tabel volgt de opbouw van de begrotingsstaat in het jaarverslag (model 3.22d): "
            "per artikel de standen van de begroting, de realisatie en het verschil met de "
            "vastgestelde begroting."
        )
        rijen = []
        for soort_code, soort_label in (
            ("V", "Verplichtingen"),
            ("U", "Uitgaven"),
            ("O", "Ontvangsten"),
        ):
            rows = [r for r in staten if r["vuo"] == soort_code]
            if not rows:
                continue
            rijen.append(rm.Rij([rm.tekst(soort_label), *(rm.leeg() for _ in range(7))], "groep"))
            for r in rows:
                rijen.append(
                    rm.Rij(
                        [
                            rm.tekst(f"{r['artikelnummer']} {r['artikel']}"),
                            rm.getal(r["ontwerp"], formatting.bedrag),
                            rm.getal(r["vastgesteld"], formatting.bedrag),
                            rm.getal(r["eerste_suppletoire"], formatting.bedrag),
                            rm.getal(r["tweede_suppletoire"], formatting.bedrag),
                            rm.getal(r["realisatie"], formatting.bedrag),
                            rm.getal(r["verschil"], formatting.bedrag),
                            rm.getal(r["verschil_pct"], _W_VPCT),
                        ],
                        "inspring",
                    )
                )

            def _som(key: str, rows: list[dict[str, Any]] = rows) -> int | None:
                values = [r[key] for r in rows]
                return None if any(v is None for v in values) else sum(values)

            som_vast, som_real = _som("vastgesteld"), _som("realisatie")
            rijen.append(
                rm.Rij(
                    [
                        rm.tekst(f"Totaal {soort_label.lower()}"),
                        rm.getal(_som("ontwerp"), formatting.bedrag),
                        rm.getal(som_vast, formatting.bedrag),
                        rm.getal(_som("eerste_suppletoire"), formatting.bedrag),
                        rm.getal(_som("tweede_suppletoire"), formatting.bedrag),
                        rm.getal(som_real, formatting.bedrag),
                        rm.getal(
                            None if som_vast is None or som_real is None else som_real - som_vast,
                            formatting.bedrag,
                        ),
                        rm.getal(
                            None
                            if not som_vast or som_real is None
                            else 100.0 * (som_real - som_vast) / som_vast,
                            _W_VPCT,
                        ),
                    ],
                    "totaal",
                )
            )
        h.tabel(
            f"Begrotingsstaat hoofdstuk XX Asiel en Migratie {jaar}",
            [
                rm.Kolom("Artikel", "l", "24%"),
                rm.Kolom("Ontwerp­begroting", "r", "11%"),
                rm.Kolom("Vastgestelde begroting", "r", "11%"),
                rm.Kolom("1e supple­toire", "r", "11%"),
                rm.Kolom("2e supple­toire", "r", "11%"),
                rm.Kolom("Realisatie", "r", "11%"),
                rm.Kolom("Verschil", "r", "11%"),
                rm.Kolom("Verschil %", "r", "10%"),
            ],
            rijen,
            bron,
            eenheid=formatting.BEDRAGEN_X1000,
            kort=False,
            klein=True,
            noot="Verschil = realisatie min vastgestelde begroting. Een . betekent: "
            "(nog) niet bekend.",
        )
    reeks = _rows(conn, "begrotingsstaten_reeks", artikel=37, maand=b.maand)
    if reeks:
        h.kop("Artikel 37 Migratie over de jaren", in_inhoud=True)
        h.alinea(
            "Tot en met 2024 was migratie artikel 37 van de begroting van Justitie en Veiligheid "
            "(hoofdstuk VI); sinds 2025 is het artikel 37 van de begroting Asiel en Migratie "
            "(hoofdstuk XX)."
        )
        laatste = max((i for i, r in enumerate(reeks) if r["realisatie"] is not None), default=None)
        gerealiseerd = reeks[: laatste + 1] if laatste is not None else []
        if gerealiseerd:
            h.figuur(
                "Uitgaven artikel 37 Migratie: vastgestelde begroting en realisatie",
                charts.grafiek(
                    titel="Uitgaven artikel 37 Migratie: vastgestelde begroting en realisatie",
                    samenvatting=(
                        "Staven voor de realisatie en een lijn voor de vastgestelde "
                        f"begroting per jaar van {gerealiseerd[0]['begrotingsjaar']} "
                        f"tot en met {gerealiseerd[-1]['begrotingsjaar']}, in € mln; "
                        f"realisatie {gerealiseerd[-1]['begrotingsjaar']}: "
                        f"{euro_kort(gerealiseerd[-1]['realisatie'] * 1000)}"
                        + (
                            f"""; geen realisatie bekend voor {
                                ", ".join(
                                    str(r["begrotingsjaar"])
                                    for r in gerealiseerd
                                    if r["realisatie"] is None
                                )
                            }"""
                            if any(r["realisatie"] is None for r in gerealiseerd)
                            else ""
                        )
                        + "."
                    ),
                    categorieen=[str(r["begrotingsjaar"]) for r in gerealiseerd],
                    reeksen=[
                        Reeks(
                            "Realisatie",
                            [
                                None if r["realisatie"] is None else r["realisatie"] / 1000
                                for r in gerealiseerd
                            ],
                        ),
                        Reeks(
                            "Vastgestelde begroting",
                            [
                                None if r["vastgesteld"] is None else r["vastgesteld"] / 1000
                                for r in gerealiseerd
                            ],
                            soort="lijn",
                            kleur="#a90061",
                        ),
                    ],
                    as_label="€ mln",
                ),
                bron,
            )
        h.tabel(
            "Uitgaven artikel 37 Migratie per jaar",
            [
                rm.Kolom("Jaar", "l"),
                rm.Kolom("Hoofdstuk", "l"),
                rm.Kolom("Ontwerp­begroting"),
                rm.Kolom("Vastgestelde begroting"),
                rm.Kolom("Realisatie"),
                rm.Kolom("Verschil"),
                rm.Kolom("Verschil %"),
            ],
            [
                rm.Rij(
                    [
                        rm.tekst(str(r["begrotingsjaar"])),
                        rm.tekst(r["begrotingsnummer"]),
                        rm.getal(r["ontwerp"], formatting.bedrag),
                        rm.getal(r["vastgesteld"], formatting.bedrag),
                        rm.getal(r["realisatie"], formatting.bedrag),
                        rm.getal(r["verschil"], formatting.bedrag),
                        rm.getal(r["verschil_pct"], _W_VPCT),
                    ]
                )
                for r in reeks
            ],
            bron,
            eenheid=formatting.BEDRAGEN_X1000,
            kort=False,
        )
    return h


def _h_taskforce_bijlage(conn: duckdb.DuckDBPyConnection, b: Bronnen, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("taskforce-budget", nummer, "Taskforce internationale migratie")
    bron = b.regel("budgettaire_tabel")
    budget = _rows(conn, "taskforce_budget")
    if not budget:
        h.alinea("Er zijn geen begrotingsregels van de taskforce geleverd.")
        return h
    piek = max(budget, key=lambda r: (r["totaal"], -r["jaar"]))
    h.alinea(
        "Het kabinet bouwt het budget voor de taskforce internationale migratie "
        f"op tot {euro_kort(piek['totaal'] * 1000)} per jaar in {piek['jaar']}. "
        "De middelen staan op de begrotingen van BHO (hoofdstuk XVII) en Asiel en Migratie "
        "(hoofdstuk XX) en zijn deels ODA (official development assistance)."
    )
    h.figuur(
        "Opbouw budget taskforce naar begroting en ODA",
        charts.grafiek(
            titel="Opbouw budget taskforce naar begroting en ODA",
            samenvatting=(
                f"Gestapelde staven per jaar van {budget[0]['jaar']} tot en met "
                f"{budget[-1]['jaar']} in € mln voor BHO ODA, AenM ODA en AenM non-ODA; "
                f"het totaal loopt op tot {euro_kort(piek['totaal'] * 1000)} in {piek['jaar']}."
            ),
            categorieen=[str(r["jaar"]) for r in budget],
            reeksen=[
                Reeks("BHO ODA", [r["bho_oda"] / 1000 for r in budget]),
                Reeks("BHO non-ODA", [r["bho_non_oda"] / 1000 for r in budget], kleur="#8fcae7"),
                Reeks("AenM ODA", [r["aenm_oda"] / 1000 for r in budget], kleur="#007bc7"),
                Reeks("AenM non-ODA", [r["aenm_non_oda"] / 1000 for r in budget], kleur="#e17000"),
            ],
            gestapeld=True,
            as_label="€ mln",
        ),
        bron,
    )
    kolommen, rijen = _taskforce_rijen(budget)
    h.tabel("Budget taskforce per jaar", kolommen, rijen, bron, eenheid=formatting.BEDRAGEN_X1000)
    regelingen = _rows(conn, "taskforce_regelingen")
    jaren = sorted({r["jaar"] for r in regelingen})
    per_regel: dict[tuple[str, str, str], dict[int, Any]] = {}
    for r in regelingen:
        key = (r["begroting"], r["artikelonderdeel"], r["regeling"] or r["instrument"])
        per_regel.setdefault(key, {})[r["jaar"]] = r["bedrag"]
    h.tabel(
        "Taskforce: regelingen per begroting",
        [rm.Kolom("Regeling", "l"), *(rm.Kolom(str(j)) for j in jaren)],
        [
            rm.Rij(
                [
                    rm.tekst(f"{begroting} {onderdeel} {regeling}"),
                    *(rm.getal(bedragen.get(j, 0), formatting.bedrag) for j in jaren),
                ]
            )
            for (begroting, onderdeel, regeling), bedragen in per_regel.items()
        ],
        bron,
        eenheid=formatting.BEDRAGEN_X1000,
        noot="Uitgaven van de regelingen die de Ketenmonitor tot de taskforce rekent "
        "(referentielijst taskforce-regelingen).",
    )
    return h


def begrotingsbijlage(conn: duckdb.DuckDBPyConnection, maand: dt.date) -> Rapport:
    """The Begrotingsbijlage of `maand`: budgettaire gevolgen per artikel,
    begrotingsstaten, taskforce."""
    maand = maand.replace(day=1)
    b = bronnen(conn, maand)
    hoofdstukken = [
        _h_budgettaire_gevolgen(conn, b, "1"),
        _h_begrotingsstaten(conn, b, "2"),
        _h_taskforce_bijlage(conn, b, "3"),
    ]
    titel = f"Begrotingsbijlage Asiel en Migratie — {maand_jaar(maand)}"
    hoofdstukken.append(_h_colofon(b, "A", "begrotingsbijlage", titel))
    return _rapport(
        "begrotingsbijlage.html.j2",
        "begrotingsbijlage",
        titel,
        "Ketenmonitor Asiel en Migratie",
        "Budgettaire gevolgen van beleid, begrotingsstaten en taskforce van hoofdstuk XX Asiel en "
        f"Migratie, {maand_jaar(maand)}.",
        ["begroting", "asiel en migratie", "hoofdstuk XX", "ketenmonitor", maand.strftime("%Y-%m")],
        b,
        hoofdstukken,
    )


# --------------------------------------------------------------------------- rendering

DOCUMENTEN: dict[str, Callable[..., Rapport]] = {
    "maandrapportage": maandrapportage,
    "begrotingsbijlage": begrotingsbijlage,
}


def uitvoer_paden(
    document: str, maand: dt.date, out_dir: Path | None = None, *, per_maand: bool = True
) -> tuple[Path, Path]:
    """<out_dir>/<yyyy-mm>/<document>-<yyyy-mm>.pdf (without the month folder if not `per_maand`)
    and its HTML twin beside it; the workbook goes beside them too (`werkboek_pad`)."""
    if document not in DOCUMENTEN:
        raise KeyError(f"onbekend document {document!r}")
    folder = out_dir or paths.reports_output_dir()
    if per_maand:
        folder = folder / f"{maand:%Y-%m}"
    stem = f"{document}-{maand:%Y-%m}"
    return folder / f"{stem}.pdf", folder / f"{stem}.html"


def werkboek_pad(pdf_path: Path) -> Path:
    """The workbook of a report: <document>-<yyyy-mm>.xlsx beside its PDF."""
    return pdf_path.with_suffix(".xlsx")


def render_rapport(
    rapport: Rapport,
    pdf_path: Path,
    html_path: Path,
    *,
    variant: str | None = None,
    logger: Any = None,
) -> RenderedReport:
    """Render a built report to its PDF (variant from the setting unless given), HTML twin and,
    beside the PDF, the workbook of its tables. The workbook is made first, so a table it cannot
    hold stops the render before anything is written."""
    variant = variant or pdf_variant()
    xlsx = rapport.werkboek_bytes()
    result = render_report(
        rapport.template,
        rapport.context,
        pdf_path=pdf_path,
        html_path=html_path,
        created=rapport.created,
        identifier=rapport.identifier,
        variant=variant,
        attachments=rapport.attachments if variant == "pdf/a-3a" else (),
        logger=logger,
    )
    xlsx_path = werkboek_pad(pdf_path)
    write_atomic(xlsx_path, xlsx)
    return replace(result, werkboek=xlsx_path)


def maak_document(
    conn: duckdb.DuckDBPyConnection,
    document: str,
    maand: dt.date,
    *,
    out_dir: Path | None = None,
    variant: str | None = None,
    logger: Any = None,
) -> RenderedReport:
    """Build and render one document of `maand` from the warehouse behind `conn`."""
    rapport = DOCUMENTEN[document](conn, maand.replace(day=1))
    pdf_path, html_path = uitvoer_paden(document, maand, out_dir)
    return render_rapport(rapport, pdf_path, html_path, variant=variant, logger=logger)
