"""Ingestion speed and memory: validation + load of one IND month at 1x, 10x and 40x volume.

Prints figures, asserts nothing. The 1x run is the baseline; the ratios show how validation
scales with rows (target: at most linear, i.e. time ratio <= volume ratio) and what the fixed
cost per delivery is (the small COA file). Run: `.venv/bin/python benchmarks/bench_ingest.py`.
"""

from __future__ import annotations

import hashlib
import resource
import tempfile
import time
from pathlib import Path

import polars as pl

from pipelines.lib import paths, warehouse
from pipelines.lib.contracts import load_contract
from pipelines.lib.validation import validate_delivery


def scaled_month(source: Path, factor: int, target: Path) -> Path:
    base = pl.read_parquet(source)
    copies = [
        base.with_columns(
            pl.col("zaak_id").map_elements(
                lambda z, i=i: hashlib.sha256(f"{z}{i}".encode()).hexdigest()[:16],
                return_dtype=pl.Utf8,
            )
        )
        for i in range(factor)
    ]
    path = target / f"ind_zaken_x{factor}.parquet"
    pl.concat(copies).write_parquet(path)
    return path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ind = load_contract("ind_zaken")
    coa = load_contract("coa_bezetting")
    month = max((paths.SAMPLE_LANDING_DIR / "ind_zaken").glob("*.parquet"))
    coa_file = max((paths.SAMPLE_LANDING_DIR / "coa_bezetting").glob("*.csv"))
    validate_delivery(coa, coa_file)  # pay the Great Expectations import outside the timings

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        t0 = time.perf_counter()
        validate_delivery(coa, coa_file)
        fixed = time.perf_counter() - t0
        print(f"fixed cost per delivery (COA, {coa_file.name}): {fixed:.2f} s")

        baseline = None
        for factor in (1, 10, 40):
            path = scaled_month(month, factor, tmp_path)
            with warehouse.connect(tmp_path / f"bench{factor}.duckdb") as conn:
                warehouse.ensure_schema(conn)
                t0 = time.perf_counter()
                outcome = warehouse.load_delivery(conn, ind, path)
                seconds = time.perf_counter() - t0
            assert outcome.status == "accepted", outcome.describe()
            baseline = baseline or seconds
            print(
                f"ind_zaken x{factor:<3} {outcome.rows:>9,} rows  {seconds:6.2f} s  "
                f"{outcome.rows / seconds:>10,.0f} rows/s  time ratio vs x1: "
                f"{seconds / baseline:5.1f} (volume ratio {factor})  peak RSS "
                f"{peak_rss_mb():,.0f} MB"
            )


if __name__ == "__main__":
    main()
