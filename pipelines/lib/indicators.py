"""The indicators: which SQL files compute each one, in what order, with which parameters.

Each indicator writes one or more `kpi.<table>` tables from `sql/indicators/<file>.sql`
(one statement per file, named parameters). Indicators over aggregated sources are recomputed
over all history up to the edition month (they read the `editie.*` views, sql/editie/, so no
figure after that month reaches them); `ind_afhandeling` (case-level) is computed per month:
delete the month, insert it, and only when its voorraad could not be carried forward from the
previous month, compute that from scratch. Plain Python: the Dagster assets in
`pipelines/defs/indicators/` and the tests both call `run`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from pipelines.lib import disclosure, editie, referentie, sqlfiles
from pipelines.lib.contracts import SOURCES
from pipelines.lib.perioden import add_months, month_start

TASKFORCE_REGELINGEN_CSV = referentie.bestand("taskforce_regelingen")
# A run of ind_afhandeling for month m also computes the months before m (at most this many) that
# have IND data but no rows yet, so that the report's 13-month trend exists after a single run.
IND_AANVULLEN_MAANDEN = 12
# The views editie.<source> (sql/editie/): stg as of the edition month, what the indicators read.
EDITION_VIEWS = frozenset(sqlfiles.names("editie"))
ALLE_MAANDEN = date(9999, 12, 1)


@dataclass(frozen=True)
class Step:
    sql: str  # file under sql/indicators/, without .sql
    params: tuple[str, ...] = ()  # named parameters the statement takes


@dataclass(frozen=True)
class Indicator:
    name: str
    reads: tuple[str, ...]  # stg sources (and kpi indicators) it reads
    steps: tuple[Step, ...]
    tables: tuple[str, ...]  # kpi tables it writes; the first is the headline table

    @property
    def sql_name(self) -> str:
        return f"indicators/{self.name}"


def _s(*names: str, params: tuple[str, ...] = ()) -> tuple[Step, ...]:
    return tuple(Step(n, params) for n in names)


INDICATORS: dict[str, Indicator] = {
    i.name: i
    for i in (
        Indicator(
            "instroom",
            ("stg:cbs_asielverzoeken",),
            _s("instroom", "instroom_nationaliteiten"),
            ("instroom", "instroom_nationaliteiten"),
        ),
        Indicator(
            "opvang",
            ("stg:coa_bezetting",),
            _s("opvang", "opvang_opvangsoort"),
            ("opvang", "opvang_opvangsoort"),
        ),
        Indicator(
            "taakstelling_achterstand",
            ("stg:taakstelling", "stg:huisvesting_realisatie"),
            _s(
                "taakstelling_achterstand",
                "taakstelling_achterstand_nationaal",
                "taakstelling_achterstand_top10",
            ),
            (
                "taakstelling_achterstand",
                "taakstelling_achterstand_nationaal",
                "taakstelling_achterstand_top10",
            ),
        ),
        Indicator(
            "vertrek",
            ("stg:dtenv_vertrek",),
            _s("vertrek", "vertrek_jaar"),
            ("vertrek", "vertrek_jaar"),
        ),
        Indicator(
            "taskforce_budget",
            ("stg:budgettaire_tabel",),
            (Step("taskforce_budget_regelingen"), Step("taskforce_budget")),
            ("taskforce_budget", "taskforce_budget_regelingen"),
        ),
        Indicator(
            "ind_afhandeling",
            ("stg:ind_zaken",),
            (
                Step("ind_afhandeling_create"),
                Step("ind_afhandeling_delete", ("maand",)),
                Step("ind_afhandeling", ("maand",)),
                # ind_afhandeling_voorraad (from scratch) runs only when needed:
                # see _run_ind_afhandeling
                Step("ind_afhandeling_openbaar"),
            ),
            ("ind_afhandeling", "ind_afhandeling_openbaar"),
        ),
        Indicator("oekraine", ("stg:oekraine_opvang",), _s("oekraine"), ("oekraine",)),
        Indicator(
            "realisatie_vs_prognose",
            ("kpi:instroom", "stg:mpp_prognose"),
            _s("realisatie_vs_prognose"),
            ("realisatie_vs_prognose",),
        ),
        Indicator(
            "begroting",
            ("stg:budgettaire_tabel", "stg:rijksfinancien_begrotingsstaten"),
            _s("begroting", "begroting_staten"),
            ("begroting", "begroting_staten"),
        ),
        Indicator(
            "bijstellingen",
            tuple(f"stg:{s}" for s in SOURCES),  # every source's revisions
            _s("bijstellingen"),
            ("bijstellingen",),
        ),
    )
}


def _params(step: Step, values: dict[str, Any]) -> dict[str, Any]:
    missing = [p for p in step.params if values.get(p) is None]
    if missing:
        raise ValueError(f"sql/indicators/{step.sql}.sql mist parameter(s): {', '.join(missing)}")
    return {p: values[p] for p in step.params}


def _run_ind_afhandeling(conn: duckdb.DuckDBPyConnection, values: dict[str, Any]) -> None:
    steps = {s.sql: s for s in INDICATORS["ind_afhandeling"].steps}
    conn.execute("begin transaction")
    try:
        for name in ("ind_afhandeling_create", "ind_afhandeling_delete", "ind_afhandeling"):
            sqlfiles.execute(conn, f"indicators/{name}", **_params(steps[name], values))
        open_rows = conn.execute(
            "select count(*) from kpi.ind_afhandeling where maand = $maand and voorraad is null",
            {"maand": values["maand"]},
        ).fetchall()[0][0]
        if open_rows:
            sqlfiles.execute(conn, "indicators/ind_afhandeling_voorraad", maand=values["maand"])
        sqlfiles.execute(conn, "indicators/ind_afhandeling_openbaar")
        conn.execute("commit")
    except Exception:
        conn.execute("rollback")
        raise


def ind_last_month(conn: duckdb.DuckDBPyConnection) -> date | None:
    """The last month with IND case events in stg.ind_zaken (None before the first delivery)."""
    return conn.execute("select max(maand) from stg.ind_zaken").fetchall()[0][0]


def missing_ind_months(
    conn: duckdb.DuckDBPyConnection, maand: date, limit: int = IND_AANVULLEN_MAANDEN
) -> list[date]:
    """The months before `maand` (at most `limit`) with IND events but no kpi.ind_afhandeling
    rows yet."""
    first = conn.execute("select min(maand) from stg.ind_zaken").fetchall()[0][0]
    if first is None:
        return []
    sqlfiles.execute(conn, "indicators/ind_afhandeling_create")
    done = {
        r[0]
        for r in conn.execute(
            "select distinct maand from kpi.ind_afhandeling where maand >= $van and maand < $tot",
            {"van": add_months(maand, -limit), "tot": maand},
        ).fetchall()
    }
    months = [add_months(maand, -i) for i in range(limit, 0, -1)]
    return [m for m in months if m >= first and m not in done]


def run(
    conn: duckdb.DuckDBPyConnection,
    name: str,
    maand: date | str | None = None,
    *,
    taskforce_csv: Path | None = None,
    aanvullen: bool = True,
) -> dict[str, int]:
    """Compute indicator `name` (for month `maand` where it is partitioned); returns rows per kpi
    table.

    For ind_afhandeling with `aanvullen`, missing earlier months are computed first (see
    IND_AANVULLEN_MAANDEN)."""
    indicator = INDICATORS[name]
    csv_path = taskforce_csv or TASKFORCE_REGELINGEN_CSV
    if name == "taskforce_budget" and not csv_path.is_file():
        raise FileNotFoundError(f"lijst van taskforce-regelingen ontbreekt: {csv_path}")
    values: dict[str, Any] = {"maand": month_start(maand) if maand is not None else None}
    referentie.laad(conn, {"taskforce_regelingen": csv_path})
    disclosure.ensure_sql_macro(conn)
    # Without a month (tests, ad-hoc use) the views show all history.
    editie.zet_maand(conn, values["maand"] or ALLE_MAANDEN)
    for read in indicator.reads:
        layer, source = read.split(":", 1)
        if layer == "stg" and f"editie/{source}" in EDITION_VIEWS:
            sqlfiles.execute(conn, f"editie/{source}")
    if name == "ind_afhandeling":
        earlier = missing_ind_months(conn, values["maand"]) if aanvullen else []
        months = [*earlier, values["maand"]]
        last = ind_last_month(conn)
        # A month the IND deliveries do not reach gets no rows: no stock carried into an empty
        # month.
        sqlfiles.execute(conn, "indicators/ind_afhandeling_create")
        conn.execute(
            "delete from kpi.ind_afhandeling where $last is null or maand > $last", {"last": last}
        )
        for month in months:
            if last is not None and month <= last:
                _run_ind_afhandeling(conn, {**values, "maand": month})
        sqlfiles.execute(conn, "indicators/ind_afhandeling_openbaar")
    else:
        for step in indicator.steps:
            sqlfiles.execute(conn, f"indicators/{step.sql}", **_params(step, values))
    return {t: row_count(conn, t) for t in indicator.tables}


def row_count(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    if table not in {t for i in INDICATORS.values() for t in i.tables} | {"beleidsclaims"}:
        raise KeyError(f"onbekende kpi-tabel {table!r}")
    return int(conn.execute(f"select count(*) from kpi.{table}").fetchall()[0][0])


def headline(conn: duckdb.DuckDBPyConnection, name: str, maand: date | str) -> dict[str, Any]:
    """A few headline figures of the indicator for the month; {} when the month has no data."""
    query = sqlfiles.load(f"headlines/{name}")
    rel = conn.sql(query, params={"maand": month_start(maand)} if "$maand" in query else None)
    cols, rows = rel.columns, rel.fetchall()
    if not rows:
        return {}
    return {c: v for c, v in zip(cols, rows[0], strict=True) if v is not None}
