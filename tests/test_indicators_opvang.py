"""kpi.opvang, kpi.opvang_opvangsoort and kpi.oekraine on hand-built COA and GOO rows."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from pipelines.lib import reconciliation
from tests.indicator_fixtures import add_raw, one, run, stage

MEI = date(2025, 5, 31)


def _coa(
    soort: str, capaciteit: int, bezetting: int, vergunninghouders: int, kostprijs: float
) -> dict:
    return {
        "peildatum": MEI,
        "opvangsoort": soort,
        "locaties": 1,
        "capaciteit": capaciteit,
        "bezetting": bezetting,
        "waarvan_vergunninghouders": vergunninghouders,
        "kostprijs_per_plek_per_jaar": kostprijs,
    }


@pytest.fixture
def opvang(wh: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    add_raw(
        wh,
        "coa_bezetting",
        [
            _coa("regulier", 1000, 900, 200, 30000),
            _coa("hotel", 200, 180, 20, 60000),
            _coa("noodopvang", 300, 300, 30, 50000),
            _coa("doorstroomlocatie", 100, 50, 50, 20000),
        ],
        delivery_id=1,
    )
    add_raw(
        wh,
        "oekraine_opvang",
        [
            {
                "peildatum": date(2026, 10, 31),
                "opvangplekken": 1000,
                "bezetting": 900,
                "kostprijs_per_plek_per_dag": 44.0,
            },
        ],
        delivery_id=2,
    )
    stage(wh)
    run(wh, "opvang", "oekraine")
    return wh


def test_opvang_totals_and_dure_opvang(opvang: duckdb.DuckDBPyConnection) -> None:
    mei = one(opvang, "select * from kpi.opvang where maand = '2025-05-01'")
    # capaciteit 1000 + 200 + 300 + 100 = 1600; bezetting 900 + 180 + 300 + 50 = 1430
    assert (mei["capaciteit"], mei["bezetting"], mei["locaties"]) == (1600, 1430, 4)
    assert mei["bezettingsgraad_pct"] == pytest.approx(100 * 1430 / 1600)  # 89.375%
    # vergunninghouders 200 + 20 + 30 + 50 = 300 of 1430
    assert mei["vergunninghouders"] == 300
    assert mei["aandeel_vergunninghouders_pct"] == pytest.approx(100 * 300 / 1430)
    # dure opvang = hotel 180 + noodopvang 300 = 480; regulier 900; overig (doorstroomlocatie) 50
    assert (mei["bezetting_dure_opvang"], mei["bezetting_regulier"], mei["bezetting_overig"]) == (
        480,
        900,
        50,
    )
    assert mei["aandeel_dure_opvang_pct"] == pytest.approx(100 * 480 / 1430)  # 33.57%


def test_opvang_cost_run_rate(opvang: duckdb.DuckDBPyConnection) -> None:
    mei = one(opvang, "select * from kpi.opvang where maand = '2025-05-01'")
    # regulier 900 x 30.000 = 27.000.000; hotel 180 x 60.000 = 10.800.000;
    # noodopvang 300 x 50.000 = 15.000.000; doorstroomlocatie 50 x 20.000 = 1.000.000
    assert mei["kosten_per_jaar"] == pytest.approx(53_800_000)
    assert mei["kosten_dure_opvang_per_jaar"] == pytest.approx(25_800_000)
    assert mei["kosten_regulier_per_jaar"] == pytest.approx(27_000_000)
    assert mei["kosten_overig_per_jaar"] == pytest.approx(1_000_000)
    assert mei["aandeel_kosten_dure_opvang_pct"] == pytest.approx(100 * 25.8 / 53.8)  # 47.96%
    # 25.800.000 / 480 = 53.750 per bewoner per jaar in dure opvang; regulier 30.000
    assert mei["kostprijs_dure_opvang"] == pytest.approx(53_750)
    assert mei["kostprijs_regulier"] == pytest.approx(30_000)


def test_opvang_per_opvangsoort(opvang: duckdb.DuckDBPyConnection) -> None:
    hotel = one(opvang, "select * from kpi.opvang_opvangsoort where opvangsoort = 'hotel'")
    assert hotel["dure_opvang"] is True
    assert hotel["bezettingsgraad_pct"] == pytest.approx(90.0)  # 180 / 200
    assert hotel["kosten_per_jaar"] == pytest.approx(10_800_000)
    assert hotel["aandeel_bezetting_pct"] == pytest.approx(100 * 180 / 1430)


def test_oekraine(opvang: duckdb.DuckDBPyConnection) -> None:
    okt = one(opvang, "select * from kpi.oekraine where maand = '2026-10-01'")
    assert okt["bezettingsgraad_pct"] == pytest.approx(90.0)  # 900 / 1000
    # 900 x 44 x 365 = 14.454.000 euro per jaar
    assert okt["kosten_per_jaar"] == pytest.approx(14_454_000)
    # 31 Oct 2026 -> 4 Mar 2027: 30 (Nov) + 31 (Dec) + 31 (Jan) + 28 (Feb) + 4 = 124 days
    assert okt["rtb_einddatum"] == date(2027, 3, 4)
    assert okt["dagen_tot_einde_rtb"] == 124


def test_reconciliation_passes(opvang: duckdb.DuckDBPyConnection) -> None:
    assert reconciliation.check(opvang, "opvang") == []
    assert reconciliation.check(opvang, "oekraine") == []


def test_reconciliation_fails_when_opvangsoorten_do_not_add_up(
    opvang: duckdb.DuckDBPyConnection,
) -> None:
    opvang.execute(
        "update kpi.opvang_opvangsoort set bezetting = bezetting + 5 where opvangsoort = 'hotel'"
    )
    failures = reconciliation.check(opvang, "opvang")
    assert len(failures) == 1
    assert failures[0].startswith("kpi.opvang 2025-05-01: totaal (bezetting 1430, capaciteit 1600")
    assert "som over de opvangsoorten (bezetting 1435" in failures[0]


def test_reconciliation_fails_on_share_out_of_range(opvang: duckdb.DuckDBPyConnection) -> None:
    opvang.execute("update kpi.opvang set aandeel_dure_opvang_pct = 120")
    assert reconciliation.check(opvang, "opvang") == [
        "kpi.opvang 2025-05-01: aandeel_dure_opvang_pct = 120.00 ligt niet tussen 0 en 100%"
    ]


def test_reconciliation_oekraine_fails_on_wrong_countdown(
    opvang: duckdb.DuckDBPyConnection,
) -> None:
    opvang.execute("update kpi.oekraine set dagen_tot_einde_rtb = 125")
    assert reconciliation.check(opvang, "oekraine") == [
        "kpi.oekraine 2026-10-01: dagen tot einde RTB 125 ≠ 124"
    ]
