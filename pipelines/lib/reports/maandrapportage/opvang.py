"""Maandrapportage, chapter opvang."""

from __future__ import annotations

from pipelines.lib import (
    charts,
    formatting,
)
from pipelines.lib import report_model as rm
from pipelines.lib.charts import Reeks
from pipelines.lib.formatting import (
    euro_kort,
    getal,
    maand_jaar,
)
from pipelines.lib.perioden import add_months
from pipelines.lib.reports.hoofdstuk import MaandData
from pipelines.lib.reports.tekst import (
    OPVANGSOORTEN,
    W_MLN,
    W_PCT,
    label_maand,
    pct,
    voorlopig_symbool,
)


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("opvang", nummer, "Opvang en doorstroom")
    m = d.maand
    bron_coa = d.bronnen.regel("coa_bezetting")
    h.waarschuwingen(
        d.bronnen.waarschuwingen("coa_bezetting", "taakstelling", "huisvesting_realisatie")
    )
    maanden = d.rows("opvang_maanden", van=d.van, maand=m)
    h.kop("Bezetting en kosten van de opvang", in_inhoud=True)
    if maanden:
        cur = maanden[-1]
        h.alinea(
            f"Eind {maand_jaar(cur['maand'])} verbleven {getal(cur['bezetting'])} mensen "
            f"in de opvang van het COA, bij een capaciteit van {getal(cur['capaciteit'])} "
            f"plaatsen (bezettingsgraad {pct(cur['bezettingsgraad_pct'])}). Van hen waren "
            f"{getal(cur['vergunninghouders'])} vergunninghouders die wachten op huisvesting "
            f"in een gemeente. Van de bezetting zat {pct(cur['aandeel_dure_opvang_pct'])} "
            "in dure opvang (noodopvang, crisisnoodopvang, hotels en cruiseschepen), "
            f"goed voor {pct(cur['aandeel_kosten_dure_opvang_pct'])} van de kosten. Op jaarbasis "
            f"kost de opvang in deze samenstelling {euro_kort(cur['kosten_per_jaar'])}."
        )
        h.figuur(
            "Bezetting COA-opvang naar soort opvang en capaciteit",
            charts.grafiek(
                titel="Bezetting COA-opvang naar soort opvang en capaciteit",
                samenvatting=(
                    f"Gestapelde staven per maand van {maand_jaar(maanden[0]['maand'])} tot "
                    f"en met {maand_jaar(cur['maand'])} met de bezetting in reguliere, dure en "
                    "overige opvang en een lijn voor de capaciteit; laatste maand bezetting "
                    f"{getal(cur['bezetting'])}, waarvan {getal(cur['bezetting_dure_opvang'])} "
                    "in dure opvang."
                ),
                categorieen=[label_maand(r["maand"]) for r in maanden],
                reeksen=[
                    Reeks("Regulier", [r["bezetting_regulier"] for r in maanden]),
                    Reeks(
                        "Doorstroomlocaties",
                        [r["bezetting_overig"] for r in maanden],
                        kleur="#8fcae7",
                    ),
                    Reeks(
                        "Dure opvang",
                        [r["bezetting_dure_opvang"] for r in maanden],
                        kleur="#e17000",
                    ),
                    Reeks(
                        "Capaciteit",
                        [r["capaciteit"] for r in maanden],
                        soort="lijn",
                        kleur="#1a1a1a",
                        gestippeld=True,
                    ),
                ],
                gestapeld=True,
                as_label="personen",
            ),
            bron_coa,
        )
        soorten = d.rows("opvang_opvangsoort", maand=cur["maand"])
        rijen = [
            rm.Rij(
                [
                    rm.tekst(
                        OPVANGSOORTEN.get(r["opvangsoort"], r["opvangsoort"])
                        + (" (dure opvang)" if r["dure_opvang"] else "")
                    ),
                    rm.getal(r["locaties"]),
                    rm.getal(r["capaciteit"]),
                    rm.getal(r["bezetting"]),
                    rm.getal(r["bezettingsgraad_pct"], W_PCT),
                    rm.getal(r["kostprijs_per_plek_per_jaar"]),
                    rm.getal(r["kosten_per_jaar"], W_MLN),
                ]
            )
            for r in soorten
            if r["capaciteit"] or r["bezetting"]
        ]
        rijen.append(
            rm.Rij(
                [
                    rm.tekst("Totaal"),
                    rm.getal(cur["locaties"]),
                    rm.getal(cur["capaciteit"]),
                    rm.getal(cur["bezetting"]),
                    rm.getal(cur["bezettingsgraad_pct"], W_PCT),
                    rm.leeg(),
                    rm.getal(cur["kosten_per_jaar"], W_MLN),
                ],
                "totaal",
            )
        )
        h.tabel(
            f"Opvang naar soort, stand eind {maand_jaar(cur['maand'])}",
            [
                rm.Kolom("Soort opvang", "l"),
                rm.Kolom("Locaties"),
                rm.Kolom("Capaciteit"),
                rm.Kolom("Bezetting"),
                rm.Kolom("Bezettings­graad"),
                rm.Kolom("Kostprijs per plek per jaar (€)"),
                rm.Kolom("Kosten op jaarbasis (€ mln)"),
            ],
            rijen,
            bron_coa,
            noot="Kosten op jaarbasis: bezetting maal kostprijs per plek per jaar (run-rate "
            "op de peildatum).",
        )
    h.kop("Huisvesting van vergunninghouders: taakstelling", in_inhoud=True)
    taak = d.rows("taakstelling_nationaal", van=add_months(m, -23), maand=m)
    bron_taak = d.bronnen.regel("taakstelling", "huisvesting_realisatie")
    if taak:
        cur = taak[-1]
        h.alinea(
            f"Gemeenten moesten eind {maand_jaar(cur['maand'])} samen nog "
            f"{getal(cur['achterstand'])} vergunninghouders huisvesten die volgens de taakstelling "
            "van eerdere halfjaren al gehuisvest hadden moeten zijn (de achterstand). "
            f"Bij {getal(cur['gemeenten_met_achterstand'])} van de {getal(cur['gemeenten'])} "
            "gemeenten was er een achterstand. Inclusief de taakstelling voor het "
            f"{formatting.halfjaar(cur['periode'])} ({getal(cur['taakstelling'])}) "
            f"resteert een opgave van {getal(cur['resterende_opgave'])} vergunninghouders; "
            f"in dit halfjaar zijn er tot nu toe {getal(cur['gehuisvest_halfjaar_tm'])} gehuisvest."
        )
        h.figuur(
            "Achterstand en resterende opgave taakstelling per maand",
            charts.grafiek(
                titel="Achterstand en resterende opgave taakstelling per maand",
                samenvatting=(
                    "Staven voor de achterstand en een lijn voor de resterende opgave per maand "
                    f"van {maand_jaar(taak[0]['maand'])} tot en met {maand_jaar(cur['maand'])}; "
                    f"laatste maand achterstand {getal(cur['achterstand'])}, resterende opgave "
                    f"{getal(cur['resterende_opgave'])}."
                ),
                categorieen=[label_maand(r["maand"]) for r in taak],
                reeksen=[
                    Reeks("Achterstand", [r["achterstand"] for r in taak]),
                    Reeks(
                        "Resterende opgave",
                        [r["resterende_opgave"] for r in taak],
                        soort="lijn",
                        kleur="#a90061",
                    ),
                ],
                as_label="vergunninghouders",
            ),
            bron_taak,
        )
        top = d.rows("taakstelling_top10", maand=cur["maand"])
        if top:
            h.tabel(
                f"Gemeenten met de grootste achterstand, eind {maand_jaar(cur['maand'])}",
                [
                    rm.Kolom("Gemeente", "l"),
                    rm.Kolom("Taakstelling halfjaar"),
                    rm.Kolom("Gehuisvest in halfjaar"),
                    rm.Kolom("Achterstand"),
                    rm.Kolom("Resterende opgave"),
                ],
                [
                    rm.Rij(
                        [
                            rm.tekst(r["gemeentenaam"]),
                            rm.getal(r["taakstelling"]),
                            rm.getal(r["gehuisvest_halfjaar_tm"]),
                            rm.getal(r["achterstand"], symbool=voorlopig_symbool(r["voorlopig"])),
                            rm.getal(r["resterende_opgave"]),
                        ]
                    )
                    for r in top
                ],
                bron_taak,
                eenheid="vergunninghouders",
                noot="Achterstand: vergunninghouders uit eerdere halfjaren die nog niet zijn "
                "gehuisvest. Alle gemeenten staan in bijlage A.",
            )
    return h
