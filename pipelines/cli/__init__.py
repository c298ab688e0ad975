"""`ketenmonitor`: run, validate, inspect and publish from the command line.

    ketenmonitor run [--maand JJJJ-MM]          the monthly job in process, with readable progress
    ketenmonitor backfill --van JJJJ-MM --tot JJJJ-MM
    ketenmonitor valideer <bestand> [--bron BRON]
    ketenmonitor status
    ketenmonitor datadictionary [--check]
    ketenmonitor export (--csv MAP | --xlsx MAP)

Runs use the Dagster instance in DAGSTER_HOME (default: .dagster_home in the project, with
telemetry off), so they show up in the UI like scheduled runs. Dagster and Great Expectations
are imported only by the commands that need them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import dotenv

from pipelines.cli import afsluiten  # first: its exit handler runs after the libraries' (see there)
from pipelines.cli.documentatie import cmd_datadictionary, cmd_export
from pipelines.cli.draaien import cmd_backfill, cmd_run
from pipelines.cli.omgeving import JOB_NAME, month_argument
from pipelines.cli.status import cmd_status
from pipelines.cli.valideer import cmd_valideer
from pipelines.lib import argparse_nl


def build_parser() -> argparse.ArgumentParser:
    from pipelines.lib.contracts import SOURCES

    argparse_nl.install()
    parser = argparse.ArgumentParser(
        prog="ketenmonitor", description="Ketenmonitor Asiel en Migratie"
    )
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="opdracht", title="opdrachten"
    )
    run = sub.add_parser(
        "run",
        help="de maandelijkse run voor één maand (standaard: de laatste maand in de leveringen)",
        description="Lees nieuwe leveringen in en maak de editie van één verslagmaand.",
    )
    run.add_argument(
        "--maand",
        type=month_argument,
        metavar="JJJJ-MM",
        help="verslagmaand (standaard: de laatste maand die elke maandbron dekt)",
    )
    run.set_defaults(handler=cmd_run)
    backfill = sub.add_parser(
        "backfill",
        help="de maandelijkse run voor een reeks maanden, na elkaar",
        description="Draai de job voor elke maand van --van tot en met --tot, na elkaar.",
    )
    backfill.add_argument(
        "--van", type=month_argument, required=True, metavar="JJJJ-MM", help="de eerste maand"
    )
    backfill.add_argument(
        "--tot",
        type=month_argument,
        required=True,
        metavar="JJJJ-MM",
        help="de laatste maand (tot en met)",
    )
    backfill.add_argument(
        "--job",
        choices=(JOB_NAME, "inlezen"),
        default=JOB_NAME,
        help=f"de job per maand (standaard {JOB_NAME}; inlezen = alleen inlezen en staging)",
    )
    backfill.set_defaults(handler=cmd_backfill)
    valideer = sub.add_parser(
        "valideer",
        help="controleer een levering tegen haar datacontract zonder te laden",
        description="Controleer een bestand tegen het datacontract van zijn bron, zoals de "
        "pijplijn het zou doen, zonder iets te laden.",
    )
    valideer.add_argument("bestand", help="het bestand dat u wilt aanleveren")
    valideer.add_argument(
        "--bron",
        metavar="BRON",
        help="de bron (standaard: de naam van de map van het bestand); een van: "
        + ", ".join(SOURCES),
    )
    valideer.set_defaults(handler=cmd_valideer)
    status = sub.add_parser(
        "status",
        help="leveringen, checks, quarantaine, actualiteit, laatste run en publicatie",
        description="Per bron de laatste levering, controles, quarantaine en actualiteit; "
        "daarna de laatste run, de actuele editie en het archief.",
    )
    status.set_defaults(handler=cmd_status)
    dd = sub.add_parser(
        "datadictionary",
        help="schrijf docs/datadictionary.md uit de gepubliceerde snapshot",
        description="Schrijf docs/datadictionary.md uit de catalogus van de actuele snapshot: "
        "elke tabel en kolom met type en toelichting.",
    )
    dd.add_argument(
        "--check", action="store_true", help="alleen controleren of het bestand actueel is"
    )
    dd.set_defaults(handler=cmd_datadictionary)
    export = sub.add_parser(
        "export",
        help="exporteer de gepubliceerde tabellen",
        description="Exporteer de tabellen van de actuele snapshot, als CSV voor Nederlandse "
        "Excel of als één Excel-werkboek.",
    )
    export.add_argument(
        "--csv", metavar="MAP", help="map voor de CSV-bestanden (voor Nederlandse Excel)"
    )
    export.add_argument(
        "--xlsx", metavar="MAP", help="map voor één Excel-werkboek met alle tabellen"
    )
    export.set_defaults(handler=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = int(args.handler(args))
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # The reader stopped reading (`ketenmonitor status | head -1`): not an error of ours. Point
        # stdout at /dev/null so that the interpreter's final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def entrypoint() -> int:
    """The `ketenmonitor` command: settings from a `.env` file in the working directory first, the
    way `dagster dev` reads them (variables already set in the environment win), then `main`.
    The process then ends without the interpreter's teardown (pipelines/cli/afsluiten.py)."""
    dotenv.load_dotenv(Path.cwd() / ".env", override=False)
    try:
        code = main()
    except SystemExit as exc:  # argparse's own errors and --help
        afsluiten.na_afloop(exc.code if isinstance(exc.code, int) else int(exc.code is not None))
        raise
    afsluiten.na_afloop(code)
    return code
