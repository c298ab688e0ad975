"""Maandrapportage, chapter kerncijfers."""

from __future__ import annotations

from pipelines.lib import report_model as rm
from pipelines.lib.perioden import add_months
from pipelines.lib.reports.hoofdstuk import MaandData, uit_sjabloon
from pipelines.lib.reports.tekst import laatste_twee


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    """The key figures: per KPI the row of the month (or the latest before it) and the one before,
    which the template turns into a tile."""
    m = d.maand
    van = add_months(m, -1)
    ind = d.rows("ind_afhandeling", van=van, maand=m)
    return uit_sjabloon(
        "maandrapportage/01_kerncijfers.html.j2",
        rm.Hoofdstuk("kerncijfers", nummer, "Kerncijfers"),
        maand=m,
        waarschuwingen_bron=d.bronnen.waarschuwingen(),
        instroom=laatste_twee(
            d.rows("instroom_perioden", soort="maand", van=van, maand=m), "periode_start", m
        ),
        opvang=laatste_twee(d.rows("opvang_maanden", van=van, maand=m), "maand", m),
        taakstelling=laatste_twee(d.rows("taakstelling_nationaal", van=van, maand=m), "maand", m),
        ind_totaal=laatste_twee([r for r in ind if r["procedure"] == "totaal"], "maand", m),
        ind_eerste=laatste_twee([r for r in ind if r["procedure"] == "asiel_eerste"], "maand", m),
        vertrek=laatste_twee(d.rows("vertrek_maanden", van=van, maand=m), "maand", m),
        oekraine=laatste_twee(d.rows("oekraine", van=van, maand=m), "maand", m),
    )
