"""Maandrapportage, chapter instroom."""

from __future__ import annotations

from typing import Any

from pipelines.lib import report_model as rm
from pipelines.lib.perioden import add_months
from pipelines.lib.reports.hoofdstuk import MaandData, uit_sjabloon
from pipelines.lib.reports.tekst import (
    cbs_symbool,
    relatieve_verandering,
    voorlopig_symbool,
)


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    m = d.maand
    maanden = [
        r | {"symbool": cbs_symbool(r["status"])}
        for r in d.rows("instroom_perioden", soort="maand", van=d.van, maand=m)
    ]
    gegevens: dict[str, Any] = {"maanden": maanden}
    if maanden:
        cur = maanden[-1]
        prev = maanden[-2] if len(maanden) > 1 else None
        top = [
            r | {"symbool": voorlopig_symbool(r["voorlopig"])}
            for r in d.rows("instroom_nationaliteiten", perioden=cur["perioden"], top=10)
        ]
        gegevens |= {
            "cur": cur,
            "prev": prev,
            "verandering_vorige": relatieve_verandering(cur["eerste"], prev["eerste"])
            if prev
            else None,
            "kwartalen": [
                r | {"symbool": cbs_symbool(r["status"])}
                for r in d.rows(
                    "instroom_perioden", soort="kwartaal", van=add_months(m, -15), maand=m
                )
            ],
            "top": top,
            # CBS rounds the figures per nationality to fives: then they do not add up exactly
            "vijftallen": all(
                v % 5 == 0 for r in top for v in (r["eerste"], r["nareizigers"]) if v is not None
            ),
        }
    return uit_sjabloon(
        "maandrapportage/02_instroom.html.j2",
        rm.Hoofdstuk("instroom", nummer, "Instroom"),
        bron=d.bronnen.regel("cbs_asielverzoeken"),
        waarschuwingen_bron=d.bronnen.waarschuwingen("cbs_asielverzoeken"),
        **gegevens,
    )
