"""Maandrapportage, chapter prognose."""

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
    maand_jaar,
    verandering,
)
from pipelines.lib.reports.hoofdstuk import MaandData
from pipelines.lib.reports.tekst import (
    POSITIE,
    boven_onder,
    relatieve_verandering,
    voorlopig_symbool,
)


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("prognose", nummer, "Realisatie en prognose (MPP)")
    m = d.maand
    bron = d.bronnen.regel("cbs_asielverzoeken", "mpp_prognose")
    h.waarschuwingen(d.bronnen.waarschuwingen("mpp_prognose"))
    rows = d.rows("realisatie_vs_prognose", maand=m)
    if not rows:
        h.alinea("Er is nog geen realisatie van de asielinstroom in het verslagjaar.")
        return h
    cur = rows[-1]
    jaar = cur["jaar"]
    if cur["mpp_editie"]:
        h.alinea(
            f"Tot en met {maand_jaar(cur['maand'])} was de asielinstroom "
            f"{getal(cur['instroom_ytd'])}. Doorgetrokken naar het hele jaar is dat "
            f"{getal(cur['projectie_jaareinde'])}, {POSITIE.get(cur['positie'], cur['positie'])} "
            "van de Meerjaren Productie Prognose "
            f"(editie {cur['mpp_editie']}: {getal(cur['mpp_min'])} tot {getal(cur['mpp_max'])}, "
            f"middenscenario {getal(cur['mpp_midden'])}). De projectie ligt "
            f"{boven_onder(cur['verschil_midden_pct'])} het middenscenario."
        )
    else:
        h.alinea(f"Voor {jaar} is geen MPP-prognose van de asielinstroom geleverd.")
    maandnummers = list(range(1, 13))
    ytd = {r["maand_nummer"]: r["instroom_ytd"] for r in rows}
    laatste_nr = cur["maand_nummer"]
    projectie = [None] * 12
    for i in maandnummers:
        if i >= laatste_nr:
            projectie[i - 1] = cur["instroom_ytd"] * i / laatste_nr
    reeksen = [Reeks("Realisatie (cumulatief)", [ytd.get(i) for i in maandnummers])]
    reeksen.append(Reeks("Projectie", projectie, soort="lijn", kleur="#535353", gestippeld=True))
    if cur["mpp_editie"]:
        reeksen += [
            Reeks(
                "MPP min",
                [cur["mpp_min"] * i / 12 for i in maandnummers],
                soort="lijn",
                kleur="#8fcae7",
            ),
            Reeks(
                "MPP midden",
                [cur["mpp_midden"] * i / 12 for i in maandnummers],
                soort="lijn",
                kleur="#154273",
            ),
            Reeks(
                "MPP max",
                [cur["mpp_max"] * i / 12 for i in maandnummers],
                soort="lijn",
                kleur="#a90061",
            ),
        ]
    h.figuur(
        f"Asielinstroom {jaar} cumulatief tegen de MPP-bandbreedte",
        charts.grafiek(
            titel=f"Asielinstroom {jaar} cumulatief tegen de MPP-bandbreedte",
            samenvatting=(
                "Staven met de cumulatieve instroom per maand tot en met "
                f"{maand_jaar(cur['maand'])} ({getal(cur['instroom_ytd'])}), een lineaire "
                f"projectie naar {getal(cur['projectie_jaareinde'])} eind {jaar}"
                + (
                    " en lijnen voor het MPP-minimum, -midden en -maximum "
                    f"({getal(cur['mpp_min'])}, {getal(cur['mpp_midden'])}, "
                    f"{getal(cur['mpp_max'])}), gelijkmatig over het jaar verdeeld."
                    if cur["mpp_editie"]
                    else "."
                )
            ),
            categorieen=[formatting.maand_kort(dt.date(jaar, i, 1)) for i in maandnummers],
            reeksen=reeksen,
            as_label="personen",
        ),
        bron,
    )
    edities = d.rows("mpp_edities", maand=m)
    h.tabel(
        f"Asielinstroom {jaar}: realisatie en projectie",
        [rm.Kolom("", "l", "60%"), rm.Kolom("Personen")],
        [
            rm.Rij(
                [
                    rm.tekst(f"Realisatie januari t/m {maand_jaar(cur['maand'])}"),
                    rm.getal(cur["instroom_ytd"], symbool=voorlopig_symbool(cur["voorlopig"])),
                ]
            ),
            rm.Rij(
                [
                    rm.tekst(f"Projectie jaareinde {jaar} (lineair doorgetrokken)"),
                    rm.getal(cur["projectie_jaareinde"]),
                ],
                "totaal",
            ),
        ],
        d.bronnen.regel("cbs_asielverzoeken"),
        legenda=True,
        noot="Asielinstroom = eerste asielverzoeken + volgende asielverzoeken + nareizigers (CBS).",
    )
    if edities:
        h.tabel(
            f"MPP-prognoses van de asielinstroom {jaar} per editie",
            [
                rm.Kolom("Editie MPP", "l", "28%"),
                rm.Kolom("Minimum"),
                rm.Kolom("Midden"),
                rm.Kolom("Maximum"),
                rm.Kolom("Projectie t.o.v. midden"),
            ],
            [
                rm.Rij(
                    [
                        rm.tekst(e["editie"]),
                        rm.getal(e["mpp_min"]),
                        rm.getal(e["mpp_midden"]),
                        rm.getal(e["mpp_max"]),
                        rm.getal(
                            relatieve_verandering(cur["projectie_jaareinde"], e["mpp_midden"]),
                            verandering,
                        ),
                    ],
                    "totaal" if e["editie"] == cur["mpp_editie"] else "",
                )
                for e in edities
            ],
            d.bronnen.regel("mpp_prognose"),
            eenheid="personen",
            noot="Vetgedrukt: de editie waartegen dit hoofdstuk de realisatie toetst (de laatste "
            f"met een prognose voor {jaar}).",
        )
    return h
