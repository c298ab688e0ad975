"""Command line of the sample generator: generate, then check the calibration of what was written.

``python tools/generate_sample.py`` (``make sample``) and ``python -m tools.sample`` both run it.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from pipelines.lib.contracts import SOURCES
from tools import sample
from tools.sample.calibration import check_calibration, checkable_sources
from tools.sample.common import DEFAULT_SEED, REPO_ROOT
from tools.sample.generate import generate


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(sample.__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--out-root",
        type=Path,
        default=REPO_ROOT,
        help="root under which data/reference and data/sample/landing are "
        "written (default: the repository)",
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=None,
        help="shared folder (or the file) holding reference/gemeenten_2024.csv;"
        " only needed once, to create data/reference/gemeenten.csv",
    )
    parser.add_argument(
        "--sources", default=",".join(SOURCES), help="comma-separated subset of sources to generate"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--check-only",
        action="store_true",
        help="only check the calibration of the files under --out-root",
    )
    args = parser.parse_args(argv)
    sources = [s for s in args.sources.split(",") if s]
    root: Path = args.out_root.resolve()
    if not args.check_only:
        files = generate(root, args.seed, sources, args.shared)
        landing = root / "data" / "sample" / "landing"
        for source in sources:
            these = [f for f in files if f.parent == landing / source]
            size = sum(f.stat().st_size for f in these)
            print(f"{source:34s} {len(these):4d} files {size / 1e6:7.2f} MB")
    measured = check_calibration(
        root / "data" / "sample" / "landing",
        root / "data" / "reference",
        checkable_sources(sources),
    )
    for key, value in measured.items():
        print(f"  {key}: {value}")
    print("calibration OK")
    return 0
