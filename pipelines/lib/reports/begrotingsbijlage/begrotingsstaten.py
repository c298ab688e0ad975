"""Begrotingsbijlage, chapter begrotingsstaten."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from pipelines.lib import (
    formatting,
)
from pipelines.lib import report_model as rm
from pipelines.lib.reports.begrotingsbijlage.budgettaire_gevolgen import HOOFDSTUK_AENM
from pipelines.lib.reports.bronnen import (
    Bronnen,
    sql_rijen,
)
from pipelines.lib.reports.hoofdstuk import cel, uit_sjabloon
from pipelines.lib.reports.tekst import relatieve_verandering

BEDRAGEN = ("ontwerp", "vastgesteld", "eerste_suppletoire", "tweede_suppletoire", "realisatie")


def _som(rows: Sequence[dict[str, Any]], key: str) -> int | None:
    values = [r[key] for r in rows]
    return None if any(v is None for v in values) else sum(values)


def staat_rijen(
    staten: Sequence[dict[str, Any]],
    kolommen: Sequence[rm.Kolom],
    soorten: Sequence[tuple[str, str, str]],
) -> list[rm.Rij]:
    """The rows of the begrotingsstaat in the declared columns `kolommen` (the first one the
    field `label`): per kind (code, heading, total label) of `soorten` that has articles a
    heading row, a row per article and the total row."""
    rijen = []
    for code, kop, totaal in soorten:
        rows = [r for r in staten if r["vuo"] == code]
        if not rows:
            continue
        rijen.append(rm.Rij([rm.tekst(kop), *(rm.leeg() for _ in kolommen[1:])], "groep"))
        for r in rows:
            rij = {**r, "label": f"{r['artikelnummer']} {r['artikel']}"}
            rijen.append(rm.Rij([cel(k, rij) for k in kolommen], "inspring"))
        som = {"label": totaal} | {key: _som(rows, key) for key in BEDRAGEN}
        vast, real = som["vastgesteld"], som["realisatie"]
        som["verschil"] = None if vast is None or real is None else real - vast
        som["verschil_pct"] = None if not vast or real is None else 100.0 * (real - vast) / vast
        rijen.append(rm.Rij([cel(k, som) for k in kolommen], "totaal"))
    return rijen


def hoofdstuk(conn: duckdb.DuckDBPyConnection, b: Bronnen, nummer: str) -> rm.Hoofdstuk:
    jaar_rij = sql_rijen(conn, "begrotingsstaten_jaar", hoofdstuk=HOOFDSTUK_AENM, maand=b.maand)
    jaar = jaar_rij[0]["begrotingsjaar"] if jaar_rij else None
    gegevens: dict[str, Any] = {"jaar": jaar}
    if jaar is not None:
        staten = sql_rijen(conn, "begrotingsstaten", hoofdstuk=HOOFDSTUK_AENM, begrotingsjaar=jaar)
        u = [r for r in staten if r["vuo"] == "U"]
        realisatie = sum(r["realisatie"] or 0 for r in u)
        vastgesteld = sum(r["vastgesteld"] or 0 for r in u)
        gegevens |= {
            "staten": staten,
            "realisatie": realisatie,
            "vastgesteld": vastgesteld,
            "relatief": relatieve_verandering(realisatie, vastgesteld),
            "staat_rijen": staat_rijen,
        }
    reeks = sql_rijen(conn, "begrotingsstaten_reeks", artikel=37, maand=b.maand)
    laatste = max((i for i, r in enumerate(reeks) if r["realisatie"] is not None), default=None)
    gerealiseerd = reeks[: laatste + 1] if laatste is not None else []
    return uit_sjabloon(
        "begrotingsbijlage/02_begrotingsstaten.html.j2",
        rm.Hoofdstuk("begrotingsstaten", nummer, "Begrotingsstaten: realisatie en begroting"),
        bron=b.regel("rijksfinancien_begrotingsstaten"),
        waarschuwingen_bron=b.waarschuwingen("rijksfinancien_begrotingsstaten"),
        eenheid=formatting.BEDRAGEN_X1000,
        jaren=reeks,
        gerealiseerd=gerealiseerd,
        **gegevens,
    )
