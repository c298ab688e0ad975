"""The Dagster code location `pipelines`: everything under `defs/`,
with the run policy applied once."""

from pathlib import Path

import dagster as dg


@dg.definitions
def defs() -> dg.Definitions:
    # In process: ~35 ms per asset instead of ~1.5 s, and a single DuckDB writer.
    return dg.Definitions.merge(
        dg.load_from_defs_folder(path_within_project=Path(__file__).parent),
        dg.Definitions(executor=dg.in_process_executor),
    )
