"""Begrotingsbijlage, chapter budgettaire_gevolgen."""

from __future__ import annotations

import duckdb

from pipelines.lib import (
    formatting,
)
from pipelines.lib import report_model as rm
from pipelines.lib.reports.bronnen import (
    Bronnen,
    sql_rijen,
)
from pipelines.lib.reports.hoofdstuk import uit_sjabloon

HOOFDSTUK_AENM = "XX"


def hoofdstuk(conn: duckdb.DuckDBPyConnection, b: Bronnen, nummer: str) -> rm.Hoofdstuk:
    jaar_rij = sql_rijen(conn, "begroting_jaar", hoofdstuk=HOOFDSTUK_AENM, maand=b.maand)
    begrotingsjaar = jaar_rij[0]["begrotingsjaar"] if jaar_rij else None
    regels = (
        sql_rijen(conn, "begroting_regels", hoofdstuk=HOOFDSTUK_AENM, begrotingsjaar=begrotingsjaar)
        if begrotingsjaar is not None
        else []
    )
    return uit_sjabloon(
        "begrotingsbijlage/01_budgettaire_gevolgen.html.j2",
        rm.Hoofdstuk("budgettaire-gevolgen", nummer, "Budgettaire gevolgen van beleid"),
        begrotingsjaar=begrotingsjaar,
        regels=regels,
        bron=b.regel("budgettaire_tabel"),
        waarschuwingen_bron=b.waarschuwingen("budgettaire_tabel"),
        eenheid=formatting.BEDRAGEN_X1000,
    )
