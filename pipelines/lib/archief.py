"""The archive of editions and "current": every edition is kept, the newest month's is current.

Layout under the published folder (`paths.published_dir()`, default warehouse/published/):

    edities/.versies/<editie-id>/        one complete edition, never changed once it is there:
        ketenmonitor.duckdb, parquet/<tabel>.parquet,
        rapporten/<document>-<jjjj-mm>.pdf|.html|.xlsx,
        editie.json (written last: what the edition is and rests on)
    edities/<jjjj-mm>   -> .versies/<editie-id>         that month's latest edition (a symlink)
    huidig              -> edities/<jjjj-mm>            the newest reportable month (a symlink)
    ketenmonitor.duckdb -> huidig/ketenmonitor.duckdb   what analysts open (fixed symlinks)
    parquet             -> huidig/parquet
and `reports/output/<jjjj-mm>` -> <published>/edities/<jjjj-mm>/rapporten.

An edition is built in `edities/.bouw/<editie-id>/` and becomes visible in one step: the month's
symlink is replaced with os.replace (atomic on POSIX), so its PDFs, HTML twins, workbooks,
snapshot and Parquet change together, and every path above resolves through that one link.
Readers that have files of the previous edition open keep reading them. "Current" only moves
forward: a re-run or backfill of an older month refreshes that month's archive and never moves it
back.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.lib import breekpunt, paths

VERSIES = ".versies"
BOUW = ".bouw"
HUIDIG = "huidig"
SNAPSHOT_NAME = "ketenmonitor.duckdb"
PARQUET = "parquet"
RAPPORTEN = "rapporten"
EDITIE_JSON = "editie.json"
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_EDITION = re.compile(r"^(\d{4}-\d{2})-[0-9a-f]{12}$")
# What older versions of the product left in the published folder (before editions were archived).
_LEGACY = (
    re.compile(r"^\.ketenmonitor\.duckdb\..*\.tmp(\.wal)?$"),
    re.compile(r"^\.parquet\..*\.tmp$"),
)
_LEGACY_DIRS = (".parquet-versies",)


def edities_dir() -> Path:
    return paths.published_dir() / "edities"


def versiemap(editie_id: str) -> Path:
    _check_id(editie_id)
    return edities_dir() / VERSIES / editie_id


def bouwmap(editie_id: str) -> Path:
    _check_id(editie_id)
    return edities_dir() / BOUW / editie_id


def maandmap(maand: str) -> Path:
    """edities/<jjjj-mm>: the month's latest edition (through its symlink)."""
    if not _MONTH.match(maand):
        raise ValueError(f"geen maand jjjj-mm: {maand!r}")
    return edities_dir() / maand


def rapportmap_uitvoer(maand: str) -> Path:
    """reports/output/<jjjj-mm>: where readers find the month's PDFs."""
    return paths.reports_output_dir() / maand


def _check_id(editie_id: str) -> None:
    if not _EDITION.match(editie_id):
        raise ValueError(f"geen editie-id: {editie_id!r}")


def is_gepubliceerd(editie_id: str) -> bool:
    return (versiemap(editie_id) / EDITIE_JSON).is_file()


def begin_bouw(editie_id: str) -> Path:
    """An empty build folder for the edition; what earlier (killed) builds left there goes.

    Only the warehouse writer builds, one edition at a time, so every other build folder is a
    leftover of an interrupted run."""
    root = edities_dir() / BOUW
    if root.is_dir():
        for stale in root.iterdir():
            _remove(stale)
    target = bouwmap(editie_id)
    (target / RAPPORTEN).mkdir(parents=True)
    return target


def bouwmap_rapporten(editie_id: str) -> Path:
    """The build folder's rapporten/, created when a report renders
    before begin_bouw ran (tests)."""
    target = bouwmap(editie_id) / RAPPORTEN
    target.mkdir(parents=True, exist_ok=True)
    return target


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def _link_target(link: Path) -> str | None:
    try:
        return os.readlink(link)
    except OSError:
        return None


def _set_link(link: Path, target: str) -> None:
    """Point `link` at `target` (relative text) in one atomic step,
    replacing a file or link there."""
    if _link_target(link) == target:
        return
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_dir() and not link.is_symlink():  # a real folder from an older layout: move it aside
        aside = link.with_name(f".{link.name}.oud-{uuid.uuid4().hex[:8]}")
        link.rename(aside)
        shutil.rmtree(aside, ignore_errors=True)
    tmp = link.with_name(f".{link.name}.{uuid.uuid4().hex[:8]}.link")
    tmp.symlink_to(target)
    breekpunt.punt("schakel.koppeling_half")
    os.replace(tmp, link)


def _rel(target: Path, start: Path) -> str:
    return os.path.relpath(target, start)


