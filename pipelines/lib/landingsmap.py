"""The landing folder as a boundary: which files are deliveries of a source, and which are refused
unread (symlinks, anything resolving outside the folder, unsafe names), with a reason a chain
partner can act on; the date a delivery carries in its name. Nothing here writes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from fnmatch import fnmatch
from pathlib import Path

from pipelines.lib import cbs_odata, paths
from pipelines.lib.contracts import Contract, all_contracts

# A full date in a delivery's file name is the date the chain partner put on it (the same
# expression orders deliveries in SQL: sql/register/05_delivery_order.sql).
DATE_IN_NAME = r"((?:19|20)\d{2}-\d{2}-\d{2})"


def delivery_date(file_name: str, received: date) -> date:
    """The delivery's own date (see meta.delivery_order, which applies the same rule in SQL)."""
    match = re.search(DATE_IN_NAME, file_name)
    if match:
        try:
            return min(date.fromisoformat(match[1]), received)
        except ValueError:
            pass
    return received


def landing_waiting(
    landing: Path | None = None, registered: set[tuple[str, str]] | None = None
) -> tuple[list[Path], list[Refused]]:
    """What the landing folder holds for a run: the files whose content (source, sha256) the
    register does not hold, and the files refused unread (see scan_landing)."""
    from pipelines.lib.warehouse import registered_contents

    known = registered if registered is not None else (registered_contents() or set())
    landing = landing or paths.landing_dir()
    new: list[Path] = []
    refused: list[Refused] = []
    for contract in all_contracts():
        files, not_read = scan_landing(contract, [landing])
        new += [p for p in files if (contract.source, sha256_of(p)) not in known]
        refused += not_read
    return new, refused


def unregistered_files(
    landing: Path | None = None, registered: set[tuple[str, str]] | None = None
) -> list[Path]:
    """Files in the landing folder whose content (source, sha256) the register does not hold."""
    return landing_waiting(landing, registered)[0]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class Refused:
    """A file in the landing folder that is not read at all: a symlink or something outside the
    folder."""

    source: str
    name: str  # as the chain partner sees it: <source>/<file>, never a folder of this machine
    reason: str

    @property
    def message(self) -> str:
        return (
            f"{self.name}: GEWEIGERD, niet gelezen en niet geladen: {self.reason} "
            f"Lever het bestand zelf aan in de map {self.source}/ van de landingsmap "
            "(geen koppeling naar een bestand elders)."
        )


def _outside(path: Path, root: Path) -> str | None:
    """Why `path` may not be read as a delivery under `root`, or None when it may."""
    if path.is_symlink():
        return (
            "het is een symbolische koppeling (symlink); de landingsmap is een grens en "
            "koppelingen worden niet gevolgd."
        )
    try:
        inside = path.resolve(strict=True).is_relative_to(root)
    except OSError:
        return "het bestand is niet bereikbaar."
    if not inside:
        return "het bestand ligt buiten de landingsmap."
    if not path.is_file():
        return "het is geen gewoon bestand."
    return None


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def shown_name(name: str) -> str:
    """A file name as messages show it: a line break or other control character becomes visible
    (⏎, ·) instead of starting a new line in a log or a reasons file."""
    return _CONTROL.sub(lambda m: "⏎" if m.group() in "\r\n" else "·", name)


def _unsafe_name(name: str) -> str | None:
    if _CONTROL.search(name):
        return (
            "de bestandsnaam bevat een regelovergang of ander stuurteken; het bestand is niet "
            "gelezen. Geef het een naam zonder stuurtekens en lever opnieuw aan."
        )
    if name.startswith("."):
        return (
            "verborgen bestand (de naam begint met een punt), bijvoorbeeld een bestand dat nog "
            "wordt overgezet; het is niet gelezen. Geef het zijn gewone naam zodra het compleet is."
        )
    return None


def scan_landing(contract: Contract, folders: list[Path]) -> tuple[list[Path], list[Refused]]:
    """The source's delivery files in the given landing folders, in name order per folder, and
    the files that are refused unread (symlinks, anything resolving outside the folder)."""
    found: list[Path] = []
    refused: list[Refused] = []
    for folder in folders:
        root = folder.resolve()
        src = folder / contract.source
        if src.is_symlink():
            refused.append(
                Refused(
                    contract.source,
                    f"{contract.source}/",
                    "de bronmap is een symbolische koppeling (symlink); de landingsmap is een "
                    "grens en koppelingen worden niet gevolgd.",
                )
            )
            continue
        if not src.is_dir():
            continue
        files = []
        for p in src.iterdir():
            if not any(fnmatch(p.name, pat) for pat in contract.file_patterns):
                continue
            if (why := _outside(p, root)) is not None:
                if not (p.is_dir() and not p.is_symlink()):
                    refused.append(
                        Refused(contract.source, f"{contract.source}/{shown_name(p.name)}", why)
                    )
                continue
            if (why := _unsafe_name(p.name)) is not None:
                refused.append(
                    Refused(contract.source, f"{contract.source}/{shown_name(p.name)}", why)
                )
                continue
            if contract.delivery_format == "cbs_odata" and cbs_odata.is_codelist_file(p):
                continue
            files.append(p)
        found.extend(sorted(files, key=lambda p: p.name))
        refused.sort(key=lambda r: r.name)
    return found, refused


def delivery_files(contract: Contract, folders: list[Path]) -> list[Path]:
    """The source's delivery files in the given landing folders, in name order per folder.

    Symlinks and paths that resolve outside a landing folder are left out (see scan_landing).
    """
    return scan_landing(contract, folders)[0]
