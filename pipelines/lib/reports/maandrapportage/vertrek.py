"""Maandrapportage, chapter vertrek."""

from __future__ import annotations

import datetime as dt

from pipelines.lib import (
    charts,
    formatting,
)
from pipelines.lib import report_model as rm
from pipelines.lib.charts import Reeks
from pipelines.lib.formatting import (
    getal,
)
from pipelines.lib.reports.hoofdstuk import MaandData
from pipelines.lib.reports.tekst import (
    W_PCT,
    W_VPCT,
    toe_af,
    voorlopig_symbool,
    vpct,
)


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("vertrek", nummer, "Terugkeer en vertrek")
    m = d.maand
    bron = d.bronnen.regel("dtenv_vertrek")
    h.waarschuwingen(d.bronnen.waarschuwingen("dtenv_vertrek"))
    jaren = d.rows("vertrek_jaren", maand=m)
    maanden = d.rows("vertrek_maanden", van=d.van, maand=m)
    if maanden:
        cur = maanden[-1]
        h.alinea(
            f"Van januari tot en met {formatting.maand_naam(cur['maand'])} {cur['jaar']} "
            f"vertrokken {getal(cur['ytd_aantoonbaar'])} mensen aantoonbaar uit Nederland "
            "(zelfstandig onder toezicht of gedwongen)"
            + (
                f", {vpct(cur['ytd_groei_pct'])} ten opzichte van dezelfde periode in "
                f"{cur['jaar'] - 1}"
                if cur["ytd_groei_pct"] is not None
                else ""
            )
            + f". Daarvan was {getal(cur['ytd_gedwongen'])} gedwongen vertrek. "
            f"Daarnaast vertrokken {getal(cur['ytd_zelfstandig_zonder_toezicht'])} mensen "
            "zelfstandig zonder toezicht."
        )
    volledige = [j for j in jaren if j["volledig"] and j["groei_aantoonbaar_pct"] is not None]
    if volledige:
        j = volledige[-1]
        drijver = (
            "gedwongen vertrek"
            if (j["groei_gedwongen"] or 0) > (j["groei_zelfstandig_onder_toezicht"] or 0)
            else "zelfstandig vertrek onder toezicht"
        )
        h.alinea(
            f"Over heel {j['jaar']} was het aantoonbaar vertrek {getal(j['aantoonbaar'])}, "
            f"{vpct(j['groei_aantoonbaar_pct'])} ten opzichte van {j['jaar'] - 1}. "
            f"De ontwikkeling kwam vooral van {drijver}: gedwongen vertrek "
            f"{toe_af(j['groei_gedwongen'])}, zelfstandig vertrek onder toezicht "
            f"{toe_af(j['groei_zelfstandig_onder_toezicht'])}."
        )
    if jaren:
        h.figuur(
            "Vertrek per jaar naar soort",
            charts.grafiek(
                titel="Vertrek per jaar naar soort",
                samenvatting=(
                    f"Gestapelde staven per jaar van {jaren[0]['jaar']} tot en met "
                    f"{jaren[-1]['jaar']} (het laatste jaar tot en met "
                    f"{formatting.maand_kort(dt.date(jaren[-1]['jaar'], jaren[-1]['tm_maand'], 1))}"
                    ") voor gedwongen vertrek en zelfstandig vertrek onder en zonder toezicht."
                ),
                categorieen=[
                    str(j["jaar"])
                    + (
                        ""
                        if j["volledig"]
                        else " t/m " + formatting.maand_kort(dt.date(j["jaar"], j["tm_maand"], 1))
                    )
                    for j in jaren
                ],
                reeksen=[
                    Reeks("Gedwongen", [j["gedwongen"] for j in jaren]),
                    Reeks(
                        "Zelfstandig onder toezicht",
                        [j["zelfstandig_onder_toezicht"] for j in jaren],
                    ),
                    Reeks(
                        "Zelfstandig zonder toezicht",
                        [j["zelfstandig_zonder_toezicht"] for j in jaren],
                        kleur="#c5c5c5",
                    ),
                ],
                gestapeld=True,
                as_label="personen",
            ),
            bron,
        )
        h.tabel(
            "Vertrek per jaar",
            [
                rm.Kolom("Jaar", "l", "16%"),
                rm.Kolom("Gedwongen", "r", "12%"),
                rm.Kolom("Zelfstandig onder toezicht", "r", "14%"),
                rm.Kolom("Aantoonbaar vertrek", "r", "14%"),
                rm.Kolom("Verandering aantoonbaar", "r", "14%"),
                rm.Kolom("Aandeel gedwongen in groei", "r", "15%"),
                rm.Kolom("Zelfstandig zonder toezicht", "r", "15%"),
            ],
            [
                rm.Rij(
                    [
                        rm.tekst(
                            str(j["jaar"])
                            + (
                                ""
                                if j["volledig"]
                                else " (t/m "
                                f"{formatting.maand_kort(dt.date(j['jaar'], j['tm_maand'], 1))})"
                            )
                        ),
                        rm.getal(j["gedwongen"], symbool=voorlopig_symbool(j["voorlopig"])),
                        rm.getal(
                            j["zelfstandig_onder_toezicht"],
                            symbool=voorlopig_symbool(j["voorlopig"]),
                        ),
                        rm.getal(j["aantoonbaar"], symbool=voorlopig_symbool(j["voorlopig"])),
                        rm.getal(j["groei_aantoonbaar_pct"], W_VPCT),
                        rm.getal(j["aandeel_groei_gedwongen_pct"], W_PCT),
                        rm.getal(
                            j["zelfstandig_zonder_toezicht"],
                            symbool=voorlopig_symbool(j["voorlopig"]),
                        ),
                    ]
                )
                for j in jaren
            ],
            bron,
            eenheid="personen",
            legenda=True,
            noot="Aantoonbaar vertrek = gedwongen vertrek + zelfstandig vertrek onder toezicht. "
            "Een lopend jaar wordt vergeleken met dezelfde maanden van het jaar ervoor. "
            "DTenV rondt af op tientallen.",
        )
    return h
