"""Maandrapportage, chapter oekraine."""

from __future__ import annotations

from typing import Any

from pipelines.lib import report_model as rm
from pipelines.lib.charts import Reeks
from pipelines.lib.reports.hoofdstuk import MaandData, uit_sjabloon
from pipelines.lib.reports.tekst import label_maand


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    rows = d.rows("oekraine", van=d.van, maand=d.maand)
    gegevens: dict[str, Any] = {"rows": rows}
    if rows:
        gegevens["lijnen"] = {
            "categorieen": [label_maand(r["maand"]) for r in rows],
            "reeksen": [
                Reeks("Bezetting", [r["bezetting"] for r in rows]),
                Reeks(
                    "Opvangplekken",
                    [r["opvangplekken"] for r in rows],
                    soort="lijn",
                    kleur="tekst",
                    gestippeld=True,
                ),
            ],
        }
    return uit_sjabloon(
        "maandrapportage/07_oekraine.html.j2",
        rm.Hoofdstuk("oekraine", nummer, "Oekraïense ontheemden"),
        bron=d.bronnen.regel("oekraine_opvang"),
        waarschuwingen_bron=d.bronnen.waarschuwingen("oekraine_opvang"),
        **gegevens,
    )
