"""Maandrapportage, chapter instroom."""

from __future__ import annotations

from pipelines.lib import (
    charts,
    formatting,
)
from pipelines.lib import report_model as rm
from pipelines.lib.charts import Reeks
from pipelines.lib.formatting import (
    getal,
    maand_jaar,
    verandering,
)
from pipelines.lib.perioden import add_months
from pipelines.lib.reports.hoofdstuk import MaandData
from pipelines.lib.reports.tekst import (
    W_PCT,
    W_VPCT,
    cbs_symbool,
    label_maand,
    relatieve_verandering,
    voorlopig_symbool,
    vpct,
)


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("instroom", nummer, "Instroom")
    m = d.maand
    bron = d.bronnen.regel("cbs_asielverzoeken")
    h.waarschuwingen(d.bronnen.waarschuwingen("cbs_asielverzoeken"))
    maanden = d.rows("instroom_perioden", soort="maand", van=d.van, maand=m)
    if not maanden:
        h.alinea("Er zijn geen CBS-cijfers over asielverzoeken in de verslagperiode.")
        return h
    cur = maanden[-1]
    prev = maanden[-2] if len(maanden) > 1 else None
    h.alinea(
        f"In {maand_jaar(cur['periode_start'])} vroegen {getal(cur['eerste'])} personen voor het "
        f"eerst asiel aan in Nederland{' (voorlopig cijfer)' if cur['voorlopig'] else ''}"
        + (
            f", {verandering(relatieve_verandering(cur['eerste'], prev['eerste']))} "
            f"ten opzichte van {maand_jaar(prev['periode_start'])}"
            if prev
            else ""
        )
        + (
            f" en {vpct(cur['eerste_yoy_pct'])} ten opzichte van dezelfde maand een jaar eerder"
            if cur["eerste_yoy_pct"] is not None
            else ""
        )
        + f". Daarnaast waren er {getal(cur['volgende'])} volgende asielverzoeken en kwamen "
        f"{getal(cur['nareizigers'])} nareizigers."
    )
    if cur["totaal_ytd"] is not None:
        h.alinea(
            f"Van januari tot en met {formatting.maand_naam(cur['periode_start'])} {cur['jaar']} "
            f"was de totale asielinstroom {getal(cur['totaal_ytd'])}"
            + (
                f", {vpct(cur['totaal_ytd_yoy_pct'])} ten opzichte van dezelfde periode in "
                f"{cur['jaar'] - 1}"
                if cur["totaal_ytd_yoy_pct"] is not None
                else ""
            )
            + "."
        )
    cats = [label_maand(r["periode_start"]) for r in maanden]
    h.figuur(
        "Asielinstroom per maand naar soort",
        charts.grafiek(
            titel="Asielinstroom per maand naar soort",
            samenvatting=(
                f"Gestapelde staven per maand van {maand_jaar(maanden[0]['periode_start'])} "
                f"tot en met {maand_jaar(cur['periode_start'])}; in de laatste maand "
                f"{getal(cur['eerste'])} eerste asielverzoeken, {getal(cur['volgende'])} volgende "
                f"en {getal(cur['nareizigers'])} nareizigers."
            ),
            categorieen=cats,
            reeksen=[
                Reeks("Eerste asielverzoeken", [r["eerste"] for r in maanden]),
                Reeks("Volgende asielverzoeken", [r["volgende"] for r in maanden]),
                Reeks("Nareizigers", [r["nareizigers"] for r in maanden]),
            ],
            gestapeld=True,
            as_label="personen",
        ),
        bron,
    )
    rijen = [
        rm.Rij(
            [
                rm.tekst(maand_jaar(r["periode_start"])),
                rm.getal(r["eerste"], symbool=cbs_symbool(r["status"])),
                rm.getal(r["volgende"], symbool=cbs_symbool(r["status"])),
                rm.getal(r["nareizigers"], symbool=cbs_symbool(r["status"])),
                rm.getal(r["totaal"], symbool=cbs_symbool(r["status"])),
                rm.getal(r["eerste_yoy_pct"], W_VPCT),
            ]
        )
        for r in maanden
    ]
    h.tabel(
        "Asielinstroom per maand",
        [
            rm.Kolom("Maand", "l"),
            rm.Kolom("Eerste asiel­verzoeken"),
            rm.Kolom("Volgende asiel­verzoeken"),
            rm.Kolom("Nareizigers"),
            rm.Kolom("Totaal"),
            rm.Kolom("Eerste t.o.v. jaar eerder"),
        ],
        rijen,
        bron,
        eenheid="personen",
        legenda=True,
    )
    kwartalen = d.rows("instroom_perioden", soort="kwartaal", van=add_months(m, -15), maand=m)
    if kwartalen:
        h.tabel(
            "Eerste asielverzoeken per kwartaal",
            [
                rm.Kolom("Kwartaal", "l"),
                rm.Kolom("Eerste asiel­verzoeken"),
                rm.Kolom("Jaar eerder"),
                rm.Kolom("Verandering"),
                rm.Kolom("Totale instroom"),
            ],
            [
                rm.Rij(
                    [
                        rm.tekst(
                            formatting.kwartaal(r["jaar"], r["periode_nummer"])
                            + ("" if r["volledig"] else f" ({r['maanden']} mnd)")
                        ),
                        rm.getal(r["eerste"], symbool=cbs_symbool(r["status"])),
                        rm.getal(r["eerste_vj"]),
                        rm.getal(r["eerste_yoy_pct"], W_VPCT),
                        rm.getal(r["totaal"], symbool=cbs_symbool(r["status"])),
                    ]
                )
                for r in kwartalen
            ],
            bron,
            eenheid="personen",
            legenda=True,
            noot="Een kwartaal dat nog niet compleet is, staat met het aantal maanden erachter; "
            "de verandering wordt alleen voor complete kwartalen berekend.",
        )
    top = d.rows("instroom_nationaliteiten", perioden=cur["perioden"], top=10)
    if top:
        h.tabel(
            f"Eerste asielverzoeken naar nationaliteit, top 10, {maand_jaar(cur['periode_start'])}",
            [
                rm.Kolom("Nationaliteit", "l"),
                rm.Kolom("Eerste asiel­verzoeken"),
                rm.Kolom("Aandeel"),
                rm.Kolom("Nareizigers"),
            ],
            [
                rm.Rij(
                    [
                        rm.tekst(r["nationaliteit_naam"] or r["nationaliteit"]),
                        rm.getal(r["eerste"], symbool=voorlopig_symbool(r["voorlopig"])),
                        rm.getal(r["aandeel_eerste_pct"], W_PCT),
                        rm.getal(r["nareizigers"], symbool=voorlopig_symbool(r["voorlopig"])),
                    ]
                )
                for r in top
            ],
            bron,
            eenheid="personen",
            legenda=True,
            noot="De tien nationaliteiten met de meeste eerste asielverzoeken; "
            "het aandeel is berekend op het totaal over alle nationaliteiten."
            + (
                " CBS rondt de cijfers per nationaliteit af op vijftallen; ze tellen daardoor "
                "niet exact op tot het totaal."
                if all(
                    v % 5 == 0
                    for r in top
                    for v in (r["eerste"], r["nareizigers"])
                    if v is not None
                )
                else ""
            ),
        )
    return h
