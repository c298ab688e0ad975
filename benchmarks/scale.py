"""The seeded scale generator: years of IND case events as monthly deliveries in the landing format.

`write_landing(target, years, events_per_year)` writes `ind_zaken_<yyyy-mm>_<delivered>.parquet`
for the last `years` x 12 months up to a given month (about `events_per_year` / 12 events a month,
two events per case, zaak ids unique over the whole history), and takes every other source from the
embedded sample (its 58 months: those sources are small and their indicators are recomputed over
all history anyway; their size does not grow with IND's history). The same seed gives the same
files. `write_ind_csv` and `write_ind_parquet` write one large IND delivery as CSV or Parquet, a
chunk at a time. Used by `run_all.py` for the growth of a monthly run with history and for a large
delivery; usable on its own:

    .venv/bin/python benchmarks/scale.py /tmp/landing-10j 10 1000000
"""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def ind_events(n: int, seed: int = 2026, year: int = 2026, month: int = 10):
    """`n` IND case events of one month in the landing format: about two events per case."""
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(seed)
    cases = n // 2 + 1
    zaak = rng.integers(0, 2**63, size=cases, dtype=np.int64)
    hexes = [f"{int(v):016x}" for v in zaak]
    proc = rng.choice(["asiel_eerste", "asiel_herhaald", "nareis"], size=cases, p=[0.7, 0.1, 0.2])
    nat = rng.choice(["SYR", "ERI", "TUR", "AFG", "YEM", "IRQ", "SOM", "ETH"], size=cases)
    base = pl.DataFrame({"zaak_id": hexes, "procedure": proc, "nationaliteit": nat})
    first = base.with_columns(pl.lit("aanvraag").alias("gebeurtenis"))
    second = base.with_columns(
        pl.Series(
            "gebeurtenis",
            rng.choice(["inwilliging", "afwijzing", "intrekking"], size=cases, p=[0.6, 0.35, 0.05]),
        )
    )
    frame = pl.concat([first, second]).head(n)
    days = rng.integers(1, 29, size=frame.height)
    return frame.with_columns(
        pl.Series("datum", [f"{year:04d}-{month:02d}-{d:02d}" for d in days]).str.to_date()
    )


def _months(last: date, count: int) -> list[date]:
    index = last.year * 12 + last.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(index - count + 1, index + 1)]


def write_ind_month(folder: Path, month: date, events: int, seed: int) -> Path:
    """One month's IND delivery, delivered on the 5th of the month after (the date in its name)."""
    folder.mkdir(parents=True, exist_ok=True)
    delivered = date(month.year + month.month // 12, month.month % 12 + 1, 5)
    path = folder / f"ind_zaken_{month:%Y-%m}_{delivered:%Y-%m-%d}.parquet"
    seed_month = (
        seed * 10_000 + month.year * 12 + month.month
    )  # one stream per month: zaak ids differ
    ind_events(events, seed_month, month.year, month.month).write_parquet(path)
    return path


def write_ind_csv(path: Path, events: int, seed: int = 2026, chunk: int = 1_000_000) -> int:
    """One IND delivery of `events` rows as CSV, as a chain partner writes it: written a chunk of
    at most `chunk` events at a time (each chunk its own seeded stream), so that the generator
    holds one chunk, never the whole file. Returns the size of the file in bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        for i, start in enumerate(range(0, events, chunk)):
            frame = ind_events(min(chunk, events - start), seed * 100_000 + i)
            frame.write_csv(out, include_header=i == 0)
            del frame
    return path.stat().st_size


def write_ind_parquet(path: Path, events: int, seed: int = 2026, chunk: int = 1_000_000) -> int:
    """The same delivery as `write_ind_csv` (the same seeded chunks), as one Parquet file of a row
    group per chunk, as a source system writes it: the generator holds one chunk at a time. Returns
    the size of the file in bytes."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    writer = None
    try:
        for i, start in enumerate(range(0, events, chunk)):
            table = ind_events(min(chunk, events - start), seed * 100_000 + i).to_arrow()
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema)
            writer.write_table(table, row_group_size=chunk)
            del table
    finally:
        if writer is not None:
            writer.close()
    return path.stat().st_size


def write_landing(
    target: Path, years: int, events_per_year: int, last: date = date(2026, 9, 1), seed: int = 2026
) -> list[Path]:
    """Every sample source but IND from the embedded sample; IND for `years` years up to `last`."""
    sample = ROOT / "data" / "sample" / "landing"
    for source in sorted(p.name for p in sample.iterdir() if p.is_dir()):
        if source != "ind_zaken":
            shutil.copytree(sample / source, target / source)
    return [
        write_ind_month(target / "ind_zaken", m, events_per_year // 12, seed)
        for m in _months(last, years * 12)
    ]


if __name__ == "__main__":
    written = write_landing(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
    print(f"{len(written)} IND-leveringen geschreven in {sys.argv[1]}")
