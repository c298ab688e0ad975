"""kpi.taakstelling_achterstand (+ _nationaal, _top10) on three hand-built gemeenten.

Half-years 2024-H2 (first delivered) and 2025-H1; realisatie July 2024 .. May 2025.
GM0001: H2 2024 taakstelling 10, housed 2 + 1 + 1 = 4 -> saldo eind H2 = 0 + 10 - 4 = 6
        H1 2025 taakstelling 12, housed Jan 1, Mar 2, Apr 1, May 1 (5 by end of May)
        May: achterstand = max(0, 6 - 5) = 1; resterende opgave = max(0, 6 + 12 - 5) = 13
GM0002: H2 2024 taakstelling 5, housed 3 + 3 = 6 -> saldo -1 (surplus, carried over)
        H1 2025 taakstelling 4, housed Mar 1 -> May: achterstand max(0, -1 - 1) = 0;
        resterende opgave max(0, -1 + 4 - 1) = 2
GM0003: H2 2024 taakstelling 2, housed 8 -> saldo -6; H1 2025 taakstelling 3, housed 0
        -> achterstand 0, resterende opgave max(0, -6 + 3 - 0) = 0
National May 2025 (no netting between gemeenten): achterstand 1 + 0 + 0 = 1 (netting the
surpluses would give 0), resterende opgave 13 + 2 + 0 = 15, 1 gemeente with achterstand.
"""

from __future__ import annotations

import duckdb
import pytest

from pipelines.lib import reconciliation
from tests.indicator_fixtures import add_raw, one, rows, run, stage

TAAKSTELLING = {  # periode -> gemeentecode -> taakstelling
    "2024-H2": {"GM0001": 10, "GM0002": 5, "GM0003": 2},
    "2025-H1": {"GM0001": 12, "GM0002": 4, "GM0003": 3},
}
GEHUISVEST = {  # maand -> gemeentecode -> gehuisvest (months not listed: 0)
    "2024-06": {"GM0001": 7},  # before the first delivered half-year: does not count
    "2024-07": {"GM0001": 2, "GM0002": 3, "GM0003": 8},
    "2024-08": {"GM0002": 3},
    "2024-09": {"GM0001": 1},
    "2024-11": {"GM0001": 1},
    "2024-12": {"GM0001": 0},
    "2025-01": {"GM0001": 1},
    "2025-03": {"GM0001": 2, "GM0002": 1},
    "2025-04": {"GM0001": 1},
    "2025-05": {"GM0001": 1},
}
NAMEN = {"GM0001": "Aadorp", "GM0002": "Beedorp", "GM0003": "Ceedorp"}


