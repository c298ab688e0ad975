"""Bijstellingen t.o.v. vorige editie: this edition's published figures against the previous month's
edition as archived, per figure: what changed, by how much, and why.

The previous edition is read from its archived snapshot (`edities/<jjjj-mm>/ketenmonitor.duckdb`,
attached read-only); this edition's figures from the kpi tables exactly as they are published
(disclosed IND counts, rows up to the month). Only periods both editions hold are compared. Why a
figure changed:
- `bijgestelde levering`: a delivery of the figure's source that the previous edition did not rest
  on holds that period (a revision);
- `andere codeversie`: no such delivery, but the code version differs (a definition or
  calculation changed);
- `nieuwe brongegevens`: new deliveries of the source for other periods changed a derived figure
  (a stock or backlog that carries over).
Identifiers in the generated SQL come from the constants below only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import polars as pl

from pipelines.lib import archief
from pipelines.lib.editie import Editie
from pipelines.lib.perioden import add_months, periode_bereik

ALIAS = "vorige_editie"


@dataclass(frozen=True)
class Figuur:
    naam: str  # as printed
    tabel: str  # the published table (rapportage.<tabel>)
    bron: str  # the kpi relation it is published from
    bronnen: tuple[str, ...]  # the sources it rests on
    periode: str  # column holding the period (a date column or a CBS code)
    waarde: str
    filter: str = "true"
    eenheid: str = "personen"


FIGUREN: tuple[Figuur, ...] = (
    Figuur(
        "Eerste asielverzoeken",
        "instroom",
        "instroom",
        ("cbs_asielverzoeken",),
        "perioden",
        "eerste",
        "periode_soort = 'maand'",
    ),
    Figuur(
        "Asielverzoeken en nareizigers",
        "instroom",
        "instroom",
        ("cbs_asielverzoeken",),
        "perioden",
        "totaal",
        "periode_soort = 'maand'",
    ),
    Figuur("Bezetting COA-opvang", "opvang", "opvang", ("coa_bezetting",), "maand", "bezetting"),
    Figuur(
        "Capaciteit COA-opvang",
        "opvang",
        "opvang",
        ("coa_bezetting",),
        "maand",
        "capaciteit",
        eenheid="plekken",
    ),
    Figuur(
        "Achterstand huisvesting vergunninghouders",
        "taakstelling_achterstand_nationaal",
        "taakstelling_achterstand_nationaal",
        ("taakstelling", "huisvesting_realisatie"),
        "maand",
        "achterstand",
    ),
    Figuur("Aantoonbaar vertrek", "vertrek", "vertrek", ("dtenv_vertrek",), "maand", "aantoonbaar"),
    Figuur(
        "IND-beslissingen (afgerond)",
        "ind_afhandeling",
        "ind_afhandeling_openbaar",
        ("ind_zaken",),
        "maand",
        "beslissingen",
        "procedure = 'totaal'",
        "zaken",
    ),
    Figuur(
        "IND-voorraad (afgerond)",
        "ind_afhandeling",
        "ind_afhandeling_openbaar",
        ("ind_zaken",),
        "maand",
        "voorraad",
        "procedure = 'totaal'",
        "zaken",
    ),
    Figuur(
        "Bezetting opvang Oekraïne",
        "oekraine",
        "oekraine",
        ("oekraine_opvang",),
        "maand",
        "bezetting",
    ),
)

SCHEMA = {
    "figuur": pl.Utf8,
    "periode": pl.Utf8,
    "eenheid": pl.Utf8,
    "vorige_waarde": pl.Float64,
    "waarde": pl.Float64,
    "verschil": pl.Float64,
    "reden": pl.Utf8,
    "vorige_editie": pl.Utf8,
}


def leeg() -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMA)


def _periode_expr(f: Figuur) -> str:
    return f"strftime({f.periode}, '%Y-%m')" if f.periode != "perioden" else "perioden"


def _select(f: Figuur, relation: str) -> str:
    return (
        f"select {_periode_expr(f)} as periode, cast({f.waarde} as double) as waarde "
        f"from {relation} where {f.filter}"
    )


@dataclass(frozen=True)
class Vorige:
    maand: str
    editie: str
    codeversie: str
    invoer: frozenset[str]  # sha256 of the deliveries it rested on


def vorige_editie(ed: Editie) -> Vorige | None:
    """The archived edition of the month before, or None when there is none."""
    maand = f"{add_months(ed.maand, -1):%Y-%m}"
    snapshot = archief.snapshot_van(maand)
    if archief.maand_editie(maand) is None or not snapshot.is_file():
        return None
    with duckdb.connect(str(snapshot), read_only=True) as conn:
        editie, code, files = conn.execute(
            "select editie, codeversie, [b.sha256 for b in bronbestanden] "
            "from rapportage.publicatie"
        ).fetchall()[0]
    return Vorige(maand, editie, code, frozenset(files))


def _month_of(periode: str) -> dt.date | None:
    bereik = periode_bereik(periode)
    return bereik[0] if bereik else None


def vergelijk(conn: duckdb.DuckDBPyConnection, ed: Editie) -> tuple[pl.DataFrame, Vorige | None]:
    """The figures that differ from the previous edition, with the reason;
    (empty, None) without one."""
    vorige = vorige_editie(ed)
    if vorige is None:
        return leeg(), None
    new = [lev for lev in ed.invoer if lev.sha256 not in vorige.invoer]
    snapshot = str(archief.snapshot_van(vorige.maand)).replace("'", "''")
    conn.execute(f"attach '{snapshot}' as {ALIAS} (read_only)")
    rows: list[dict] = []
    try:
        for f in FIGUREN:
            now = {p: v for p, v in conn.execute(_select(f, f"kpi.{f.bron}")).fetchall()}
            before = {
                p: v
                for p, v in conn.execute(_select(f, f"{ALIAS}.rapportage.{f.tabel}")).fetchall()
            }
            for periode in sorted(set(now) & set(before), reverse=True):
                old, cur = before[periode], now[periode]
                if old == cur or (old is not None and cur is not None and abs(old - cur) < 1e-9):
                    continue
                rows.append(
                    {
                        "figuur": f.naam,
                        "periode": periode,
                        "eenheid": f.eenheid,
                        "vorige_waarde": old,
                        "waarde": cur,
                        "verschil": None if old is None or cur is None else cur - old,
                        "reden": _reden(f, periode, new, ed.code_versie, vorige.codeversie),
                        "vorige_editie": vorige.editie,
                    }
                )
    finally:
        conn.execute(f"detach {ALIAS}")
    return (pl.DataFrame(rows, schema=SCHEMA) if rows else leeg()), vorige


def _reden(f: Figuur, periode: str, new: list, code: str, vorige_code: str) -> str:
    from pipelines.lib.formatting import datum

    month = _month_of(periode)
    mine = [lev for lev in new if lev.source in f.bronnen]
    revised = [lev for lev in mine if month and (b := lev.bereik) and b[0] <= month <= b[1]]
    if revised:
        return "bijgestelde levering: " + ", ".join(
            f"{lev.file_name} ({datum(lev.datum)})" for lev in revised
        )
    if code != vorige_code:
        return f"andere codeversie ({vorige_code} → {code}): definitie of berekening gewijzigd"
    if mine:
        return (
            "nieuwe brongegevens: "
            + ", ".join(lev.file_name for lev in mine[:3])
            + (f" en {len(mine) - 3} meer" if len(mine) > 3 else "")
        )
    return "herberekend uit dezelfde leveringen"
