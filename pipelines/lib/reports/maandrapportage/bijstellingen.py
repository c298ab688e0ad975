"""Maandrapportage, chapter bijstellingen."""

from __future__ import annotations

from pipelines.lib import (
    formatting,
    vergelijking,
)
from pipelines.lib import report_model as rm
from pipelines.lib.catalogus import BRONNEN
from pipelines.lib.formatting import (
    getal,
    maand_jaar,
)
from pipelines.lib.perioden import add_months, periode_bereik
from pipelines.lib.reports.bronnen import (
    BEWERKING,
)
from pipelines.lib.reports.hoofdstuk import MaandData
from pipelines.lib.reports.tekst import (
    geleverde_waarde,
)


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("bijstellingen", nummer, "Bijstellingen t.o.v. vorige editie")
    m = d.maand
    _bijstellingen_editie(d, h)
    h.alinea(
        "Herleveringen. Een ketenpartner kan cijfers over een periode opnieuw leveren. "
        "De nieuwste levering telt; de vorige blijft bewaard. De tabellen hieronder tonen per "
        "bron wat een herlevering veranderde ten opzichte van de levering ervoor."
    )
    samenvatting = d.rows("bijstellingen_samenvatting", maand=m)
    if not samenvatting:
        h.alinea("Er zijn geen herleveringen: geen periode is opnieuw geleverd.")
        return h
    h.tabel(
        "Herleveringen per bron",
        [
            rm.Kolom("Bron", "l", "20%"),
            rm.Kolom("Nieuwe levering", "l", "20%"),
            rm.Kolom("Vorige levering", "l", "20%"),
            rm.Kolom("Perioden", "r", "9%"),
            rm.Kolom("Gewijzigde waarden", "r", "11%"),
            rm.Kolom("Nieuwe regels", "r", "10%"),
            rm.Kolom("Vervallen regels", "r", "10%"),
        ],
        [
            rm.Rij(
                [
                    rm.tekst(BRONNEN[r["bron"]].naam if r["bron"] in BRONNEN else r["bron"]),
                    rm.tekst(r["levering"], klasse="breek"),
                    rm.tekst(r["vorige_levering"], klasse="breek"),
                    rm.getal(r["perioden"]),
                    rm.getal(r["gewijzigd"]),
                    rm.getal(r["nieuw"]),
                    rm.getal(r["vervallen"]),
                ]
            )
            for r in samenvatting
        ],
        f"Bron: leveringenregister Ketenmonitor; {BEWERKING}",
        noot="Een gewijzigde waarde is één cel (sleutel x kolom) die in de nieuwe levering "
        "anders is dan in de vorige, inclusief wijzigingen van de status (voorlopig, "
        "nader voorlopig, definitief).",
    )
    herzien = [r for r in d.rows("opvallend", max=50) if r["rule"].endswith(".definitief_herzien")]
    if herzien:
        h.waarschuwingen(
            [
                rm.Waarschuwing(
                    r["source"],
                    BRONNEN[r["source"]].naam if r["source"] in BRONNEN else r["source"],
                    f"{r['file_name']} wijzigt {getal(r['occurrences'])} "
                    f"{'rij' if r['occurrences'] == 1 else 'rijen'} van perioden die de "
                    "bron al definitief had verklaard; de nieuwe cijfers zijn gebruikt (zie "
                    "Datakwaliteit en bronnen).",
                )
                for r in {r["delivery_id"]: r for r in herzien}.values()
            ]
        )
    cbs = d.rows("bijstellingen_instroom", van=d.van, maand=m)
    if cbs:
        rijen = []
        for r in cbs:
            rijen.append(
                rm.Rij(
                    [
                        rm.tekst(maand_jaar(r["maand"])),
                        rm.getal(r["eerste_oud"]),
                        rm.getal(r["eerste_nieuw"]),
                        rm.getal(
                            None
                            if r["eerste_oud"] is None or r["eerste_nieuw"] is None
                            else r["eerste_nieuw"] - r["eerste_oud"],
                            formatting.getal_teken,
                        ),
                        rm.getal(r["totaal_oud"]),
                        rm.getal(r["totaal_nieuw"]),
                        rm.getal(
                            None
                            if r["totaal_oud"] is None or r["totaal_nieuw"] is None
                            else r["totaal_nieuw"] - r["totaal_oud"],
                            formatting.getal_teken,
                        ),
                        rm.tekst(
                            f"{r['status_oud'].lower()} → {r['status_nieuw'].lower()}"
                            if r["status_oud"] and r["status_nieuw"]
                            else ""
                        ),
                    ]
                )
            )
        h.tabel(
            "Bijstelling asielinstroom per maand (CBS, landelijk totaal)",
            [
                rm.Kolom("Maand", "l", "16%"),
                rm.Kolom("Eerste, was", "r", "10%"),
                rm.Kolom("Eerste, nu", "r", "10%"),
                rm.Kolom("Verschil", "r", "9%"),
                rm.Kolom("Totaal, was", "r", "10%"),
                rm.Kolom("Totaal, nu", "r", "10%"),
                rm.Kolom("Verschil", "r", "9%"),
                rm.Kolom("Status", "l", "26%"),
            ],
            rijen,
            d.bronnen.regel("cbs_asielverzoeken"),
            eenheid="personen",
            noot="Een lege cel: die waarde is niet veranderd.",
        )
    overig = d.rows("bijstellingen_overig", max=25, maand=m)
    if overig:
        h.tabel(
            "Gewijzigde waarden overige bronnen (meest recente perioden)",
            [
                rm.Kolom("Bron", "l", "22%"),
                rm.Kolom("Periode", "l", "11%"),
                rm.Kolom("Regel", "l", "27%"),
                rm.Kolom("Kolom", "l", "18%"),
                rm.Kolom("Was", "r", "11%"),
                rm.Kolom("Nu", "r", "11%"),
            ],
            [
                rm.Rij(
                    [
                        rm.tekst(BRONNEN[r["bron"]].naam if r["bron"] in BRONNEN else r["bron"]),
                        rm.tekst(r["periode"]),
                        rm.tekst(r["sleutel"], klasse="breek"),
                        rm.tekst(r["kolom"] or r["soort"]),
                        rm.tekst(
                            geleverde_waarde(r["oud"])
                            if r["soort"] == "gewijzigd"
                            else ("" if r["soort"] == "nieuw" else "vervallen"),
                            "r",
                        ),
                        rm.tekst(
                            geleverde_waarde(r["nieuw"])
                            if r["soort"] == "gewijzigd"
                            else ("nieuw" if r["soort"] == "nieuw" else ""),
                            "r",
                        ),
                    ]
                )
                for r in overig
            ],
            f"Bron: leveringenregister Ketenmonitor; {BEWERKING}",
            noot="Ten hoogste 25 rijen; alle bijstellingen staan in de tabel "
            "rapportage.bijstellingen van de analistenomgeving.",
        )
    return h


