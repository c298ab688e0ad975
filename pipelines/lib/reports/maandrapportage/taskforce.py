"""Maandrapportage, chapter taskforce."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipelines.lib import (
    charts,
    formatting,
)
from pipelines.lib import report_model as rm
from pipelines.lib.charts import Reeks
from pipelines.lib.formatting import (
    euro_kort,
)
from pipelines.lib.reports.hoofdstuk import MaandData


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
    h = rm.Hoofdstuk("taskforce", nummer, "Partnerschappen en taskforce")
    bron = d.bronnen.regel("budgettaire_tabel")
    h.waarschuwingen(d.bronnen.waarschuwingen("budgettaire_tabel"))
    budget = d.rows("taskforce_budget")
    if not budget:
        h.alinea("Er zijn geen begrotingsregels van de taskforce internationale migratie geleverd.")
        return h
    piek = max(budget, key=lambda r: (r["totaal"], -r["jaar"]))
    eerste = budget[0]
    h.alinea(
        "De taskforce internationale migratie bundelt de budgetten voor migratiepartnerschappen, "
        "opvang in de regio en terugkeersamenwerking op de begrotingen van Buitenlandse "
        "Handel en Ontwikkelingshulp (BHO, hoofdstuk XVII) en Asiel en Migratie (AenM, "
        f"hoofdstuk XX). Volgens de begroting {eerste['begrotingsjaar']} loopt het budget op van "
        f"{euro_kort(eerste['totaal'] * 1000)} in {eerste['jaar']} tot "
        f"{euro_kort(piek['totaal'] * 1000)} per jaar in {piek['jaar']}."
    )
    h.figuur(
        "Opbouw budget taskforce internationale migratie",
        charts.grafiek(
            titel="Opbouw budget taskforce internationale migratie",
            samenvatting=(
                f"Gestapelde staven per jaar van {budget[0]['jaar']} tot en met "
                f"{budget[-1]['jaar']} voor BHO en AenM, in € mln; het totaal loopt op tot "
                f"{euro_kort(piek['totaal'] * 1000)} in {piek['jaar']}."
            ),
            categorieen=[str(r["jaar"]) for r in budget],
            reeksen=[
                Reeks("BHO (XVII)", [r["bho"] / 1000 for r in budget]),
                Reeks("AenM (XX)", [r["aenm"] / 1000 for r in budget]),
            ],
            gestapeld=True,
            as_label="€ mln",
        ),
        bron,
    )
    kolommen, rijen = budget_rijen(budget)
    h.tabel(
        "Budget taskforce internationale migratie per jaar",
        kolommen,
        rijen,
        bron,
        eenheid=formatting.BEDRAGEN_X1000,
    )
    return h
