"""Maandrapportage, chapter kerncijfers."""

from __future__ import annotations

from pipelines.lib import (
    formatting,
)
from pipelines.lib import report_model as rm
from pipelines.lib.formatting import (
    getal,
    maand_jaar,
    verandering,
)
from pipelines.lib.perioden import add_months
from pipelines.lib.reports.hoofdstuk import MaandData
from pipelines.lib.reports.tekst import (
    SYMBOLEN_NOOT,
    cbs_symbool,
    laatste_twee,
    pct,
    periode_tekst,
    relatieve_verandering,
    verschil_tekst,
    voorlopig_symbool,
    vpct,
)


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("kerncijfers", nummer, "Kerncijfers")
    m = d.maand
    tegels: list[rm.Tegel] = []

    instroom = d.rows("instroom_perioden", soort="maand", van=add_months(m, -1), maand=m)
    cur, prev = laatste_twee(instroom, "periode_start", m)
    if cur:
        sym = cbs_symbool(cur["status"])
        tegels.append(
            rm.Tegel(
                "Eerste asielverzoeken",
                getal(cur["eerste"]) + sym,
                verschil_tekst(
                    cur["eerste"], prev and prev["eerste"], prev and prev["periode_start"]
                ),
                periode_tekst(cur["periode_start"], m),
            )
        )
        ytd_rel = (
            relatieve_verandering(cur["totaal_ytd"], cur["totaal_ytd_vj"])
            if cur["totaal_ytd_vj"]
            else None
        )
        tegels.append(
            rm.Tegel(
                f"Asielinstroom januari t/m {formatting.maand_naam(cur['periode_start'])}",
                getal(cur["totaal_ytd"]) + (formatting.VOORLOPIG if cur["ytd_voorlopig"] else ""),
                f"{verandering(ytd_rel)} t.o.v. dezelfde periode {cur['jaar'] - 1}"
                if ytd_rel is not None
                else "geen vergelijking beschikbaar",
                periode_tekst(cur["periode_start"], m),
            )
        )
    opvang = d.rows("opvang_maanden", van=add_months(m, -1), maand=m)
    cur, prev = laatste_twee(opvang, "maand", m)
    if cur:
        tegels.append(
            rm.Tegel(
                "Bezetting COA-opvang",
                getal(cur["bezetting"]),
                verschil_tekst(
                    cur["bezetting"], prev and prev["bezetting"], prev and prev["maand"]
                ),
                periode_tekst(cur["maand"], m),
            )
        )
        pp = None if not prev else cur["aandeel_dure_opvang_pct"] - prev["aandeel_dure_opvang_pct"]
        tegels.append(
            rm.Tegel(
                "Aandeel dure opvang in de bezetting",
                pct(cur["aandeel_dure_opvang_pct"]),
                f"{formatting.getal_teken(pp, 1)} procentpunt t.o.v. {maand_jaar(prev['maand'])}"
                if prev
                else "geen vergelijking beschikbaar",
                periode_tekst(cur["maand"], m),
            )
        )
    taak = d.rows("taakstelling_nationaal", van=add_months(m, -1), maand=m)
    cur, prev = laatste_twee(taak, "maand", m)
    if cur:
        tegels.append(
            rm.Tegel(
                "Achterstand taakstelling huisvesting",
                getal(cur["achterstand"]) + voorlopig_symbool(cur["voorlopig"]),
                verschil_tekst(
                    cur["achterstand"], prev and prev["achterstand"], prev and prev["maand"]
                ),
                periode_tekst(cur["maand"], m),
            )
        )
    ind = [r for r in d.rows("ind_afhandeling", van=add_months(m, -1), maand=m)]
    ind_tot = [r for r in ind if r["procedure"] == "totaal"]
    ind_eerste = [r for r in ind if r["procedure"] == "asiel_eerste"]
    cur, prev = laatste_twee(ind_tot, "maand", m)
    if cur:
        tegels.append(
            rm.Tegel(
                "Voorraad asielzaken IND",
                getal(cur["voorraad"]),
                verschil_tekst(cur["voorraad"], prev and prev["voorraad"], prev and prev["maand"]),
                periode_tekst(cur["maand"], m),
            )
        )
    cur, prev = laatste_twee(ind_eerste, "maand", m)
    if cur:
        med, pmed = cur["doorlooptijd_mediaan_dagen"], prev and prev["doorlooptijd_mediaan_dagen"]
        tegels.append(
            rm.Tegel(
                "Doorlooptijd eerste asielaanvraag (mediaan)",
                formatting.aantal(med, "dag", "dagen") if med is not None else formatting.ONBEKEND,
                f"{formatting.aantal(med - pmed, 'dag', 'dagen', teken=True)} t.o.v. "
                f"{maand_jaar(prev['maand'])}"
                if med is not None and pmed is not None and prev
                else "geen vergelijking beschikbaar",
                periode_tekst(cur["maand"], m),
            )
        )
    vertrek = d.rows("vertrek_maanden", van=add_months(m, -1), maand=m)
    cur, prev = laatste_twee(vertrek, "maand", m)
    if cur:
        rel = cur["ytd_groei_pct"]
        tegels.append(
            rm.Tegel(
                f"Aantoonbaar vertrek januari t/m {formatting.maand_naam(cur['maand'])}",
                getal(cur["ytd_aantoonbaar"]) + voorlopig_symbool(cur["voorlopig"]),
                f"{vpct(rel)} t.o.v. dezelfde periode {cur['jaar'] - 1}"
                if rel is not None
                else "geen vergelijking beschikbaar",
                periode_tekst(cur["maand"], m),
            )
        )
    oek = d.rows("oekraine", van=add_months(m, -1), maand=m)
    cur, prev = laatste_twee(oek, "maand", m)
    if cur:
        tegels.append(
            rm.Tegel(
                "Opvang Oekraïense ontheemden (bezetting)",
                getal(cur["bezetting"]),
                verschil_tekst(
                    cur["bezetting"], prev and prev["bezetting"], prev and prev["maand"]
                ),
                periode_tekst(cur["maand"], m),
            )
        )
    h.alinea(
        f"Deze rapportage beschrijft de migratieketen in {maand_jaar(m)}, met de stand "
        "aan het eind van de maand en de ontwikkeling ten opzichte van de vorige periode. "
        "De cijfers komen uit de leveringen van de ketenpartners die de Ketenmonitor heeft "
        "gecontroleerd tegen hun datacontract.",
        "inleiding",
    )
    h.waarschuwingen(d.bronnen.waarschuwingen())
    h.tegels(tegels)
    h.alinea(SYMBOLEN_NOOT, "klein")
    return h