@pytest.fixture
def taakstelling(wh: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    add_raw(
        wh,
        "taakstelling",
        [
            {"periode": p, "gemeentecode": g, "gemeentenaam": NAMEN[g], "taakstelling": t}
            for p, per_gemeente in TAAKSTELLING.items()
            for g, t in per_gemeente.items()
        ],
        delivery_id=1,
    )
    add_raw(
        wh,
        "huisvesting_realisatie",
        [
            {"maand": m, "gemeentecode": g, "gehuisvest": n}
            for m, per_gemeente in GEHUISVEST.items()
            for g, n in per_gemeente.items()
        ],
        delivery_id=2,
    )
    stage(wh)
    run(wh, "taakstelling_achterstand")
    return wh


def _gemeente(conn: duckdb.DuckDBPyConnection, code: str, maand: str) -> dict:
    return one(
        conn,
        "select * from kpi.taakstelling_achterstand where gemeentecode = $g and maand = $m",
        g=code,
        m=maand,
    )


def test_months_start_at_first_delivered_half_year(taakstelling: duckdb.DuckDBPyConnection) -> None:
    span = one(
        taakstelling,
        "select min(maand) as van, max(maand) as tot, count(distinct gemeentecode) as n "
        "from kpi.taakstelling_achterstand",
    )
    assert (str(span["van"]), str(span["tot"]), span["n"]) == ("2024-07-01", "2025-05-01", 3)


def test_first_half_year_starts_from_zero(taakstelling: duckdb.DuckDBPyConnection) -> None:
    dec = _gemeente(taakstelling, "GM0001", "2024-12-01")
    # saldo begin 0 (June's 7 do not count); housed in H2 so far 2 + 1 + 1 = 4
    assert (dec["saldo_begin"], dec["gehuisvest_halfjaar_tm"]) == (0, 4)
    assert dec["achterstand"] == 0  # max(0, 0 - 4)
    assert dec["resterende_opgave"] == 6  # max(0, 0 + 10 - 4)
    assert dec["saldo"] == 6  # saldo at the end of H2 2024


def test_saldo_carries_over_and_achterstand(taakstelling: duckdb.DuckDBPyConnection) -> None:
    jan = _gemeente(taakstelling, "GM0001", "2025-01-01")
    assert (jan["periode"], jan["saldo_begin"], jan["taakstelling"]) == ("2025-H1", 6, 12)
    assert jan["achterstand"] == 5  # max(0, 6 - 1)
    may = _gemeente(taakstelling, "GM0001", "2025-05-01")
    assert may["gehuisvest_halfjaar_tm"] == 5  # 1 + 0 + 2 + 1 + 1
    assert may["achterstand"] == 1  # max(0, 6 - 5)
    assert may["resterende_opgave"] == 13  # max(0, 6 + 12 - 5)


def test_surplus_is_a_negative_saldo(taakstelling: duckdb.DuckDBPyConnection) -> None:
    gm2 = _gemeente(taakstelling, "GM0002", "2025-05-01")
    assert gm2["saldo_begin"] == -1  # 0 + 5 - 6
    assert (gm2["achterstand"], gm2["resterende_opgave"]) == (
        0,
        2,
    )  # max(0, -1 - 1); max(0, -1 + 4 - 1)
    gm3 = _gemeente(taakstelling, "GM0003", "2025-05-01")
    assert (gm3["saldo_begin"], gm3["achterstand"], gm3["resterende_opgave"]) == (-6, 0, 0)


def test_national_sums_without_netting(taakstelling: duckdb.DuckDBPyConnection) -> None:
    may = one(
        taakstelling,
        "select * from kpi.taakstelling_achterstand_nationaal where maand = '2025-05-01'",
    )
    assert (
        may["achterstand"] == 1
    )  # 1 + 0 + 0; netted it would be max(0, 6 - 1 - 6 - 5 - 1 - 0) = 0
    assert may["resterende_opgave"] == 15  # 13 + 2 + 0
    assert (may["gemeenten"], may["gemeenten_met_achterstand"]) == (3, 1)
    assert may["taakstelling"] == 19  # 12 + 4 + 3
    jan = one(
        taakstelling,
        "select * from kpi.taakstelling_achterstand_nationaal where maand = '2025-01-01'",
    )
    # GM0001 max(0, 6 - 1) = 5; GM0002 max(0, -1 - 0) = 0; GM0003 0
    assert (jan["achterstand"], jan["gemeenten_met_achterstand"]) == (5, 1)


def test_top10(taakstelling: duckdb.DuckDBPyConnection) -> None:
    top = rows(
        taakstelling,
        "select rang, gemeentecode, gemeentenaam, achterstand "
        "from kpi.taakstelling_achterstand_top10 where maand = '2025-05-01'",
    )
    assert top == [
        {"rang": 1, "gemeentecode": "GM0001", "gemeentenaam": "Aadorp", "achterstand": 1}
    ]


def test_reconciliation_passes(taakstelling: duckdb.DuckDBPyConnection) -> None:
    assert reconciliation.check(taakstelling, "taakstelling_achterstand") == []


def test_reconciliation_fails_when_national_is_not_the_sum(
    taakstelling: duckdb.DuckDBPyConnection,
) -> None:
    taakstelling.execute(
        "update kpi.taakstelling_achterstand_nationaal set achterstand = 4 "
        "where maand = '2025-05-01'"
    )
    assert reconciliation.check(taakstelling, "taakstelling_achterstand") == [
        (
            "kpi.taakstelling_achterstand_nationaal 2025-05-01: achterstand 4, "
            "resterende opgave 15, gemeenten met achterstand 1 ≠ som over gemeenten (1, 15, 1)"
        )
    ]


def test_reconciliation_fails_on_negative_achterstand(
    taakstelling: duckdb.DuckDBPyConnection,
) -> None:
    taakstelling.execute(
        "update kpi.taakstelling_achterstand set achterstand = -2 "
        "where gemeentecode = 'GM0003' and maand = '2025-05-01'"
    )
    failures = reconciliation.check(taakstelling, "taakstelling_achterstand")
    assert (
        "kpi.taakstelling_achterstand GM0003 2025-05-01: achterstand = -2 is negatief" in failures
    )


def test_reconciliation_fails_when_saldo_does_not_carry_over(
    taakstelling: duckdb.DuckDBPyConnection,
) -> None:
    taakstelling.execute(
        "update kpi.taakstelling_achterstand set saldo_begin = 7 "
        "where gemeentecode = 'GM0001' and maand = '2025-01-01'"
    )
    failures = reconciliation.check(taakstelling, "taakstelling_achterstand")
    assert (
        "kpi.taakstelling_achterstand GM0001 2025-01-01: saldo begin halfjaar 7 ≠ saldo eind "
        "vorig halfjaar 6" in failures
    )


def test_the_gemeente_name_comes_from_the_reference_list(wh: duckdb.DuckDBPyConnection) -> None:
    """A gemeente delivered only in a realisatie has no delivered name; one whose taakstelling row
    spells its name otherwise still gets the name of data/reference/gemeenten.csv."""
    add_raw(
        wh,
        "taakstelling",
        [
            {
                "periode": "2025-H1",
                "gemeentecode": "GM0014",
                "gemeentenaam": "Gem. Groningen",
                "taakstelling": 4,
            }
        ],
        delivery_id=1,
    )
    add_raw(
        wh,
        "huisvesting_realisatie",
        [
            {"maand": "2025-02", "gemeentecode": "GM0014", "gehuisvest": 1},
            {
                "maand": "2025-02",
                "gemeentecode": "GM0034",
                "gehuisvest": 2,
            },  # Almere: realisatie only
        ],
        delivery_id=2,
    )
    stage(wh)
    run(wh, "taakstelling_achterstand")
    namen = dict(
        wh.execute(
            "select distinct gemeentecode, gemeentenaam from kpi.taakstelling_achterstand"
        ).fetchall()
    )
    assert namen == {"GM0014": "Groningen", "GM0034": "Almere"}
    assert _gemeente(wh, "GM0034", "2025-02-01")["gehuisvest"] == 2
