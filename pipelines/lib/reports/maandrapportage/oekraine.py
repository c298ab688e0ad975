"""Maandrapportage, chapter oekraine."""

from __future__ import annotations

from typing import Any

from pipelines.lib import report_model as rm
from pipelines.lib.reports.hoofdstuk import MaandData, uit_sjabloon


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    rows = d.rows("oekraine", van=d.van, maand=d.maand)
    gegevens: dict[str, Any] = {"rows": rows}
    return uit_sjabloon(
        "maandrapportage/07_oekraine.html.j2",
        rm.Hoofdstuk("oekraine", nummer, "Oekraïense ontheemden"),
        bron=d.bronnen.regel("oekraine_opvang"),
        waarschuwingen_bron=d.bronnen.waarschuwingen("oekraine_opvang"),
        **gegevens,
    )
