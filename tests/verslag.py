"""The reliability report: tests note what they tried and what they saw, and the test session
writes `docs/betrouwbaarheid.md` from those notes (`make betrouwbaarheid`; under `make test` it goes
to a temporary folder and only the summary line is printed).

Each note is one JSON line in a folder shared by all xdist workers, so the report is the same
whichever worker ran which test. Nothing here judges: the tests assert, the report tells.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

ENV = "KETENMONITOR_PROEFVERSLAG_MAP"  # where the notes of this session go
DOC_ENV = "KETENMONITOR_BETROUWBAARHEID_DOC"  # where the report goes (make betrouwbaarheid)

SECTIONS = {
    "corpus": "Corpus van slechte leveringen",
    "breekpunt": "Runs afgebroken met SIGKILL",
    "gelijktijdig": "Gelijktijdige runs en andere houders van het warehouse",
    "aanval": "Aanvallen op de landingsmap en de CBS-client",
    "groot": "Grote bestanden",
}


def noteer(categorie: str, geval: str, uitkomst: dict[str, Any]) -> None:
    """Note one case; a no-op outside a test session that collects notes."""
    folder = os.environ.get(ENV)
    if not folder or categorie not in SECTIONS:
        return
    record = {"categorie": categorie, "geval": geval, "uitkomst": uitkomst}
    path = Path(folder) / f"{os.getpid()}-{uuid.uuid4().hex[:8]}.json"
    path.write_text(json.dumps(record, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def notities(folder: Path) -> list[dict[str, Any]]:
    out = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    return sorted(out, key=lambda r: (list(SECTIONS).index(r["categorie"]), r["geval"]))


def _cell(value: Any) -> str:
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    if value is None:
        return "–"
    return str(value).replace("|", "\\|").replace("\n", " ")


def samenvatting(records: list[dict[str, Any]]) -> dict[str, int]:
    by = defaultdict(list)
    for r in records:
        by[r["categorie"]].append(r["uitkomst"])
    corpus, kills, samen = by["corpus"], by["breekpunt"], by["gelijktijdig"]
    return {
        "corpusgevallen": len(corpus),
        "bronnen_in_corpus": len({r["bron"] for r in corpus}),
        "verloren_of_half_geladen": sum(
            1
            for r in corpus
            if r["verwacht"] == "afgewezen"
            and (not r["niets_veranderd"] or not r["in_quarantaine"])
        ),
        "zonder_verwachte_melding": sum(1 for r in corpus if not r["melding_gevonden"]),
        "breekpunten": len(kills),
        "gemengde_edities": sum(1 for r in kills if r["gemengde_editie"]),
        "achtergebleven_tijdelijke_bestanden": sum(r["restanten"] for r in kills),
        "wachten_op_dode_runs": sum(1 for r in kills if r["gewacht_op_dode_run"])
        + sum(1 for r in samen if r.get("gewacht_op_dode_run")),
        "herhalingen_niet_bytegelijk": sum(1 for r in kills if not r["herhaling_bytegelijk"]),
        "gelijktijdige_proeven": len(samen),
        "aanvallen": len(by["aanval"]),
        "grote_bestanden": len(by["groot"]),
    }


def markdown(records: list[dict[str, Any]]) -> str:
    totals = samenvatting(records)
    lines = [
        "# Betrouwbaarheid: wat is geprobeerd en wat er gebeurde",
        "",
        "Dit document wordt geschreven door de tests zelf (`make betrouwbaarheid`). "
        "Elke regel is een",
        "geval dat een test heeft uitgevoerd, met wat er werkelijk gebeurde; "
        "de test faalt als de uitkomst",
        "niet is wat hier als verwacht staat. Bij `make test` gaat hetzelfde verslag "
        "naar een tijdelijke",
        "map en staat alleen de samenvatting in de uitvoer.",
        "",
        "## Samenvatting",
        "",
        "| wat | aantal |",
        "|---|---:|",
        *(f"| {k.replace('_', ' ')} | {v} |" for k, v in totals.items()),
        "",
    ]
    by = defaultdict(list)
    for r in records:
        by[r["categorie"]].append(r)
    for key, title in SECTIONS.items():
        rows = by.get(key, [])
        lines += [f"## {title}", ""]
        if not rows:
            lines += ["Geen gevallen in deze sessie.", ""]
            continue
        columns = sorted({c for r in rows for c in r["uitkomst"]})
        lines += [
            "| geval | " + " | ".join(c.replace("_", " ") for c in columns) + " |",
            "|---|" + "---|" * len(columns),
        ]
        lines += [
            "| "
            + _cell(r["geval"])
            + " | "
            + " | ".join(_cell(r["uitkomst"].get(c)) for c in columns)
            + " |"
            for r in rows
        ]
        lines.append("")
    return "\n".join(lines)


def schrijf(folder: Path, doc: Path | None) -> tuple[Path, dict[str, int]] | None:
    records = notities(folder)
    if not records:
        return None
    target = doc or folder / "betrouwbaarheid.md"
    target.write_text(markdown(records), encoding="utf-8")
    return target, samenvatting(records)