def huidige_maand() -> str | None:
    """The month `current` shows (jjjj-mm), or None before the first publication."""
    target = _link_target(paths.published_dir() / HUIDIG)
    name = Path(target).name if target else ""
    return name if _MONTH.match(name) else None


def maand_editie(maand: str) -> str | None:
    """The edition id the month's link points at, or None."""
    target = _link_target(maandmap(maand))
    name = Path(target).name if target else ""
    return name if _EDITION.match(name) else None


def gepubliceerde_maanden() -> list[str]:
    root = edities_dir()
    if not root.is_dir():
        return []
    return sorted(
        p.name for p in root.iterdir() if _MONTH.match(p.name) and p.is_symlink() and p.exists()
    )


@dataclass(frozen=True)
class Schakeling:
    editie_id: str
    maand: str
    nieuw: bool  # False: the same edition was already published, nothing was written
    huidig: str | None  # the month `current` shows afterwards
    huidig_verplaatst: bool
    vorige_editie: str | None  # the month's edition before this one

    @property
    def toelichting(self) -> str:
        wat = (
            f"editie {self.editie_id} gepubliceerd"
            if self.nieuw
            else f"editie {self.editie_id} was al gepubliceerd; niets veranderd"
        )
        if self.huidig_verplaatst:
            return f"{wat}; actueel is nu {self.huidig}"
        if self.huidig and self.huidig != self.maand:
            return f"{wat}; actueel blijft {self.huidig} (nieuwere maand)"
        return wat


def schakel(editie_id: str, maand: str, beschrijving: dict[str, Any]) -> Schakeling:
    """Make the built edition visible: the month's archive, its report folder and, when it is the
    newest month, current. A known edition id (same month, inputs and code) writes nothing."""
    published = paths.published_dir()
    final = versiemap(editie_id)
    build = bouwmap(editie_id)
    month_link = maandmap(maand)
    previous = maand_editie(maand)
    nieuw = not is_gepubliceerd(editie_id)
    if nieuw:
        if not (build / SNAPSHOT_NAME).is_file():
            raise FileNotFoundError(
                f"editie {editie_id} is niet gebouwd (geen snapshot in de bouwmap)"
            )
        (build / EDITIE_JSON).write_text(
            json.dumps(beschrijving, ensure_ascii=False, indent=2, sort_keys=True, default=str)
            + "\n",
            encoding="utf-8",
        )
        _remove(final)  # an incomplete copy without editie.json
        final.parent.mkdir(parents=True, exist_ok=True)
        os.rename(build, final)
        breekpunt.punt("schakel.na_hernoemen")
    # The build area: only the warehouse writer builds, one edition at a time, so whatever else is
    # there was left by an interrupted run.
    _remove(edities_dir() / BOUW)
    _set_link(month_link, _rel(final, month_link.parent))
    breekpunt.punt("schakel.na_maandkoppeling")
    reports = rapportmap_uitvoer(maand)
    _set_link(reports, _rel(month_link / RAPPORTEN, reports.parent))

    current = huidige_maand()
    moved = current is None or current < maand
    if moved or current == maand:
        _set_link(published / HUIDIG, _rel(month_link, published))
    _set_link(published / SNAPSHOT_NAME, f"{HUIDIG}/{SNAPSHOT_NAME}")
    breekpunt.punt("schakel.tussen_snapshot_en_parquet")
    _set_link(published / PARQUET, f"{HUIDIG}/{PARQUET}")
    opruimen(behoud={editie_id, *(e for e in (previous,) if e)}, maand=maand)
    return Schakeling(editie_id, maand, nieuw, huidige_maand(), moved, previous)


def opruimen(behoud: set[str] | None = None, maand: str | None = None) -> list[Path]:
    """Remove what no reader can reach: superseded versions of `maand` other than those in
    `behoud` (the new one and the one readers may still have open), build folders and the
    leftovers of older layouts. Returns what was removed."""
    removed: list[Path] = []
    published = paths.published_dir()
    if not published.is_dir():
        return removed
    for entry in published.iterdir():
        if any(p.match(entry.name) for p in _LEGACY) or entry.name in _LEGACY_DIRS:
            _remove(entry)
            removed.append(entry)
    versions = edities_dir() / VERSIES
    linked = {maand_editie(m) for m in gepubliceerde_maanden()}
    if maand and versions.is_dir():
        for version in versions.iterdir():
            match = _EDITION.match(version.name)
            if not match or match.group(1) != maand:
                continue
            if version.name in (behoud or set()) or version.name in linked:
                continue
            _remove(version)
            removed.append(version)
    for folder in (edities_dir(), published):
        if folder.is_dir():
            for tmp in folder.glob(".*.link"):
                _remove(tmp)
                removed.append(tmp)
    return removed


def snapshot_van(maand: str | None = None) -> Path:
    """The snapshot of the month's latest edition, or of current."""
    return (maandmap(maand) if maand else paths.published_dir()) / SNAPSHOT_NAME
