"""Rendering speed of the two reports: seconds per page for the Maandrapportage and the
Begrotingsbijlage, per PDF variant. Prints figures, asserts nothing.

By default it builds a warehouse from the embedded sample deliveries in a temporary folder (the
real ingestion, staging and indicators: a few minutes) and renders the reports of 2026-10;
`--warehouse PATH` renders from an existing warehouse instead (opened read-only).

Run: `.venv/bin/python benchmarks/bench_reports.py [--warehouse PATH] [--maand 2026-10]
[--variant pdf/ua-1 --variant pdf/a-3a] [--runs 2]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from pipelines.lib import local_build, paths, warehouse
from pipelines.lib.reports import document as documenten


def build_warehouse(db: Path, maand: dt.date) -> None:
    start = time.perf_counter()
    with warehouse.connect(db) as conn:
        outcomes = local_build.build_warehouse(
            conn, paths.SAMPLE_LANDING_DIR, maand, all_ind_months=True
        )
    print(
        f"  warehouse klaar in {time.perf_counter() - start:.0f} s ({len(outcomes)} leveringen)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--warehouse", type=Path, help="bestaand warehouse (alleen lezen)")
    parser.add_argument(
        "--maand", default="2026-10", help="verslagmaand jjjj-mm (standaard 2026-10)"
    )
    parser.add_argument(
        "--variant", action="append", help="PDF-variant(en); standaard pdf/ua-1 en pdf/a-3a"
    )
    parser.add_argument(
        "--runs", type=int, default=1, help="aantal renders per document en variant"
    )
    args = parser.parse_args()
    maand = dt.date.fromisoformat(args.maand + "-01")
    variants = args.variant or ["pdf/ua-1", "pdf/a-3a"]

    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        db = args.warehouse
        if db is None:
            db = Path(tmp) / "ketenmonitor.duckdb"
            print(f"warehouse bouwen uit {paths.SAMPLE_LANDING_DIR} ...", flush=True)
            build_warehouse(db, maand)
        print(
            f"\n{'document':<20} {'variant':<10} {'pagina':>6} {'context s':>10} {'render s':>9} "
            f"{'s/pagina':>9} {'KB':>6}"
        )
        with warehouse.connect(db, read_only=True) as conn:
            for document, build in documenten.DOCUMENTEN.items():
                for variant in variants:
                    for run in range(args.runs):
                        t0 = time.perf_counter()
                        rapport = build(conn, maand)
                        t1 = time.perf_counter()
                        out = Path(tmp) / f"{document}-{variant.replace('/', '')}-{run}"
                        result = documenten.render_rapport(
                            rapport,
                            out.with_suffix(".pdf"),
                            out.with_suffix(".html"),
                            variant=variant,
                        )
                        print(
                            f"{document:<20} {variant:<10} {result.pages:>6} {t1 - t0:>10.2f} "
                            f"{result.seconds:>9.2f} {result.seconds_per_page:>9.3f} "
                            f"{result.size_bytes / 1024:>6.0f}",
                            flush=True,
                        )


if __name__ == "__main__":
    main()
