"""Maandrapportage, chapter datakwaliteit."""

from __future__ import annotations

import re
from typing import Any

from pipelines.lib import disclosure, formatting
from pipelines.lib import editie as editie_mod
from pipelines.lib import report_model as rm
from pipelines.lib.catalogus import BRONNEN
from pipelines.lib.contracts import case_level_sources, load_contract
from pipelines.lib.editie import Levering
from pipelines.lib.formatting import datum, getal
from pipelines.lib.reports.bronnen import BEWERKING
from pipelines.lib.reports.hoofdstuk import MaandData, uit_sjabloon
from pipelines.lib.reports.tekst import maand_kort_jaar


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


def leveringen_rijen(d: MaandData) -> list[rm.Rij]:
    """Tabel 11.1, a row per source: its latest accepted delivery, the counts, the outcome of the
    checks, how far its data reach and whether that is current (a stale source has its class)."""
    rijen = []
    for st in d.bronnen.status.values():
        lev = st.laatste
        tm = st.gegevens_tm
        actualiteit = editie_mod.actualiteit(not st.verouderd)
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
                    rm.Cel(actualiteit, actualiteit, "l", "verouderd" if st.verouderd else ""),
                ]
            )
        )
    return rijen


def afgewezen_rijen(d: MaandData) -> list[dict[str, Any]]:
    """The rejected deliveries with their reasons (at most five findings each); for a source on
    case level the error count disclosed and no values."""
    afgewezen = [lev for st in d.bronnen.status.values() for lev in st.afgewezen]
    if not afgewezen:
        return []
    per_levering: dict[int, list[dict[str, Any]]] = {}
    for f in d.rows("bevindingen", max_per_levering=5):
        per_levering.setdefault(f["delivery_id"], []).append(f)
    rijen = []
    for lev in afgewezen:
        zaakniveau = lev.source in case_level_sources()
        redenen = per_levering.get(lev.delivery_id, [])
        rijen.append(
            {
                "naam": BRONNEN[lev.source].naam,
                "file_name": lev.file_name,
                "datum": lev.datum,
                "fouten": disclosure.round_and_suppress(lev.error_count)
                if zaakniveau
                else lev.error_count,
                "redenen": "; ".join(_reden(f, zaakniveau) for f in redenen)
                or (
                    "zie het interne leveringenregister"
                    if zaakniveau
                    else (lev.reasons or "").replace("\n", "; ")
                ),
            }
        )
    return rijen


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


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    b = d.bronnen
    return uit_sjabloon(
        "maandrapportage/11_datakwaliteit.html.j2",
        rm.Hoofdstuk("datakwaliteit", nummer, "Datakwaliteit en bronnen"),
        maand=b.maand,
        ontbrekend=b.ontbrekend,
        waarschuwingen_bron=b.waarschuwingen(),
        leveringen=leveringen_rijen(d),
        afgewezen=afgewezen_rijen(d),
        opvallend=[
            r
            | {
                "naam": BRONNEN[r["source"]].naam if r["source"] in BRONNEN else r["source"],
                "melding": _opvallend(r),
            }
            for r in d.rows("opvallend", max=15)
        ],
        bewerking=BEWERKING,
    )
