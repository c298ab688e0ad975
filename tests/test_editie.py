"""Which month is reportable and complete, decided from the deliveries register only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import duckdb
import pytest

from pipelines.lib import editie, landingsmap, perioden, warehouse
from tests.editions import register

MONTHLY = (
    "cbs_asielverzoeken",
    "ind_zaken",
    "coa_bezetting",
    "huisvesting_realisatie",
    "dtenv_vertrek",
    "oekraine_opvang",
)


@pytest.fixture
def register_db(ketenmonitor_env) -> Iterator[duckdb.DuckDBPyConnection]:
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        yield conn


def _complete_through(conn: duckdb.DuckDBPyConnection, month: str, start_id: int = 1) -> int:
    """Register every source so that it covers `month` (CBS one month behind, as it publishes)."""
    i = start_id
    for source in MONTHLY:
        periods = ["2026MM09"] if source == "cbs_asielverzoeken" else [month]
        register(conn, i, source, periods)
        i += 1
    for source, periods in (
        ("taakstelling", ["2026-H2"]),
        ("budgettaire_tabel", ["2026"]),
        ("rijksfinancien_begrotingsstaten", ["2025", "2026"]),
        ("mpp_prognose", ["2026-voorjaar"]),
    ):
        register(conn, i, source, periods)
        i += 1
    return i


@pytest.mark.parametrize(
    "periode",
    [
        "2025-05",
        "2025-05-31",
        "2025MM05",
        "2025KW02",
        "2025JJ00",
        "2025-H2",
        "2025",
        "2025-voorjaar",
        "2025-najaar",
        " 2025MM05 ",
        "2025MM13",
        "onzin",
    ],
)
def test_sql_period_macro_is_the_twin_of_the_python_one(register_db, periode: str) -> None:
    sql = register_db.execute("select meta.periode_begin($p)", {"p": periode}).fetchall()[0][0]
    python = perioden.periode_bereik(periode)
    assert sql == (python[0] if python else None)


@pytest.mark.parametrize(
    "file_name",
    [
        "begrotingsstaten_2026-06-03.csv",  # the date in the name, before the arrival
        "coa_bezetting_2026-10.csv",  # no full date: the arrival
        "taakstelling_2027-01-01.csv",  # a date after the arrival: the arrival
        "x_2026-02-30.csv",  # no real date: the arrival
    ],
)
def test_sql_delivery_date_is_the_twin_of_the_python_one(register_db, file_name: str) -> None:
    received = dt.datetime(2026, 11, 12, 9, 30)
    register_db.execute(
        """insert into meta.deliveries values (1, 'coa_bezetting', $f, $f, 'sha', 1, $r,
               'accepted', 0, [], '1.0.0', 0, 0, null, null, null)""",
        {"f": file_name, "r": received},
    )
    sql = register_db.execute("select leveringsdatum from meta.delivery_order").fetchall()[0][0]
    assert sql == landingsmap.delivery_date(file_name, received.date())


def test_the_latest_month_every_monthly_source_covers(register_db) -> None:
    assert editie.laatste_volledige_maand(register_db, dt.date(2026, 10, 1)) == (None, [])
    next_id = _complete_through(register_db, "2026-10")
    month, later = editie.laatste_volledige_maand(register_db, dt.date(2026, 11, 1))
    assert month == dt.date(2026, 10, 1) and later == []
    ed = editie.bepaal(register_db, month)
    assert ed.rapporteerbaar and ed.volledig, [d.reden for d in ed.ontbrekend]
    # November: COA and DTenV delivered, the rest not yet: named as incomplete, October stays.
    register(register_db, next_id, "coa_bezetting", ["2026-11"])
    register(register_db, next_id + 1, "dtenv_vertrek", ["2026-11"])
    month, later = editie.laatste_volledige_maand(register_db, dt.date(2026, 11, 1))
    assert month == dt.date(2026, 10, 1)
    assert [ed.maand for ed in later] == [dt.date(2026, 11, 1)]
    missing = {d.source for d in later[0].ontbrekend}
    # CBS may lag one month: its September figures cover October, not November
    assert missing == {
        "cbs_asielverzoeken",
        "ind_zaken",
        "huisvesting_realisatie",
        "oekraine_opvang",
    }
    assert (
        "IND, zaakgegevens asiel (maandgegevens tot en met oktober 2026)"
        in editie.ontbrekend_tekst(later[0])
    )


def test_a_rejected_delivery_neither_covers_nor_makes_a_month_reportable(register_db) -> None:
    _complete_through(register_db, "2026-10")
    register(register_db, 99, "coa_bezetting", ["2026-11"], status="rejected")
    ed = editie.bepaal(register_db, "2026-11")
    assert not ed.rapporteerbaar
    with pytest.raises(editie.NietRapporteerbaar, match="niet rapporteerbaar"):
        ed.weiger_als_niet_rapporteerbaar()
    october = editie.bepaal(register_db, "2026-10")
    assert all(lev.delivery_id != 99 for lev in october.afgewezen)  # it claims November


def test_coverage_rules_per_cadence(register_db) -> None:
    _complete_through(register_db, "2026-10")
    ed = editie.bepaal(register_db, "2026-10")
    assert ed.dekking["cbs_asielverzoeken"].gedekt and ed.dekking[
        "cbs_asielverzoeken"
    ].gegevens_tm == dt.date(2026, 9, 1)
    assert ed.dekking["taakstelling"].gedekt and ed.dekking["budgettaire_tabel"].gedekt
    # January 2027: the 2026 budget and the second half-year 2026 no longer cover it.
    register(register_db, 200, "ind_zaken", ["2027-01"])
    jan = editie.bepaal(register_db, "2027-01")
    assert jan.rapporteerbaar and not jan.volledig
    assert {"taakstelling", "budgettaire_tabel", "rijksfinancien_begrotingsstaten"} <= {
        d.source for d in jan.ontbrekend
    }
    # The MPP edition of April 2026 is too old in May 2027.
    register(register_db, 201, "ind_zaken", ["2027-05"])
    assert not editie.bepaal(register_db, "2027-05").dekking["mpp_prognose"].gedekt


def test_edition_id_follows_inputs_and_month_only(register_db) -> None:
    _complete_through(register_db, "2026-10")
    a = editie.bepaal(register_db, "2026-10")
    assert a.id == editie.bepaal(register_db, "2026-10").id and a.id.startswith("2026-10-")
    register(
        register_db, 300, "coa_bezetting", ["2026-11"]
    )  # a later delivery: not an input of October
    assert editie.bepaal(register_db, "2026-10").id == a.id
    register(
        register_db, 301, "coa_bezetting", ["2026-10"], file_name="coa_bezetting_2026-10_v2.csv"
    )
    assert editie.bepaal(register_db, "2026-10").id != a.id


@pytest.mark.parametrize(
    ("maand", "fragment"),
    [
        ("2021-12", "voor het begin van de reeks (2022-01)"),
        ("2027-03", "in de toekomst"),
    ],
)
def test_months_outside_the_series_are_refused(maand: str, fragment: str) -> None:
    refusal = editie.controleer_maand(dt.date.fromisoformat(maand + "-01"), dt.date(2026, 11, 1))
    assert refusal and fragment in refusal
    assert editie.controleer_maand(dt.date(2026, 11, 1), dt.date(2026, 11, 1)) is None
