"""The jobs: `maandelijkse_run` (everything, one reporting month) and `inlezen` (ingest + staging).

Both run in process (one DuckDB writer, ~35 ms per asset) and carry the tag
`ketenmonitor/warehouse`. DuckDB allows one writer process, so the instance must run at most one
such run at a time: pipelines/dagster.yaml sets a tag concurrency limit of 1 on it (`make env` and
`ketenmonitor` copy it into a new DAGSTER_HOME; see docs/analisten.md, "Beheer"). Without it a
backfill of several months from the UI starts its runs in parallel and all but one fail on the
DuckDB file lock.
"""

import dagster as dg

from pipelines.lib.schrijver import WAREHOUSE_TAG

maandelijkse_run = dg.define_asset_job(
    name="maandelijkse_run",
    selection=dg.AssetSelection.all(),
    description="De maandelijkse run voor één verslagmaand: inlezen, staging, indicatoren, "
    "rapporten en publicatie van de analistensnapshot. Partitie = verslagmaand: indicatoren, "
    "editie, rapporten en publicatie zijn per maand; inlezen en staging gelden de hele historie.",
    executor_def=dg.in_process_executor,
    tags=WAREHOUSE_TAG,
)

inlezen = dg.define_asset_job(
    name="inlezen",
    selection=dg.AssetSelection.groups("ingest", "staging"),
    description="Alleen inlezen en staging van nieuwe leveringen (gestart door de landingsensor). "
    "Niet gepartitioneerd: inlezen geldt de hele historie, niet één verslagmaand.",
    executor_def=dg.in_process_executor,
    tags=WAREHOUSE_TAG,
)
