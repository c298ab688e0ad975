"""Begrotingsbijlage, chapter budgettaire_gevolgen."""

from __future__ import annotations

from typing import Any

import duckdb

from pipelines.lib import (
    formatting,
)
from pipelines.lib import report_model as rm
from pipelines.lib.reports.bronnen import (
    Bronnen,
    sql_rijen,
)
from pipelines.lib.reports.tekst import (
    voorlopig_symbool,
)

HOOFDSTUK_AENM = "XX"


JAAR_KOLOMMEN = ("t_min2", "t_min1", "t0", "t_plus1", "t_plus2", "t_plus3", "t_plus4")


def hoofdstuk(conn: duckdb.DuckDBPyConnection, b: Bronnen, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("budgettaire-gevolgen", nummer, "Budgettaire gevolgen van beleid")
    bron = b.regel("budgettaire_tabel")
    h.waarschuwingen(b.waarschuwingen("budgettaire_tabel"))
    jaar_rij = sql_rijen(conn, "begroting_jaar", hoofdstuk=HOOFDSTUK_AENM, maand=b.maand)
    begrotingsjaar = jaar_rij[0]["begrotingsjaar"] if jaar_rij else None
    if begrotingsjaar is None:
        h.alinea("Er is geen budgettaire tabel van hoofdstuk XX geleverd.")
        return h
    regels = sql_rijen(
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
                            rm.getal(
                                r[k], formatting.bedrag, symbool=voorlopig_symbool(r["voorlopig"])
                            )
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
