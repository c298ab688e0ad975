"""Generation: reference data first, then one writer per source, from one registry.

``WRITERS`` maps every source of the data contracts to the function that writes its folder, in
the contracts' order. What several sources share (the gemeenten, the housing model, the final CBS
counts) is built at most once per run, and only when a source asks for it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipelines.lib.contracts import (
    SOURCES,  # the generator writes exactly the sources the pipeline reads
)
from tools.sample.begrotingsstaten import write_begrotingsstaten
from tools.sample.budgettaire_tabel import write_budgettaire_tabel
from tools.sample.cbs import CBS_SNAPSHOTS, CbsData, build_cbs
from tools.sample.cbs_odata import write_cbs
from tools.sample.coa import write_coa
from tools.sample.common import DEFAULT_SEED, REPO_ROOT
from tools.sample.dtenv import write_dtenv
from tools.sample.ind import write_ind
from tools.sample.mpp import write_mpp
from tools.sample.oekraine import write_oekraine
from tools.sample.reference import Gemeente, read_gemeenten, write_reference
from tools.sample.taakstelling import (
    Housing,
    build_housing,
    write_huisvesting,
    write_taakstelling,
)


@dataclass
class Run:
    """One generation run: its seed, the gemeenten, and the models several sources share."""

    seed: int
    gemeenten: list[Gemeente]

    @functools.cached_property
    def housing(self) -> Housing:
        # huisvesting_realisatie writes it, coa_bezetting follows its backlog.
        return build_housing(self.seed, self.gemeenten)

    @functools.cached_property
    def cbs_final(self) -> CbsData:
        # The last CBS snapshot holds the final counts; the IND cases are made from them.
        return build_cbs(self.seed)[CBS_SNAPSHOTS[-1][0]]


Writer = Callable[[Path, Run], list[Path]]

# Source -> the writer of its folder under data/sample/landing, in the order of SOURCES.
WRITERS: dict[str, Writer] = {
    "cbs_asielverzoeken": lambda landing, run: write_cbs(landing, run.seed),
    "ind_zaken": lambda landing, run: write_ind(landing, run.seed, run.cbs_final),
    "coa_bezetting": lambda landing, run: write_coa(landing, run.seed, run.housing.backlog()),
    "taakstelling": lambda landing, run: write_taakstelling(landing, run.gemeenten),
    "huisvesting_realisatie": lambda landing, run: write_huisvesting(landing, run.housing),
    "dtenv_vertrek": lambda landing, run: write_dtenv(landing, run.seed),
    "rijksfinancien_begrotingsstaten": lambda landing, run: write_begrotingsstaten(
        landing, run.seed
    ),
    "budgettaire_tabel": lambda landing, run: write_budgettaire_tabel(landing),
    "oekraine_opvang": lambda landing, run: write_oekraine(landing, run.seed),
    "mpp_prognose": lambda landing, run: write_mpp(landing),
}
if tuple(WRITERS) != SOURCES:
    raise RuntimeError("WRITERS must list every source of the data contracts, in their order")


def generate(
    out_root: Path,
    seed: int = DEFAULT_SEED,
    sources: Sequence[str] = SOURCES,
    shared: Path | None = None,
) -> list[Path]:
    """Write reference data and the given sources under ``out_root`` (the repository root by
    default); return the written files."""
    unknown = set(sources) - set(SOURCES)
    if unknown:
        raise ValueError(f"unknown sources: {sorted(unknown)}")
    ref = out_root / "data" / "reference"
    landing = out_root / "data" / "sample" / "landing"
    if shared is not None:
        gemeenten_src = shared / "reference" / "gemeenten_2024.csv" if shared.is_dir() else shared
    else:
        gemeenten_src = REPO_ROOT / "data" / "reference" / "gemeenten.csv"
    if not gemeenten_src.exists():
        raise FileNotFoundError(
            f"{gemeenten_src} not found; pass --shared <folder with "
            "reference/gemeenten_2024.csv> once"
        )
    written = write_reference(ref, gemeenten_src)
    run = Run(seed, read_gemeenten(ref / "gemeenten.csv"))
    for source, write in WRITERS.items():
        if source in sources:
            written += write(landing, run)
    return written
