"""Maandrapportage, chapter bijlage_taakstelling."""

from __future__ import annotations

from pipelines.lib import (
    formatting,
)
from pipelines.lib import report_model as rm
from pipelines.lib.formatting import (
    maand_jaar,
)
from pipelines.lib.reports.hoofdstuk import MaandData
from pipelines.lib.reports.tekst import (
    voorlopig_symbool,
)


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk(
        "bijlage-taakstelling", nummer, "Taakstelling per gemeente", kopnummer=f"Bijlage {nummer}"
    )
    rows = d.rows("taakstelling_gemeenten", maand=d.maand)
    bron = d.bronnen.regel("taakstelling", "huisvesting_realisatie")
    if not rows:
        h.alinea("Er zijn geen taakstellingsgegevens voor de verslagmaand.")
        return h
    periode = rows[0]["periode"]
    h.alinea(
        f"Per gemeente de taakstelling voor het {formatting.halfjaar(periode)}, "
        "het saldo uit eerdere halfjaren, het aantal vergunninghouders dat in dit halfjaar tot "
        f"en met {maand_jaar(d.maand)} is gehuisvest, de achterstand en de resterende opgave. "
        "Een negatief saldo is een voorsprong uit eerdere halfjaren."
    )
    rijen = [
        rm.Rij(
            [
                rm.tekst(r["gemeentenaam"]),
                rm.tekst(r["gemeentecode"]),
                rm.getal(r["taakstelling"] if r["taakstelling_bekend"] else None),
                rm.getal(r["saldo_begin"]),
                rm.getal(r["gehuisvest_halfjaar_tm"]),
                rm.getal(r["achterstand"], symbool=voorlopig_symbool(r["voorlopig"])),
                rm.getal(r["resterende_opgave"]),
            ]
        )
        for r in rows
    ]
    rijen.append(
        rm.Rij(
            [
                rm.tekst(f"Totaal ({formatting.aantal(len(rows), 'gemeente', 'gemeenten')})"),
                rm.leeg(),
                rm.getal(sum(r["taakstelling"] for r in rows if r["taakstelling_bekend"])),
                rm.getal(sum(r["saldo_begin"] for r in rows)),
                rm.getal(sum(r["gehuisvest_halfjaar_tm"] for r in rows)),
                rm.getal(sum(r["achterstand"] for r in rows)),
                rm.getal(sum(r["resterende_opgave"] for r in rows)),
            ],
            "totaal",
        )
    )
    h.tabel(
        f"Taakstelling, achterstand en resterende opgave per gemeente, eind {maand_jaar(d.maand)}",
        [
            rm.Kolom("Gemeente", "l", "25%"),
            rm.Kolom("Code", "l", "10%"),
            rm.Kolom("Taakstelling halfjaar", "r", "13%"),
            rm.Kolom("Saldo vorige halfjaren", "r", "13%"),
            rm.Kolom("Gehuisvest in halfjaar", "r", "13%"),
            rm.Kolom("Achterstand", "r", "13%"),
            rm.Kolom("Resterende opgave", "r", "13%"),
        ],
        rijen,
        bron,
        eenheid="vergunninghouders",
        lang=True,
        kort=False,
        legenda=True,
    )
    return h
