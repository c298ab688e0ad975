"""Maandrapportage, chapter taskforce."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipelines.lib import (
    formatting,
)
from pipelines.lib import report_model as rm
from pipelines.lib.reports.hoofdstuk import MaandData, uit_sjabloon


def budget_rijen(budget: Sequence[dict[str, Any]]) -> tuple[list[rm.Kolom], list[rm.Rij]]:
    jaren = [r["jaar"] for r in budget]
    kolommen = [rm.Kolom("", "l"), *(rm.Kolom(str(j)) for j in jaren)]
    regels = [
        ("BHO (hoofdstuk XVII), ODA", "bho_oda", "inspring"),
        ("BHO (hoofdstuk XVII), non-ODA", "bho_non_oda", "inspring"),
        ("AenM (hoofdstuk XX), ODA", "aenm_oda", "inspring"),
        ("AenM (hoofdstuk XX), non-ODA", "aenm_non_oda", "inspring"),
        ("Totaal taskforce", "totaal", "totaal"),
        ("waarvan ODA", "oda", "inspring"),
        ("Mutatie t.o.v. vorig jaar", "mutatie_vj", ""),
    ]
    rijen = [
        rm.Rij([rm.tekst(label), *(rm.getal(r[key], formatting.bedrag) for r in budget)], soort)
        for label, key, soort in regels
    ]
    return kolommen, rijen


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    budget = d.rows("taskforce_budget")
    gegevens: dict[str, Any] = {"budget": budget}
    if budget:
        kolommen, rijen = budget_rijen(budget)
        gegevens |= {
            "eerste": budget[0],
            "piek": max(budget, key=lambda r: (r["totaal"], -r["jaar"])),
            "kolommen": kolommen,
            "rijen": rijen,
        }
    return uit_sjabloon(
        "maandrapportage/06_taskforce.html.j2",
        rm.Hoofdstuk("taskforce", nummer, "Partnerschappen en taskforce"),
        bron=d.bronnen.regel("budgettaire_tabel"),
        waarschuwingen_bron=d.bronnen.waarschuwingen("budgettaire_tabel"),
        eenheid=formatting.BEDRAGEN_X1000,
        **gegevens,
    )
