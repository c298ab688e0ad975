"""Maandrapportage, chapter bijlage_taakstelling."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipelines.lib import report_model as rm
from pipelines.lib.reports.hoofdstuk import MaandData, uit_sjabloon


def totaalrij(rows: Sequence[dict[str, Any]], label: str) -> rm.Rij:
    """The total row of the annex table under `label`: the known taakstellingen and the sums."""
    return rm.Rij(
        [
            rm.tekst(label),
            rm.leeg(),
            rm.getal(sum(r["taakstelling"] for r in rows if r["taakstelling_bekend"])),
            rm.getal(sum(r["saldo_begin"] for r in rows)),
            rm.getal(sum(r["gehuisvest_halfjaar_tm"] for r in rows)),
            rm.getal(sum(r["achterstand"] for r in rows)),
            rm.getal(sum(r["resterende_opgave"] for r in rows)),
        ],
        "totaal",
    )


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    return uit_sjabloon(
        "maandrapportage/12_bijlage_taakstelling.html.j2",
        rm.Hoofdstuk(
            "bijlage-taakstelling",
            nummer,
            "Taakstelling per gemeente",
            kopnummer=f"Bijlage {nummer}",
        ),
        rows=d.rows("taakstelling_gemeenten", maand=d.maand),
        maand=d.maand,
        bron=d.bronnen.regel("taakstelling", "huisvesting_realisatie"),
        totaalrij=totaalrij,
    )
