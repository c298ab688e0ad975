"""`ketenmonitor valideer`: a chain partner checks a file against its contract before sending it;
nothing is loaded."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pipelines.cli.omgeving import out
from pipelines.lib import paths


def _history_note(contract: Any, path: Path, result: Any) -> str:
    """Add the warnings against the source's history (plausibility, definitive periods, older
    deliveries), read from the internal warehouse when no run holds it; returns a note when not."""
    import duckdb

    from pipelines.lib import revisies, warehouse
    from pipelines.lib.validation import arrival_today

    if not result.accepted:
        return ""
    if not paths.warehouse_db().exists():
        return "nog geen warehouse: niet vergeleken met eerdere leveringen"
    try:
        with warehouse.connect(read_only=True) as conn:
            found = revisies.history_findings(conn, contract, path, result, arrival_today())
    except duckdb.IOException:
        return "het warehouse is in gebruik door een run: niet vergeleken met eerdere leveringen"
    except duckdb.CatalogException:  # a warehouse of an older version, not yet opened by a run
        return (
            "het warehouse is van een oudere versie: niet vergeleken met eerdere leveringen "
            "(draai eerst een run)"
        )
    result.add(found.findings, found.counts)
    return ""


def cmd_valideer(args: argparse.Namespace) -> int:
    from pipelines.lib.contracts import SOURCES, load_contract
    from pipelines.lib.validation import validate_delivery

    given = Path(args.bestand).expanduser()
    if given.is_symlink():
        # the pipeline never follows a link in the landing folder; valideer says the same
        from pipelines.lib.landingsmap import Refused

        source = args.bron or given.parent.name
        out(
            Refused(
                source,
                f"{source}/{given.name}",
                "het is een symbolische koppeling (symlink); de "
                "landingsmap is een grens en koppelingen worden niet gevolgd.",
            ).message
        )
        return 1
    path = given.resolve()
    if not path.is_file():
        out(f"Bestand niet gevonden: {path}")
        return 2
    source = args.bron or path.parent.name
    if source not in SOURCES:
        out(
            f"Kan de bron niet afleiden uit de map {path.parent.name!r}; geef --bron, een van: "
            f"{', '.join(SOURCES)}"
        )
        return 2
    contract = load_contract(source)
    result = validate_delivery(contract, path)
    history = _history_note(contract, path, result)
    out(f"{source} (contract v{contract.version}): {result.summary()}")
    for line in result.reason_lines("error") + result.reason_lines("warning"):
        out(f"  - {line}")
    if history:
        out(f"  ({history})")
    if not result.accepted:
        out("Deze levering zou worden AFGEWEZEN: niets geladen, bestand in quarantaine.")
        return 1
    out("Deze levering zou worden geaccepteerd.")
    return 0
