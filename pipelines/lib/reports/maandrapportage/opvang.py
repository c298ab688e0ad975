"""Maandrapportage, chapter opvang."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pipelines.lib import report_model as rm
from pipelines.lib.perioden import add_months
from pipelines.lib.reports.hoofdstuk import MaandData, cel, uit_sjabloon
from pipelines.lib.reports.tekst import OPVANGSOORTEN


def totaalrij(kolommen: Sequence[rm.Kolom], rij: Mapping[str, Any], leeg: str) -> rm.Rij:
    """The total row of `rij` in the declared columns `kolommen`; the column of field `leeg` (a
    figure that does not add up, such as a price per place) stays empty."""
    return rm.Rij([rm.leeg() if k.veld == leeg else cel(k, rij) for k in kolommen], "totaal")


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    m = d.maand
    maanden = d.rows("opvang_maanden", van=d.van, maand=m)
    taak = d.rows("taakstelling_nationaal", van=add_months(m, -23), maand=m)
    gegevens: dict[str, Any] = {"maanden": maanden, "taak": taak}
    if maanden:
        gegevens["soorten"] = d.rows("opvang_opvangsoort", maand=maanden[-1]["maand"])
    if taak:
        gegevens["top"] = d.rows("taakstelling_top10", maand=taak[-1]["maand"])
    return uit_sjabloon(
        "maandrapportage/03_opvang.html.j2",
        rm.Hoofdstuk("opvang", nummer, "Opvang en doorstroom"),
        bron_coa=d.bronnen.regel("coa_bezetting"),
        bron_taak=d.bronnen.regel("taakstelling", "huisvesting_realisatie"),
        waarschuwingen_bron=d.bronnen.waarschuwingen(
            "coa_bezetting", "taakstelling", "huisvesting_realisatie"
        ),
        opvangsoorten=OPVANGSOORTEN,
        totaalrij=totaalrij,
        **gegevens,
    )
