"""The resources of the code location: the settings (`instellingen`) and the warehouse.

Every setting of pipelines/lib/instellingen.py is a field of `Instellingen`, configured with
`dg.EnvVar` when its environment variable is set where the definitions load (the CLI and
`dagster dev` both read `.env` first), so the UI shows where each value comes from. The warehouse
holds the same resource: a run's settings are in force while it has the warehouse open. A field
left empty means the product's default.
"""

import os

import dagster as dg

from pipelines.defs.shared import Instellingen, Warehouse
from pipelines.lib.instellingen import INSTELLINGEN


def instellingen_uit_omgeving() -> Instellingen:
    """The settings resource, each field bound to its environment variable when that is set."""
    return Instellingen(
        **{i.veld: dg.EnvVar(i.omgeving) for i in INSTELLINGEN if i.omgeving in os.environ}
    )


@dg.definitions
def resources() -> dg.Definitions:
    instellingen = instellingen_uit_omgeving()
    return dg.Definitions(
        resources={
            "instellingen": instellingen,
            "warehouse_db": Warehouse(instellingen=instellingen),
        }
    )
