"""Editions: which reporting month may be published, what it rests on, and whether it is complete.

An edition is one reporting month, the accepted deliveries it rests on and the code version.
Everything here is read from the deliveries register (`meta.deliveries`), never from files in
the landing folder, so a month is decided after ingestion and never from files that were then
rejected.

- A delivery is an *input* of the edition of month M when one of its periods starts on or before
  M (a backfill of an old month does not rest on later deliveries).
- A source *covers* M according to its contract's `reportingCadence`: a monthly source through
  the month (less `coverageLagMonths`, CBS publishes a month in the middle of the next), the
  taakstelling through the half-year, budget sources through the budget year, the MPP with an
  edition of at most twelve months old.
- M is *reportable* when at least one monthly source has accepted data for M itself; it is
  *volledig* when every source covers it, otherwise *onvolledig*, naming the missing sources.

Plain Python on a DuckDB connection: the Dagster assets, the CLI, the reports and the tests use it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import duckdb

from pipelines.lib import archief
from pipelines.lib.contracts import SOURCES, Contract, load_contract
from pipelines.lib.perioden import (
    add_months,
    is_month_period,
    month_start,
    periode_bereik,
)
from pipelines.lib.versioning import code_version

FIRST_MONTH = dt.date(2022, 1, 1)  # the first partition of the series
MPP_MAX_AGE_MONTHS = 12


class NietRapporteerbaar(Exception):
    """The month cannot be published; the message says why, in Dutch, and what to do."""


# --------------------------------------------------------------------------- deliveries


@dataclass(frozen=True)
class Levering:
    delivery_id: int
    source: str
    file_name: str
    sha256: str
    received_at: dt.datetime
    status: str
    row_count: int
    periods: tuple[str, ...]
    contract_version: str
    error_count: int
    warning_count: int
    reasons: str | None

    @property
    def datum(self) -> dt.date:
        """The delivery's own date: the date in its file name when it has one (the date the chain
        partner put on it, e.g. 83102NED_2026-11-12.json), else the day the pipeline first saw it
        (the rule staging orders revisions by: pipelines.lib.landingsmap.delivery_date)."""
        from pipelines.lib.landingsmap import delivery_date

        return delivery_date(self.file_name, self.received_at.date())

    @property
    def bereik(self) -> tuple[dt.date, dt.date] | None:
        ranges = [r for p in self.periods if (r := periode_bereik(p)) is not None]
        if not ranges:
            return None
        return min(r[0] for r in ranges), max(r[1] for r in ranges)

    def voor_maand(self, maand: dt.date) -> bool:
        """Part of the edition of `maand`: a period that starts on or before it. A rejected
        delivery whose periods could not be read belongs to every edition (it is shown)."""
        b = self.bereik
        if b is None:
            return self.status == "rejected"
        return b[0] <= maand


_LEVERINGEN_SQL = """
    select delivery_id, source, file_name, sha256, received_at, status, row_count, periods,
           contract_version, error_count, warning_count, reasons
    from meta.deliveries order by source, delivery_id
