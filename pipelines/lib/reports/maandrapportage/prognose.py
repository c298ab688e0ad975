"""Maandrapportage, chapter prognose."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipelines.lib import formatting
from pipelines.lib import report_model as rm
from pipelines.lib.charts import Reeks
from pipelines.lib.reports.hoofdstuk import MaandData, uit_sjabloon
from pipelines.lib.reports.tekst import (
    POSITIE,
    boven_onder,
    relatieve_verandering,
    voorlopig_symbool,
)


def reeksen(cur: dict[str, Any], rows: list[dict[str, Any]]) -> list[Reeks]:
    """The realisation up to the latest month as bars, its linear projection to the year's end
    and, with an MPP edition, its minimum, middle and maximum spread evenly over the year."""
    maandnummers = range(1, 13)
    ytd = {r["maand_nummer"]: r["instroom_ytd"] for r in rows}
    laatste_nr = cur["maand_nummer"]
    projectie = [
        cur["instroom_ytd"] * i / laatste_nr if i >= laatste_nr else None for i in maandnummers
    ]
    out = [
        Reeks("Realisatie (cumulatief)", [ytd.get(i) for i in maandnummers]),
        Reeks("Projectie", projectie, soort="lijn", kleur="donkergrijs", gestippeld=True),
    ]
    if cur["mpp_editie"]:
        for label, key, kleur in (
            ("MPP min", "mpp_min", "lichtblauw"),
            ("MPP midden", "mpp_midden", "donkerblauw"),
            ("MPP max", "mpp_max", "robijnrood"),
        ):
            out.append(
                Reeks(label, [cur[key] * i / 12 for i in maandnummers], soort="lijn", kleur=kleur)
            )
    return out


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    m = d.maand
    rows = d.rows("realisatie_vs_prognose", maand=m)
    gegevens: dict[str, Any] = {"rows": rows}
    if rows:
        cur = rows[-1]
        jaar = cur["jaar"]
        gegevens |= {
            "cur": cur | {"symbool": voorlopig_symbool(cur["voorlopig"])},
            "jaar": jaar,
            "positie": POSITIE.get(cur["positie"], cur["positie"]),
            "boven_onder": boven_onder(cur["verschil_midden_pct"]),
            "lijnen": {
                "categorieen": [formatting.maand_kort(dt.date(jaar, i, 1)) for i in range(1, 13)],
                "reeksen": reeksen(cur, rows),
            },
            "edities": [
                e
                | {
                    "projectie_midden": relatieve_verandering(
                        cur["projectie_jaareinde"], e["mpp_midden"]
                    ),
                    "soort": "totaal" if e["editie"] == cur["mpp_editie"] else "",
                }
                for e in d.rows("mpp_edities", maand=m)
            ],
        }
    return uit_sjabloon(
        "maandrapportage/08_prognose.html.j2",
        rm.Hoofdstuk("prognose", nummer, "Realisatie en prognose (MPP)"),
        bron=d.bronnen.regel("cbs_asielverzoeken", "mpp_prognose"),
        bron_cbs=d.bronnen.regel("cbs_asielverzoeken"),
        bron_mpp=d.bronnen.regel("mpp_prognose"),
        waarschuwingen_bron=d.bronnen.waarschuwingen("mpp_prognose"),
        **gegevens,
    )
