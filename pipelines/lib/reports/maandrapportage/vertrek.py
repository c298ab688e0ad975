"""Maandrapportage, chapter vertrek."""

from __future__ import annotations

import datetime as dt

from pipelines.lib import report_model as rm
from pipelines.lib.reports.hoofdstuk import MaandData, uit_sjabloon
from pipelines.lib.reports.tekst import voorlopig_symbool


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    jaren = [
        j
        | {
            "tm": dt.date(j["jaar"], j["tm_maand"], 1),
            "symbool": voorlopig_symbool(j["voorlopig"]),
        }
        for j in d.rows("vertrek_jaren", maand=d.maand)
    ]
    maanden = d.rows("vertrek_maanden", van=d.van, maand=d.maand)
    volledige = [j for j in jaren if j["volledig"] and j["groei_aantoonbaar_pct"] is not None]
    return uit_sjabloon(
        "maandrapportage/05_vertrek.html.j2",
        rm.Hoofdstuk("vertrek", nummer, "Terugkeer en vertrek"),
        bron=d.bronnen.regel("dtenv_vertrek"),
        waarschuwingen_bron=d.bronnen.waarschuwingen("dtenv_vertrek"),
        jaren=jaren,
        cur=maanden[-1] if maanden else None,
        volledig=volledige[-1] if volledige else None,
    )
