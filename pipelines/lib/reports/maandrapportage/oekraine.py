"""Maandrapportage, chapter oekraine."""

from __future__ import annotations

from pipelines.lib import (
    charts,
    formatting,
)
from pipelines.lib import report_model as rm
from pipelines.lib.charts import Reeks
from pipelines.lib.formatting import (
    datum,
    euro_kort,
    getal,
    maand_jaar,
)
from pipelines.lib.reports.hoofdstuk import MaandData
from pipelines.lib.reports.tekst import (
    W_2,
    W_MLN,
    W_PCT,
    label_maand,
    pct,
)


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("oekraine", nummer, "Oekraïense ontheemden")
    m = d.maand
    bron = d.bronnen.regel("oekraine_opvang")
    h.waarschuwingen(d.bronnen.waarschuwingen("oekraine_opvang"))
    rows = d.rows("oekraine", van=d.van, maand=m)
    if not rows:
        h.alinea(
            "Er zijn geen gegevens over de opvang van ontheemden uit Oekraïne in de verslagperiode."
        )
        return h
    cur = rows[-1]
    h.alinea(
        f"Op {datum(cur['peildatum'])} vingen gemeenten {getal(cur['bezetting'])} "
        f"ontheemden uit Oekraïne op, in {getal(cur['opvangplekken'])} opvangplekken "
        f"(bezettingsgraad {pct(cur['bezettingsgraad_pct'])}). Bij een normbedrag van "
        f"€ {getal(cur['kostprijs_per_plek_per_dag'], 2)} per plek per dag kost dat op jaarbasis "
        f"{euro_kort(cur['kosten_per_jaar'])}. De tijdelijke bescherming onder de "
        f"Richtlijn Tijdelijke Bescherming loopt tot {datum(cur['rtb_einddatum'])}: "
        f"nog {formatting.aantal(cur['dagen_tot_einde_rtb'], 'dag', 'dagen')} na de peildatum."
    )
    h.figuur(
        "Opvangplekken en bezetting gemeentelijke opvang Oekraïense ontheemden",
        charts.grafiek(
            titel="Opvangplekken en bezetting gemeentelijke opvang Oekraïense ontheemden",
            samenvatting=(
                f"Lijnen per maand van {maand_jaar(rows[0]['maand'])} tot en met "
                f"{maand_jaar(cur['maand'])}; laatste maand {getal(cur['opvangplekken'])} plekken "
                f"en bezetting {getal(cur['bezetting'])}."
            ),
            categorieen=[label_maand(r["maand"]) for r in rows],
            reeksen=[
                Reeks("Bezetting", [r["bezetting"] for r in rows]),
                Reeks(
                    "Opvangplekken",
                    [r["opvangplekken"] for r in rows],
                    soort="lijn",
                    kleur="#1a1a1a",
                    gestippeld=True,
                ),
            ],
            as_label="personen",
        ),
        bron,
    )
    h.tabel(
        "Gemeentelijke opvang Oekraïense ontheemden per maand",
        [
            rm.Kolom("Stand eind", "l", "20%"),
            rm.Kolom("Opvangplekken", "r", "15%"),
            rm.Kolom("Bezetting", "r", "13%"),
            rm.Kolom("Bezettingsgraad", "r", "15%"),
            rm.Kolom("Normbedrag per plek per dag (€)", "r", "18%"),
            rm.Kolom("Kosten op jaarbasis (€ mln)", "r", "19%"),
        ],
        [
            rm.Rij(
                [
                    rm.tekst(maand_jaar(r["maand"])),
                    rm.getal(r["opvangplekken"]),
                    rm.getal(r["bezetting"]),
                    rm.getal(r["bezettingsgraad_pct"], W_PCT),
                    rm.getal(r["kostprijs_per_plek_per_dag"], W_2),
                    rm.getal(r["kosten_per_jaar"], W_MLN),
                ]
            )
            for r in rows[-6:]
        ],
        bron,
    )
    return h
