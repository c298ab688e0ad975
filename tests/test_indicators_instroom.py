"""kpi.instroom, kpi.instroom_nationaliteiten and kpi.realisatie_vs_prognose on hand-built CBS
and MPP rows."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.lib import reconciliation
from tests.indicator_fixtures import add_raw, cbs_row, one, rows, run, stage

# CBS 83102NED totals (eerste, volgende, nareizigers); totaal = their sum.
MAANDEN_2024 = {
    "2024MM01": (3000, 100, 900),
    "2024MM02": (2900, 80, 1020),
    "2024MM03": (3070, 120, 1010),
}
MAANDEN_2025 = {
    "2025MM01": (1500, 50, 1200),
    "2025MM02": (1480, 70, 1150),
    "2025MM03": (1540, 60, 1300),
}


@pytest.fixture
def instroom(wh: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    cbs = [cbs_row(p, *v) for p, v in MAANDEN_2024.items()]
    # CBS publishes Q1 2024 itself: 3000 + 2900 + 3070 = 8970 eerste, 300 volgende, 2930 nareizigers
    cbs.append(cbs_row("2024KW01", 8970, 300, 2930, titel="2024 1e kwartaal"))
    # 2025 months are voorlopig, and CBS has no 2025KW01 row yet:
    # the quarter is summed from the months
    cbs += [cbs_row(p, *v, status="Voorlopig") for p, v in MAANDEN_2025.items()]
    cbs += [
        cbs_row(
            "2025MM01", 400, 10, 500, nationaliteit="R000760", naam="Syrië", status="Voorlopig"
        ),
        cbs_row(
            "2025MM01", 300, 5, 100, nationaliteit="R000232", naam="Eritrea", status="Voorlopig"
        ),
        cbs_row(
            "2025MM01", 300, 0, 10, nationaliteit="R000004", naam="Afghanistan", status="Voorlopig"
        ),
    ]
    add_raw(wh, "cbs_asielverzoeken", cbs, delivery_id=1)
    add_raw(
        wh,
        "mpp_prognose",
        [
            {
                "editie": "2024-najaar",
                "grootheid": "asielinstroom",
                "jaar": 2025,
                "scenario": s,
                "waarde": w,
            }
            for s, w in (("min", 50000), ("midden", 60000), ("max", 70000))
        ]
        + [
            {
                "editie": "2025-voorjaar",
                "grootheid": "asielinstroom",
                "jaar": 2025,
                "scenario": s,
                "waarde": w,
            }
            for s, w in (("min", 40000), ("midden", 50000), ("max", 60000))
        ]
        + [
            {
                "editie": "2025-najaar",
                "grootheid": "asielinstroom",
                "jaar": 2025,
                "scenario": s,
                "waarde": w,
            }
            for s, w in (("min", 30000), ("midden", 36000), ("max", 45000))
        ]
        + [
            {
                "editie": "2025-najaar",
                "grootheid": "opvangbehoefte_coa",
                "jaar": 2025,
                "scenario": "midden",
                "waarde": 1,
            }
        ],
        delivery_id=2,
    )
    stage(wh)
    run(wh, "instroom", "realisatie_vs_prognose")
    return wh


def test_months_and_cbs_quarter(instroom: duckdb.DuckDBPyConnection) -> None:
    jan = one(instroom, "select * from kpi.instroom where perioden = '2025MM01'")
    assert (jan["eerste"], jan["volgende"], jan["nareizigers"], jan["totaal"]) == (
        1500,
        50,
        1200,
        2750,
    )
    assert jan["voorlopig"] is True and jan["status"] == "voorlopig"
    # January 2025 against January 2024: 100 * (1500 - 3000) / 3000 = -50%
    assert jan["eerste_vj"] == 3000
    assert jan["eerste_yoy_pct"] == pytest.approx(-50.0)
    q1_2024 = one(instroom, "select * from kpi.instroom where perioden = '2024KW01'")
    assert q1_2024["bron"] == "cbs" and q1_2024["maanden"] == 3 and q1_2024["volledig"] is True
    assert q1_2024["voorlopig"] is False


def test_quarter_summed_from_months_and_yoy(instroom: duckdb.DuckDBPyConnection) -> None:
    q1 = one(instroom, "select * from kpi.instroom where perioden = '2025KW01'")
    # no CBS row: 1500 + 1480 + 1540 = 4520 eerste; 50 + 70 + 60 = 180; 1200 + 1150 + 1300 = 3650
    assert q1["bron"] == "som_maanden" and q1["maanden"] == 3 and q1["volledig"] is True
    assert (q1["eerste"], q1["volgende"], q1["nareizigers"], q1["totaal"]) == (
        4520,
        180,
        3650,
        8350,
    )
    assert q1["voorlopig"] is True  # its months are voorlopig
    # 100 * (4520 - 8970) / 8970 = -49.61%
    assert q1["eerste_vj"] == 8970
    assert q1["eerste_yoy_pct"] == pytest.approx(100 * (4520 - 8970) / 8970)
    # totaal: Q1 2024 = 8970 + 300 + 2930 = 12200; 100 * (8350 - 12200) / 12200
    assert q1["totaal_yoy_pct"] == pytest.approx(100 * (8350 - 12200) / 12200)
    # the year 2025 so far is 3 months: not volledig, so no year-on-year %
    jaar = one(instroom, "select * from kpi.instroom where perioden = '2025JJ00'")
    assert jaar["maanden"] == 3 and jaar["volledig"] is False and jaar["eerste_yoy_pct"] is None


def test_year_to_date(instroom: duckdb.DuckDBPyConnection) -> None:
    feb = one(instroom, "select * from kpi.instroom where perioden = '2025MM02'")
    # Jan + Feb 2025 = 1500 + 1480 = 2980; Jan + Feb 2024 = 3000 + 2900 = 5900
    assert (feb["eerste_ytd"], feb["eerste_ytd_vj"]) == (2980, 5900)
    assert feb["eerste_ytd_yoy_pct"] == pytest.approx(100 * (2980 - 5900) / 5900)
    assert feb["ytd_voorlopig"] is True
    # kwartaal rows carry no ytd
    assert (
        one(instroom, "select eerste_ytd from kpi.instroom where perioden = '2025KW01'")[
            "eerste_ytd"
        ]
        is None
    )


def test_top_nationalities(instroom: duckdb.DuckDBPyConnection) -> None:
    top = rows(
        instroom,
        "select nationaliteit, rang, eerste, aandeel_eerste_pct from kpi.instroom_nationaliteiten "
        "where perioden = '2025MM01' order by rang",
    )
    # Syrië 400 first; Eritrea and Afghanistan tie at 300: by code, R000004 before R000232
    assert [(r["nationaliteit"], r["rang"]) for r in top] == [
        ("R000760", 1),
        ("R000004", 2),
        ("R000232", 3),
    ]
    # 100 * 400 / 1500 (the month's total eerste) = 26.67%
    assert top[0]["aandeel_eerste_pct"] == pytest.approx(100 * 400 / 1500)


def test_realisatie_vs_latest_mpp(instroom: duckdb.DuckDBPyConnection) -> None:
    mrt = one(instroom, "select * from kpi.realisatie_vs_prognose where maand = '2025-03-01'")
    # instroom = eerste + volgende + nareizigers: Jan 2750, Feb 2700, Mar 2900 -> ytd 8350
    assert mrt["instroom"] == 2900 and mrt["instroom_ytd"] == 8350 and mrt["maanden"] == 3
    # straight line: 8350 * 12 / 3 = 33400
    assert mrt["projectie_jaareinde"] == pytest.approx(33400)
    # latest edition for 2025: 2025-najaar (2025 voorjaar = 1 < najaar = 2; 2024-najaar is older)
    mpp = (mrt["mpp_editie"], mrt["mpp_min"], mrt["mpp_midden"], mrt["mpp_max"])
    assert mpp == ("2025-najaar", 30000, 36000, 45000)
    assert mrt["positie"] == "binnen bandbreedte"
    assert mrt["verschil_midden"] == pytest.approx(33400 - 36000)
    assert mrt["realisatie_pct_midden"] == pytest.approx(100 * 8350 / 36000)
    feb = one(instroom, "select * from kpi.realisatie_vs_prognose where maand = '2025-02-01'")
    # (2750 + 2700) * 12 / 2 = 32700
    assert feb["projectie_jaareinde"] == pytest.approx(32700)
    # 2024 has no MPP for its year: no prognose, no position
    jan24 = one(instroom, "select * from kpi.realisatie_vs_prognose where maand = '2024-01-01'")
    assert jan24["mpp_editie"] is None and jan24["positie"] is None


def test_reconciliation_passes(instroom: duckdb.DuckDBPyConnection) -> None:
    assert reconciliation.check(instroom, "instroom") == []
    assert reconciliation.check(instroom, "realisatie_vs_prognose") == []


def test_reconciliation_fails_when_parts_do_not_add_up(instroom: duckdb.DuckDBPyConnection) -> None:
    instroom.execute("update kpi.instroom set totaal = totaal + 100 where perioden = '2024KW01'")
    failures = reconciliation.check(instroom, "instroom")
    assert (
        "kpi.instroom 2024KW01: totaal 12300 ≠ eerste + volgende + nareizigers = 12200" in failures
    )
    assert "kpi.instroom 2024KW01: kwartaaltotaal 12300 ≠ som van de maanden 12200" in failures


def test_reconciliation_tolerates_cbs_rounding(instroom: duckdb.DuckDBPyConnection) -> None:
    # CBS rounds cells to 5: a difference of 10 over 4 cells is rounding, not an error
    instroom.execute("update kpi.instroom set totaal = totaal + 10 where perioden = '2024KW01'")
    assert reconciliation.check(instroom, "instroom") == []


def test_reconciliation_realisatie_fails_on_wrong_projection(
    instroom: duckdb.DuckDBPyConnection,
) -> None:
    instroom.execute(
        "update kpi.realisatie_vs_prognose set projectie_jaareinde = 1 where maand = '2025-03-01'"
    )
    assert reconciliation.check(instroom, "realisatie_vs_prognose") == [
        "kpi.realisatie_vs_prognose 2025-03-01: projectie 1.0 ≠ ytd x 12 / maanden = 33400.0"
    ]
