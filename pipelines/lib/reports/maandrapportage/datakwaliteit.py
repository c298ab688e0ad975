"""Maandrapportage, chapter datakwaliteit."""

from __future__ import annotations

import re
from typing import Any

from pipelines.lib import (
    disclosure,
    formatting,
)
from pipelines.lib import editie as editie_mod
from pipelines.lib import report_model as rm
from pipelines.lib.catalogus import BRONNEN
from pipelines.lib.contracts import case_level_sources, load_contract
from pipelines.lib.editie import Levering
from pipelines.lib.formatting import (
    datum,
    getal,
    maand_jaar,
)
from pipelines.lib.reports.bronnen import (
    BEWERKING,
)
from pipelines.lib.reports.hoofdstuk import MaandData
from pipelines.lib.reports.tekst import (
    maand_kort_jaar,
)


def _controle(source: str, rule_id: str) -> str:
    """A rule as a reader knows it: its description in the contract, without the rule id (which is
    an internal name) and without where the reference list is kept."""
    for rule in load_contract(source).rules:
        if rule.rule_id == rule_id:
            tekst = (
                re.sub(r"\s*\([^)]*(?:/|\.csv)[^)]*\)", "", rule.description).strip().rstrip(".")
            )
            return f"controle '{tekst}'"
    return "controle van het datacontract"


def _reden(f: dict[str, Any], zaakniveau: bool) -> str:
    """One finding of a rejected delivery as the report shows it. For a source on case level only
    rule, column, row and a disclosed count: its values (a zaak_id, a date) stay internal."""
    parts = [_controle(f["source"], f["rule"])]
    if f["column_name"]:
        parts.append(f"kolom '{f['column_name']}'")
    if (
        f.get("line_number") is not None
    ):  # a text file: the line an editor shows, as valideer says it
        parts.append(f"regel {f['line_number']}")
    elif f["row_number"] is not None:
        parts.append(f"rij {f['row_number']}")
    if not zaakniveau:
        if f["value"] not in (None, ""):
            parts.append(f"waarde '{f['value']}'")
        if (f["occurrences"] or 1) > 1:
            parts.append(formatting.aantal(f["occurrences"], "keer", "keer"))
        return ", ".join(parts)
    n = disclosure.round_and_suppress(f["occurrences"])
    parts.append(f"{getal(n)} keer" if n is not None else "minder dan 10 keer")
    return ", ".join(parts) + " (waarde op zaakniveau, niet getoond)"