"""


def leveringen(conn: duckdb.DuckDBPyConnection) -> list[Levering]:
    """Every registered delivery, per source in the order they were registered."""
    try:
        rows = conn.execute(_LEVERINGEN_SQL).fetchall()
    except duckdb.CatalogException:  # a warehouse without a register yet
        return []
    return [
        Levering(
            r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(r[7] or ()), r[8], r[9], r[10], r[11]
        )
        for r in rows
    ]


# --------------------------------------------------------------------------- coverage


@dataclass(frozen=True)
class Dekking:
    """How one source covers one reporting month."""

    source: str
    naam: str
    cadans: str
    maand: dt.date
    gegevens_tm: dt.date | None  # the last month its accepted data (as of this edition) reach
    gedekt: bool
    heeft_maand: bool  # accepted data for the month itself (monthly sources)

    @property
    def maandbron(self) -> bool:
        return self.cadans == "maand"

    @property
    def reden(self) -> str:
        """Why the source does not cover the month (Dutch), or '' when it does."""
        if self.gedekt:
            return ""
        if self.gegevens_tm is None:
            return "nog geen geaccepteerde levering"
        from pipelines.lib.formatting import maand_jaar

        wat = {
            "maand": "maandgegevens",
            "halfjaar": "de taakstelling",
            "jaar": "de begroting",
            "editie": "een MPP-editie",
        }[self.cadans]
        return f"{wat} tot en met {maand_jaar(self.gegevens_tm)}"


ACTUEEL = "actueel"
VEROUDERD = "verouderd"


def actualiteit(gedekt: bool) -> str:
    """The one word for a source's staleness, wherever it is shown (status, the datakwaliteit
    chapter, the snapshot's `actueel` column): `actueel` when it covers the reporting month as
    its cadence requires (`dekking`), else `verouderd`."""
    return ACTUEEL if gedekt else VEROUDERD


def _months_of(levs: Iterable[Levering], maand: dt.date) -> list[tuple[dt.date, dt.date]]:
    return [
        r
        for lev in levs
        for p in lev.periods
        if (r := periode_bereik(p)) is not None and r[0] <= maand
    ]


def dekking(contract: Contract, levs: Sequence[Levering], maand: dt.date) -> Dekking:
    """Coverage of `maand` by the source's accepted deliveries, as its cadence requires."""
    accepted = [lev for lev in levs if lev.status == "accepted"]
    ranges = _months_of(accepted, maand)
    gegevens_tm = max((r[1] for r in ranges), default=None)
    heeft_maand = False
    if contract.cadence == "maand":
        months = {
            r[0]
            for lev in accepted
            for p in lev.periods
            if is_month_period(p) and (r := periode_bereik(p)) is not None
        }
        heeft_maand = maand in months
        gegevens_tm = max((m for m in months if m <= maand), default=None)
        gedekt = gegevens_tm is not None and gegevens_tm >= add_months(
            maand, -contract.coverage_lag_months
        )
    elif contract.cadence == "editie":
        editions = [r[0] for r in ranges]
        gegevens_tm = max(editions, default=None)
        gedekt = gegevens_tm is not None and gegevens_tm > add_months(maand, -MPP_MAX_AGE_MONTHS)
    else:  # halfjaar, jaar: a delivered period contains the month
        gedekt = any(r[0] <= maand <= r[1] for r in ranges)
    return Dekking(
        contract.source,
        contract.display_name,
        contract.cadence,
        maand,
        gegevens_tm,
        gedekt,
        heeft_maand,
    )


# --------------------------------------------------------------------------- the edition


def zet_maand(conn: duckdb.DuckDBPyConnection, maand: dt.date | str) -> None:
    """Set the edition month for the `editie.*` views (sql/editie/) on this connection."""
    conn.execute("set variable editie_maand = $maand", {"maand": month_start(maand)})


def edition_id(maand: dt.date, code: str, inputs: str) -> str:
    """`<yyyy-mm>-<12 hex>`: the same month, code and deliveries give the same edition."""
    digest = hashlib.sha256(f"{maand:%Y-%m}|{code}|{inputs}".encode()).hexdigest()[:12]
    return f"{maand:%Y-%m}-{digest}"


def invoer_hash(levs: Iterable[Levering]) -> str:
    """SHA-256 over the sorted `<source>:<status>:<sha256>` of the deliveries
    an edition rests on."""
    lines = sorted(f"{lev.source}:{lev.status}:{lev.sha256}" for lev in levs)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@dataclass(frozen=True)
class Editie:
    maand: dt.date
    id: str
    code_versie: str
    invoer_sha256: str
    dekking: dict[str, Dekking]
    invoer: tuple[Levering, ...]  # accepted deliveries the figures rest on
    afgewezen: tuple[Levering, ...]  # rejected deliveries the edition reports on
    alle: tuple[Levering, ...] = field(repr=False, default=())
    vorige_editie: str | None = (
        None  # the archived edition of the month before, which it is compared with
    )

    @property
    def rapporteerbaar(self) -> bool:
        return any(d.maandbron and d.heeft_maand for d in self.dekking.values())

    @property
    def ontbrekend(self) -> list[Dekking]:
        return [d for d in self.dekking.values() if not d.gedekt]

    @property
    def volledig(self) -> bool:
        return not self.ontbrekend

    @property
    def status(self) -> str:
        return "volledig" if self.volledig else "onvolledig"

    def invoer_van(self, source: str) -> list[Levering]:
        return [lev for lev in self.invoer if lev.source == source]

    def afgewezen_van(self, source: str) -> list[Levering]:
        return [lev for lev in self.afgewezen if lev.source == source]

    def weiger_als_niet_rapporteerbaar(self) -> None:
        if not self.rapporteerbaar:
            raise NietRapporteerbaar(niet_rapporteerbaar_tekst(self))


