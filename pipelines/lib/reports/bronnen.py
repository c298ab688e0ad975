"""The deliveries a document rests on, per source: what it shows, how current, the source line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from pipelines.lib import (
    catalogus,
    sqlfiles,
)
from pipelines.lib import editie as editie_mod
from pipelines.lib import report_model as rm
from pipelines.lib.catalogus import BRONNEN, BronInfo
from pipelines.lib.contracts import case_level_sources, load_contract
from pipelines.lib.editie import Levering
from pipelines.lib.perioden import add_months
from pipelines.lib.reports.zinnen import zin
from pipelines.lib.versioning import code_version

TIMEZONE = dt.timezone(dt.timedelta(hours=1))  # CET: metadata dates are fixed, never "now"


BEWERKING = "bewerking Ketenmonitor"


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
        delen = []
        for s in sources:
            st = self.status[s]
            delen.append(zin("bron_deel", st.info.naam, st.laatste.datum if st.laatste else None))
        return zin("bronregel", delen, BEWERKING)

    def waarschuwingen(self, *sources: str) -> list[rm.Waarschuwing]:
        out = []
        for s in sources or tuple(self.status):
            st = self.status[s]
            if not st.verouderd:
                continue
            tm = st.gegevens_tm
            text = zin("verouderd", tm, self.maand)
            if (rej := st.laatste_afgewezen_na_acceptatie) is not None:
                first = (
                    (rej.reasons or "").splitlines()[0]
                    if rej.reasons and s not in case_level_sources()
                    else zin("afgewezen_zie")
                )
                text += " " + zin("afgewezen", rej.file_name, rej.datum, first)
            out.append(rm.Waarschuwing(s, st.info.naam, text))
        return out


def sql_rijen(conn: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict[str, Any]]:
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


def volledigheid(b: Bronnen, document: str) -> str:
    """'volledig', or 'onvolledig: ontbreekt ...' naming the document's sources that do
    not cover the month."""
    missing = [st for st in b.ontbrekend if st.source in catalogus.DOCUMENTEN[document].bronnen]
    return zin(
        "volledigheid",
        [
            zin("ontbrekende_bron", st.info.naam, st.dekking.reden if st.dekking else None)
            for st in missing
        ],
    )


def onvolledig_omslag(b: Bronnen, document: str) -> str | None:
    """The cover's notice of an onvolledig edition: which sources are missing and what
    that means."""
    missing = [st for st in b.ontbrekend if st.source in catalogus.DOCUMENTEN[document].bronnen]
    if not missing:
        return None
    return zin("onvolledig_omslag", b.maand, [st.info.naam for st in missing], document)


def aangemaakt(maand: dt.date, leveringen: Sequence[Levering] = ()) -> dt.datetime:
    """The edition's own date, printed as "Opgemaakt" and set as the PDF's creation date: the day of
    the newest delivery the edition rests on (accepted or rejected), and never before the first day
    after the month. It follows from the inputs alone, so the same inputs give the same document,
    and it never stands before a delivery the document cites."""
    dag = max([add_months(maand, 1), *(lev.datum for lev in leveringen)])
    return dt.datetime.combine(dag, dt.time(0, 0), TIMEZONE)


def opgemaakt(b: Bronnen) -> str:
    dag = aangemaakt(b.maand, editie_leveringen(b)).date()
    return zin("opgemaakt", dag, dag == add_months(b.maand, 1))


def editie_leveringen(b: Bronnen) -> list[Levering]:
    """The deliveries an edition rests on and reports on."""
    if b.editie is not None:
        return [*b.editie.invoer, *b.editie.afgewezen]
    return [lev for st in b.status.values() for lev in st.geaccepteerd + st.afgewezen]