def _bijstellingen_editie(d: MaandData, h: rm.Hoofdstuk) -> None:
    """The first half of the chapter: this edition's figures against
    the previous month's edition."""
    ed = d.bronnen.editie
    if ed is None:
        return
    changed, vorige = vergelijking.vergelijk(d.conn, ed)
    vorige_maand = add_months(d.maand, -1)
    if vorige is None:
        h.alinea(
            f"Er is geen editie van {maand_jaar(vorige_maand)} in het archief; "
            "deze editie wordt daarom niet met een vorige vergeleken."
        )
        return
    if changed.is_empty():
        h.alinea(
            f"Ten opzichte van de editie van {maand_jaar(vorige_maand)} ({vorige.editie}) "
            "is geen van de vergeleken cijfers veranderd."
        )
        return
    aantal = (
        "is 1 gepubliceerd cijfer"
        if changed.height == 1
        else f"zijn {getal(changed.height)} gepubliceerde cijfers"
    )
    h.alinea(
        f"Ten opzichte van de editie van {maand_jaar(vorige_maand)} ({vorige.editie}) "
        f"{aantal} veranderd. De tabel toont per cijfer de oude en de nieuwe waarde en de reden; "
        "alle wijzigingen staan in rapportage.bijstellingen_editie."
    )
    rijen = [
        rm.Rij(
            [
                rm.tekst(r["figuur"]),
                rm.tekst(_periode_label(r["periode"])),
                rm.getal(r["vorige_waarde"]),
                rm.getal(r["waarde"]),
                rm.getal(r["verschil"], formatting.getal_teken),
                rm.tekst(r["reden"], klasse="breek"),
            ]
        )
        for r in changed.head(25).iter_rows(named=True)
    ]
    h.tabel(
        f"Cijfers die veranderden t.o.v. de editie van {maand_jaar(vorige_maand)}",
        [
            rm.Kolom("Cijfer", "l", "24%"),
            rm.Kolom("Periode", "l", "13%"),
            rm.Kolom("Was", "r", "10%"),
            rm.Kolom("Nu", "r", "10%"),
            rm.Kolom("Verschil", "r", "9%"),
            rm.Kolom("Reden", "l", "34%"),
        ],
        rijen,
        f"Bron: editiearchief Ketenmonitor; {BEWERKING}",
        noot="Ten hoogste 25 rijen, nieuwste perioden eerst. IND-cijfers zijn "
        "afgerond op tientallen.",
    )


def _periode_label(periode: str) -> str:
    bereik = periode_bereik(periode)
    return maand_jaar(bereik[0]) if bereik and bereik[0] == bereik[1] else periode
