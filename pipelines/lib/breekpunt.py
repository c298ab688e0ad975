"""Named crash points, so that the kill tests can end a run with SIGKILL at an exact moment.

A run whose environment holds `KETENMONITOR_BREEKPUNT=<naam>` kills its own process with SIGKILL
(no cleanup, no `finally`, no atexit: the same as an OOM kill or a reboot) when it passes the point
of that name. Without the variable a point costs one dictionary lookup. The points sit where a
crash is most likely to leave something half done: inside an ingest transaction, between a
quarantine copy and its register row, halfway through writing a PDF, while the snapshot and its
Parquet copy are built, and between the steps that make an edition visible.
"""

from __future__ import annotations

import os
import signal

ENV = "KETENMONITOR_BREEKPUNT"

PUNTEN = {
    "inlezen.in_transactie": (
        "rijen van een levering staan in raw, de transactie is nog niet vastgelegd"
    ),
    "inlezen.na_quarantaine": (
        "afgewezen bestand gekopieerd naar quarantaine, registerregel nog niet geschreven"
    ),
    "rapport.half_geschreven": "de eerste helft van een PDF-, HTML- of Excel-bestand is geschreven",
    "publicatie.snapshot_half": (
        "de tabellen van het snapshot zijn gemaakt, de publicatiegegevens nog niet"
    ),
    "publicatie.parquet_half": "de eerste Parquet-tabel is geschreven, de rest nog niet",
    "schakel.na_hernoemen": (
        "de bouwmap is hernoemd naar het archief, de maandkoppeling nog niet gezet"
    ),
    "schakel.koppeling_half": (
        "een nieuwe koppeling is aangemaakt maar nog niet op haar plaats gezet"
    ),
    "schakel.na_maandkoppeling": "de maand wijst naar de nieuwe editie, de rapportmap nog niet",
    "schakel.tussen_snapshot_en_parquet": (
        "het snapshot wijst naar de nieuwe editie, de Parquet-map nog niet"
    ),
}


def punt(naam: str, detail: str | None = None) -> None:
    """Kill this process here when the environment asks for point `naam`, or for `naam:detail`
    (e.g. `rapport.half_geschreven:maandrapportage.pdf` for one file only)."""
    gevraagd = os.environ.get(ENV)
    if gevraagd and (gevraagd == naam or (detail is not None and gevraagd == f"{naam}:{detail}")):
        os.kill(os.getpid(), signal.SIGKILL)
