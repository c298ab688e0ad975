"""Maandrapportage, chapter ind."""

from __future__ import annotations

from typing import Any

from pipelines.lib import report_model as rm
from pipelines.lib.reports.hoofdstuk import MaandData, uit_sjabloon


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    rows = d.rows("ind_afhandeling", van=d.van, maand=d.maand)
    tot = [r for r in rows if r["procedure"] == "totaal"]
    gegevens: dict[str, Any] = {"tot": tot}
    if tot:
        cur = tot[-1]
        gegevens |= {
            "cur": cur,
            "eerste": next(
                (
                    r
                    for r in rows
                    if r["maand"] == cur["maand"] and r["procedure"] == "asiel_eerste"
                ),
                None,
            ),
            "per_procedure": [r for r in rows if r["maand"] == cur["maand"]],
        }
    return uit_sjabloon(
        "maandrapportage/04_ind.html.j2",
        rm.Hoofdstuk("ind-afhandeling", nummer, "IND-afhandeling"),
        bron=d.bronnen.regel("ind_zaken"),
        waarschuwingen_bron=d.bronnen.waarschuwingen("ind_zaken"),
        **gegevens,
    )
