"""What a chapter of the Maandrapportage is built from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import duckdb

from pipelines.lib.perioden import add_months
from pipelines.lib.reports.bronnen import (
    Bronnen,
    sql_rijen,
)


@dataclass
class MaandData:
    conn: duckdb.DuckDBPyConnection
    maand: dt.date
    bronnen: Bronnen
    controles: Mapping[str, str] | None = None  # source -> outcome of the blocking contract check

    @property
    def van(self) -> dt.date:
        return add_months(self.maand, -12)

    def rows(self, name: str, **params: Any) -> list[dict[str, Any]]:
        return sql_rijen(self.conn, name, **params)