def _controle_uitkomst(lev: Levering | None, contract_alle_data: str | None) -> str:
    """Tabel 11.1's Controles cell in a word or two: geslaagd, n waarschuwingen, or what failed."""
    if lev is None:
        return formatting.ONBEKEND
    delen = (
        [formatting.aantal(lev.warning_count, "waarschuwing", "waarschuwingen")]
        if lev.warning_count
        else []
    )
    if contract_alle_data not in (None, "geslaagd"):
        delen.append(f"alle data: {contract_alle_data}")
    return "; ".join(delen) or "geslaagd"


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("datakwaliteit", nummer, "Datakwaliteit en bronnen")
    b = d.bronnen
    h.alinea(
        "Elke levering wordt vóór het laden gecontroleerd tegen het datacontract van de bron. "
        "Een levering die een foutregel schendt, wordt als geheel afgewezen en in quarantaine "
        "bewaard; de rapportage gebruikt dan de laatste goedgekeurde gegevens en meldt dat hier. "
        "Waarschuwingsregels laten een levering door en worden geteld."
    )
    if b.ontbrekend:
        h.alinea(
            f"Deze editie is onvolledig: niet elke bron dekt {maand_jaar(b.maand)}. Het gaat om "
            + "; ".join(
                f"{st.info.naam} ({st.dekking.reden if st.dekking else 'geen gegevens'})"
                for st in b.ontbrekend
            )
            + ". Zodra deze gegevens zijn geaccepteerd, verschijnt een nieuwe editie "
            "van deze maand."
        )
    h.waarschuwingen(b.waarschuwingen())
    rijen = []
    for st in b.status.values():
        lev = st.laatste
        tm = st.gegevens_tm
        rijen.append(
            rm.Rij(
                [
                    rm.tekst(st.info.naam),
                    rm.tekst(
                        f"{lev.file_name}\n{datum(lev.datum)}" if lev else "geen levering",
                        klasse="bestand",
                    ),
                    rm.tekst(f"v{lev.contract_version}" if lev else formatting.ONBEKEND),
                    rm.getal(len(st.geaccepteerd)),
                    rm.getal(len(st.afgewezen)),
                    rm.tekst(
                        _controle_uitkomst(lev, d.controles.get(st.source) if d.controles else None)
                    ),
                    rm.tekst(maand_kort_jaar(tm) if tm else formatting.ONBEKEND),
                    rm.Cel(
                        editie_mod.actualiteit(not st.verouderd),
                        editie_mod.actualiteit(not st.verouderd),
                        "l",
                        "verouderd" if st.verouderd else "",
                    ),
                ]
            )
        )
    h.tabel(
        "Leveringen per bron",
        [
            rm.Kolom("Bron", "l", "19%"),
            rm.Kolom("Laatste geaccepteerde levering", "l", "26%"),
            rm.Kolom("Contract", "l", "8%"),
            rm.Kolom("Geaccep\u00adteerd", "r", "9%"),
            rm.Kolom("Afge\u00adwezen", "r", "8%"),
            rm.Kolom("Controles", "l", "10%"),
            rm.Kolom("Gegevens t/m", "l", "10%"),
            rm.Kolom("Actualiteit", "l", "10%"),
        ],
        rijen,
        f"Bron: leveringenregister Ketenmonitor; {BEWERKING}",
        kort=False,
        klein=True,
        noot="Controles: de laatste levering tegen het datacontract van de bron en, "
        "bij het inlezen, het contract over alle geladen gegevens van de bron; "
        "waarschuwingen laten een levering door. Actueel: de gegevens reiken tot en "
        "met de verslagmaand (halfjaar- en jaarbronnen: de periode waarin die valt; MPP: "
        "een editie van ten hoogste twaalf maanden oud).",
    )
    afgewezen = [lev for st in b.status.values() for lev in st.afgewezen]
    if afgewezen:
        bevindingen = d.rows("bevindingen", max_per_levering=5)
        per_levering: dict[int, list[dict[str, Any]]] = {}
        for f in bevindingen:
            per_levering.setdefault(f["delivery_id"], []).append(f)
        rijen = []
        for lev in afgewezen:
            zaakniveau = lev.source in case_level_sources()
            redenen = per_levering.get(lev.delivery_id, [])
            reden_tekst = "; ".join(_reden(f, zaakniveau) for f in redenen) or (
                "zie het interne leveringenregister"
                if zaakniveau
                else (lev.reasons or "").replace("\n", "; ")
            )
            rijen.append(
                rm.Rij(
                    [
                        rm.tekst(BRONNEN[lev.source].naam),
                        rm.tekst(lev.file_name, klasse="breek"),
                        rm.tekst(datum(lev.datum)),
                        rm.getal(
                            disclosure.round_and_suppress(lev.error_count)
                            if zaakniveau
                            else lev.error_count
                        ),
                        rm.tekst(reden_tekst, klasse="breek"),
                    ]
                )
            )
        h.tabel(
            "Afgewezen leveringen en de redenen",
            [
                rm.Kolom("Bron", "l", "17%"),
                rm.Kolom("Bestand", "l", "20%"),
                rm.Kolom("Datum", "l", "12%"),
                rm.Kolom("Fouten", "r", "7%"),
                rm.Kolom("Redenen (ten hoogste vijf per levering)", "l", "44%"),
            ],
            rijen,
            f"Bron: leveringenregister en quarantaine Ketenmonitor; {BEWERKING}",
            kort=False,
        )
    else:
        h.alinea("Er zijn geen leveringen afgewezen.")
    opvallend = d.rows("opvallend", max=15)
    if opvallend:
        h.tabel(
            "Opvallende geaccepteerde leveringen",
            [
                rm.Kolom("Bron", "l", "17%"),
                rm.Kolom("Bestand", "l", "20%"),
                rm.Kolom("Melding", "l", "63%"),
            ],
            [
                rm.Rij(
                    [
                        rm.tekst(
                            BRONNEN[r["source"]].naam if r["source"] in BRONNEN else r["source"]
                        ),
                        rm.tekst(r["file_name"], klasse="breek"),
                        rm.tekst(_opvallend(r), klasse="breek"),
                    ]
                )
                for r in opvallend
            ],
            f"Bron: leveringenregister Ketenmonitor; {BEWERKING}",
            kort=False,
            noot="Geladen, maar opvallend ten opzichte van de eigen geschiedenis van de bron, een "
            "herziening van een definitieve periode, of een levering die ouder is dan de huidige. "
            "Ten hoogste 15 meldingen, nieuwste eerst.",
        )
    return h


def _opvallend(r: dict[str, Any]) -> str:
    """A warning of an accepted delivery as the report shows it: the explanation in brackets,
    without the file name that has its own column. Case-level sources:
    rule and disclosed count only."""
    if r["source"] in case_level_sources():
        n = disclosure.round_and_suppress(r["occurrences"])
        return f"regel {r['rule']}, {getal(n) + ' keer' if n is not None else 'minder dan 10 keer'}"
    text = r["message"]
    start, end = text.find("("), text.rfind(")")
    return text[start + 1 : end] if 0 <= start < end else text
