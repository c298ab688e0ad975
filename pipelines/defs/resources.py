import dagster as dg

from pipelines.defs.shared import Warehouse


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(resources={"warehouse_db": Warehouse()})
