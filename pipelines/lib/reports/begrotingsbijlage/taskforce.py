"""Begrotingsbijlage, chapter taskforce."""

from __future__ import annotations

from typing import Any

import duckdb

from pipelines.lib import (
    charts,
    formatting,
)
from pipelines.lib import report_model as rm
from pipelines.lib.charts import Reeks
from pipelines.lib.formatting import (
    euro_kort,
)
from pipelines.lib.reports.bronnen import (
    Bronnen,
    sql_rijen,
)
from pipelines.lib.reports.maandrapportage.taskforce import budget_rijen


def hoofdstuk(conn: duckdb.DuckDBPyConnection, b: Bronnen, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("taskforce-budget", nummer, "Taskforce internationale migratie")
    bron = b.regel("budgettaire_tabel")
    budget = sql_rijen(conn, "taskforce_budget")
    if not budget:
        h.alinea("Er zijn geen begrotingsregels van de taskforce geleverd.")
        return h
    piek = max(budget, key=lambda r: (r["totaal"], -r["jaar"]))
    h.alinea(
        "Het kabinet bouwt het budget voor de taskforce internationale migratie "
        f"op tot {euro_kort(piek['totaal'] * 1000)} per jaar in {piek['jaar']}. "
        "De middelen staan op de begrotingen van BHO (hoofdstuk XVII) en Asiel en Migratie "
        "(hoofdstuk XX) en zijn deels ODA (official development assistance)."
    )
    h.figuur(
        "Opbouw budget taskforce naar begroting en ODA",
        charts.grafiek(
            titel="Opbouw budget taskforce naar begroting en ODA",
            samenvatting=(
                f"Gestapelde staven per jaar van {budget[0]['jaar']} tot en met "
                f"{budget[-1]['jaar']} in € mln voor BHO ODA, AenM ODA en AenM non-ODA; "
                f"het totaal loopt op tot {euro_kort(piek['totaal'] * 1000)} in {piek['jaar']}."
            ),
            categorieen=[str(r["jaar"]) for r in budget],
            reeksen=[
                Reeks("BHO ODA", [r["bho_oda"] / 1000 for r in budget]),
                Reeks("BHO non-ODA", [r["bho_non_oda"] / 1000 for r in budget], kleur="#8fcae7"),
                Reeks("AenM ODA", [r["aenm_oda"] / 1000 for r in budget], kleur="#007bc7"),
                Reeks("AenM non-ODA", [r["aenm_non_oda"] / 1000 for r in budget], kleur="#e17000"),
            ],
            gestapeld=True,
            as_label="€ mln",
        ),
        bron,
    )
    kolommen, rijen = budget_rijen(budget)
    h.tabel("Budget taskforce per jaar", kolommen, rijen, bron, eenheid=formatting.BEDRAGEN_X1000)
    regelingen = sql_rijen(conn, "taskforce_regelingen")
    jaren = sorted({r["jaar"] for r in regelingen})
    per_regel: dict[tuple[str, str, str], dict[int, Any]] = {}
    for r in regelingen:
        key = (r["begroting"], r["artikelonderdeel"], r["regeling"] or r["instrument"])
        per_regel.setdefault(key, {})[r["jaar"]] = r["bedrag"]
    h.tabel(
        "Taskforce: regelingen per begroting",
        [rm.Kolom("Regeling", "l"), *(rm.Kolom(str(j)) for j in jaren)],
        [
            rm.Rij(
                [
                    rm.tekst(f"{begroting} {onderdeel} {regeling}"),
                    *(rm.getal(bedragen.get(j, 0), formatting.bedrag) for j in jaren),
                ]
            )
            for (begroting, onderdeel, regeling), bedragen in per_regel.items()
        ],
        bron,
        eenheid=formatting.BEDRAGEN_X1000,
        noot="Uitgaven van de regelingen die de Ketenmonitor tot de taskforce rekent "
        "(referentielijst taskforce-regelingen).",
    )
    return h
