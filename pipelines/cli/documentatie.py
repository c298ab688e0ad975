"""`ketenmonitor datadictionary` and `ketenmonitor export`."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipelines.cli.omgeving import out
from pipelines.lib import datadictionary, export, paths


def cmd_datadictionary(args: argparse.Namespace) -> int:
    """docs/datadictionary.md from the current published snapshot (its own tables, columns, types
    and comments), or with --check whether the file still matches that snapshot."""

    snapshot = paths.published_db()
    if not snapshot.exists():
        out(
            "Er is nog geen gepubliceerde snapshot om de datadictionary uit te maken; "
            "draai eerst: ketenmonitor run"
        )
        return 1
    target = datadictionary.datadictionary_path()
    text = datadictionary.datadictionary_markdown(snapshot)
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            out(
                f"{target} wijkt af van de gepubliceerde snapshot; maak hem opnieuw met: "
                "ketenmonitor datadictionary"
            )
            return 1
        out(f"{target} is actueel.")
        return 0
    datadictionary.write_datadictionary(target, snapshot)
    out(f"Geschreven: {target} (uit {snapshot})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:

    if not (args.csv or args.xlsx):
        out(
            "Geef een map met --csv MAP (CSV voor Nederlandse Excel) of --xlsx MAP (één "
            "Excel-werkboek), of beide."
        )
        return 2
    if not paths.published_db().exists():
        out("Er is nog geen gepubliceerde snapshot; draai eerst: ketenmonitor run")
        return 1
    if args.csv:
        for path in export.export_csv(Path(args.csv).expanduser().resolve()):
            out(f"  {path}")
    if args.xlsx:
        out(f"  {export.export_xlsx(Path(args.xlsx).expanduser().resolve())}")
    return 0
