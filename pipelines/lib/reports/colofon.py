"""The colofon of both documents: what the edition rests on."""

from __future__ import annotations

from pipelines.lib import (
    catalogus,
)
from pipelines.lib import report_model as rm
from pipelines.lib.editie import invoer_hash
from pipelines.lib.formatting import (
    maand_jaar,
)
from pipelines.lib.reports.bronnen import (
    BEWERKING,
    Bronnen,
    opgemaakt,
    volledigheid,
)
from pipelines.lib.reports.instellingen import organisatie
from pipelines.lib.versioning import code_version


def colofon(b: Bronnen, nummer: str, document: str, titel: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk(
        "colofon",
        nummer,
        "Verantwoording en colofon",
        klasse="colofon",
        kopnummer=f"Bijlage {nummer}",
    )
    h.gegevens(
        [
            ("Titel", titel),
            ("Uitgave", organisatie()),
            ("Verslagmaand", maand_jaar(b.maand)),
            ("Partitie", b.maand.strftime("%Y-%m")),
            ("Editie", b.editie_id),
            ("Volledigheid", volledigheid(b, document)),
            ("Versie programmatuur", code_version()),
            ("Opgemaakt", opgemaakt(b)),
        ]
    )
    h.alinea(
        "De editie is een hash van de invoer (de sha256 van elke levering waarop deze uitgave "
        "berust) en de versie van de programmatuur. Dezelfde invoer en programmatuur geven "
        "dezelfde editie en een bytegelijk document. De Dagster-run waarin het document is "
        "gemaakt, staat in het runlogboek en in de analistenomgeving.",
        "klein",
    )
    rijen = []
    for source in catalogus.DOCUMENTEN[document].bronnen:
        st = b.status[source]
        levs = st.geaccepteerd + st.afgewezen
        rijen.append(
            rm.Rij(
                [
                    rm.tekst(st.info.naam),
                    rm.getal(len(levs)),
                    rm.tekst(st.laatste.file_name if st.laatste else "geen", klasse="breek"),
                    rm.tekst(st.laatste.sha256 if st.laatste else "", klasse="hash"),
                    rm.tekst(invoer_hash(levs) if levs else "", klasse="hash"),
                ]
            )
        )
    h.tabel(
        "Invoer van deze editie",
        [
            rm.Kolom("Bron", "l", "21%"),
            rm.Kolom("Leve­ringen", "r", "9%"),
            rm.Kolom("Laatste levering", "l", "20%"),
            rm.Kolom("sha256 laatste levering", "l", "25%"),
            rm.Kolom("sha256 over alle leveringen", "l", "25%"),
        ],
        rijen,
        f"Bron: leveringenregister Ketenmonitor; {BEWERKING}",
        kort=False,
        noot="sha256 over alle leveringen: de hash van de gesorteerde sha256-waarden van alle "
        "leveringen van de bron (geaccepteerd en afgewezen) die deze editie gebruikt.",
    )
    h.alinea(
        "Lettertype: Inter (SIL Open Font License 1.1). Symbolen: * voorlopig cijfer, "
        "** nader voorlopig cijfer, . cijfer onbekend, onvoldoende betrouwbaar of niet getoond. "
        "Bedragen in tabellen zijn, tenzij anders vermeld, in duizenden euro's. Cijfers uit "
        "zaakgegevens zijn afgerond op tientallen; aantallen onder 10 zijn niet getoond.",
        "klein",
    )
    return h