def bepaal(
    conn: duckdb.DuckDBPyConnection, maand: dt.date | str, alle: Sequence[Levering] | None = None
) -> Editie:
    """The edition of `maand` from the register as it is now."""
    maand = month_start(maand)
    alle = list(leveringen(conn) if alle is None else alle)
    mine = [lev for lev in alle if lev.voor_maand(maand)]
    invoer = tuple(lev for lev in mine if lev.status == "accepted")
    afgewezen = tuple(lev for lev in mine if lev.status == "rejected")
    dek = {
        s: dekking(load_contract(s), [lev for lev in invoer if lev.source == s], maand)
        for s in SOURCES
    }
    code = code_version()
    inputs = invoer_hash(invoer + afgewezen)
    # The bijstellingen chapter compares with the previous month's edition: it is part of what the
    # edition rests on, so a backfill of that month gives this month a new edition on its next run.
    vorige = archief.maand_editie(f"{add_months(maand, -1):%Y-%m}")
    eid = edition_id(maand, code, f"{inputs}|vorige:{vorige or '-'}")
    return Editie(maand, eid, code, inputs, dek, invoer, afgewezen, tuple(alle), vorige)


def laatste_volledige_maand(
    conn: duckdb.DuckDBPyConnection, tot: dt.date
) -> tuple[dt.date | None, list[Editie]]:
    """The latest month (at most `tot`) that every monthly source covers, and the later reportable
    months up to `tot` that are only partly covered (with their missing sources)."""
    alle = leveringen(conn)
    later: list[Editie] = []
    m = month_start(tot)
    while m >= FIRST_MONTH:
        ed = bepaal(conn, m, alle)
        monthly_missing = [d for d in ed.ontbrekend if d.maandbron]
        if ed.rapporteerbaar and not monthly_missing:
            return m, list(reversed(later))
        if ed.rapporteerbaar:
            later.append(ed)
        m = add_months(m, -1)
    return None, list(reversed(later))


def controleer_maand(maand: dt.date, laatste: dt.date) -> str | None:
    """A Dutch refusal for a month outside the series (before 2022-01 or after
    the last complete month)."""
    from pipelines.lib.formatting import maand_jaar

    if maand < FIRST_MONTH:
        return (
            f"Maand {maand:%Y-%m} ligt voor het begin van de reeks ({FIRST_MONTH:%Y-%m}); "
            f"kies een maand van {FIRST_MONTH:%Y-%m} tot en met {laatste:%Y-%m}."
        )
    if maand > laatste:
        return (
            f"Maand {maand:%Y-%m} ({maand_jaar(maand)}) is nog niet voorbij of ligt in de "
            f"toekomst; de laatste maand die gerapporteerd kan worden is {laatste:%Y-%m}."
        )
    return None


def niet_rapporteerbaar_tekst(ed: Editie) -> str:
    from pipelines.lib.formatting import maand_jaar

    maandbronnen = [d for d in ed.dekking.values() if d.maandbron]
    stand = "; ".join(f"{d.naam}: {d.reden or 'gedekt'}" for d in maandbronnen)
    return (
        f"Maand {ed.maand:%Y-%m} ({maand_jaar(ed.maand)}) is niet rapporteerbaar: geen enkele "
        f"maandbron heeft geaccepteerde gegevens over deze maand ({stand}). Er is niets "
        "gepubliceerd. Lever de maandgegevens aan in de landingsmap of kies een eerdere maand."
    )


def ontbrekend_tekst(ed: Editie) -> str:
    """'COA, bezetting opvang (maandgegevens tot en met september 2026); ...'"""
    return "; ".join(f"{d.naam} ({d.reden})" for d in ed.ontbrekend)
