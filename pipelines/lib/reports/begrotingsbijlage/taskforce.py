"""Begrotingsbijlage, chapter taskforce."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from pipelines.lib import formatting
from pipelines.lib import report_model as rm
from pipelines.lib.reports.bronnen import Bronnen, sql_rijen
from pipelines.lib.reports.hoofdstuk import uit_sjabloon
from pipelines.lib.reports.maandrapportage.taskforce import budget_rijen


def regeling_rijen(regelingen: Sequence[dict[str, Any]]) -> tuple[list[int], list[dict[str, Any]]]:
    """The years of the taskforce lines and a row per line (`regeling`: begroting,
    artikelonderdeel and regeling or instrument) with its amount per year under the year as text,
    0 for a year without an amount."""
    jaren = sorted({r["jaar"] for r in regelingen})
    per_regel: dict[tuple[str, str, str], dict[int, Any]] = {}
    for r in regelingen:
        key = (r["begroting"], r["artikelonderdeel"], r["regeling"] or r["instrument"])
        per_regel.setdefault(key, {})[r["jaar"]] = r["bedrag"]
    rows = [
        {
            "regeling": f"{begroting} {onderdeel} {regeling}",
            **{str(j): bedragen.get(j, 0) for j in jaren},
        }
        for (begroting, onderdeel, regeling), bedragen in per_regel.items()
    ]
    return jaren, rows


def hoofdstuk(conn: duckdb.DuckDBPyConnection, b: Bronnen, nummer: str) -> rm.Hoofdstuk:
    budget = sql_rijen(conn, "taskforce_budget")
    gegevens: dict[str, Any] = {"budget": budget}
    if budget:
        kolommen, rijen = budget_rijen(budget)
        jaren, regelingen = regeling_rijen(sql_rijen(conn, "taskforce_regelingen"))
        gegevens |= {
            "piek": max(budget, key=lambda r: (r["totaal"], -r["jaar"])),
            "kolommen": kolommen,
            "rijen": rijen,
            "jaren": jaren,
            "regelingen": regelingen,
        }
    return uit_sjabloon(
        "begrotingsbijlage/03_taskforce.html.j2",
        rm.Hoofdstuk("taskforce-budget", nummer, "Taskforce internationale migratie"),
        bron=b.regel("budgettaire_tabel"),
        eenheid=formatting.BEDRAGEN_X1000,
        **gegevens,
    )
