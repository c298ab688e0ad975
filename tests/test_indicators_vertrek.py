"""kpi.vertrek and kpi.vertrek_jaar on hand-built DTenV months.

Every month of 2023: zelfstandig onder toezicht 25, gedwongen 15, zonder toezicht 40.
Every month of 2024: zelfstandig onder toezicht 26, gedwongen 17, zonder toezicht 40, except
February's 'zonder toezicht', delivered as '.' (under 5: counts as 0, flagged onderdrukt).
2025: January and February only, as 2024.
Year 2023: onder toezicht 12 x 25 = 300, gedwongen 12 x 15 = 180 -> aantoonbaar 480.
Year 2024: onder toezicht 12 x 26 = 312, gedwongen 12 x 17 = 204 -> aantoonbaar 516.
Growth 516 - 480 = 36 = 7.5%; gedwongen +24 (66.7% of the growth), onder toezicht +12 (33.3%).
"""

from __future__ import annotations

import duckdb
import pytest

from pipelines.lib import reconciliation
from tests.indicator_fixtures import add_raw, one, run, stage

SOORTEN = ("zelfstandig_onder_toezicht", "gedwongen", "zelfstandig_zonder_toezicht")


def _maand(maand: str, zot: int, gedwongen: int, zzt: int | None) -> list[dict]:
    return [
        {
            "maand": maand,
            "vertreksoort": soort,
            "aantal": aantal,
            "aantal_onderdrukt": aantal is None,
        }
        for soort, aantal in zip(SOORTEN, (zot, gedwongen, zzt), strict=True)
    ]


@pytest.fixture
def vertrek(wh: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    delivery = 1
    for m in range(1, 13):
        add_raw(wh, "dtenv_vertrek", _maand(f"2023-{m:02d}", 25, 15, 40), delivery_id=delivery)
        add_raw(
            wh,
            "dtenv_vertrek",
            _maand(f"2024-{m:02d}", 26, 17, None if m == 2 else 40),
            delivery_id=delivery + 1,
        )
        delivery += 2
    for m in (1, 2):
        add_raw(wh, "dtenv_vertrek", _maand(f"2025-{m:02d}", 26, 17, 40), delivery_id=delivery)
        delivery += 1
    stage(wh)
    run(wh, "vertrek")
    return wh


def test_month_and_year_to_date(vertrek: duckdb.DuckDBPyConnection) -> None:
    mrt = one(vertrek, "select * from kpi.vertrek where maand = '2024-03-01'")
    assert mrt["aantoonbaar"] == 43  # 26 + 17
    assert mrt["ytd_aantoonbaar"] == 129  # 3 x 43
    assert mrt["ytd_aantoonbaar_vj"] == 120  # 3 x (25 + 15)
    assert mrt["ytd_groei_pct"] == pytest.approx(100 * (129 - 120) / 120)  # 7.5%
    assert mrt["ytd_zelfstandig_zonder_toezicht"] == 80  # 40 + 0 ('.') + 40
    feb = one(vertrek, "select * from kpi.vertrek where maand = '2024-02-01'")
    assert feb["onderdrukt"] is True and feb["zelfstandig_zonder_toezicht"] == 0


def test_year_growth_and_shares(vertrek: duckdb.DuckDBPyConnection) -> None:
    j = one(vertrek, "select * from kpi.vertrek_jaar where jaar = 2024")
    assert (j["zelfstandig_onder_toezicht"], j["gedwongen"], j["aantoonbaar"]) == (312, 204, 516)
    assert (j["aantoonbaar_vj"], j["groei_aantoonbaar"]) == (480, 36)
    assert j["groei_aantoonbaar_pct"] == pytest.approx(7.5)  # 100 * 36 / 480
    assert j["groei_gedwongen_pct"] == pytest.approx(100 * 24 / 180)  # 13.3%
    assert j["groei_zelfstandig_onder_toezicht_pct"] == pytest.approx(100 * 12 / 300)  # 4%
    assert j["aandeel_groei_gedwongen_pct"] == pytest.approx(100 * 24 / 36)  # 66.7%
    assert j["aandeel_groei_zelfstandig_onder_toezicht_pct"] == pytest.approx(
        100 * 12 / 36
    )  # 33.3%
    assert j["volledig"] is True and j["onderdrukt"] is True
    # the first year has nothing to compare with
    assert (
        one(vertrek, "select groei_aantoonbaar from kpi.vertrek_jaar where jaar = 2023")[
            "groei_aantoonbaar"
        ]
        is None
    )


def test_incomplete_year_compares_same_months(vertrek: duckdb.DuckDBPyConnection) -> None:
    j = one(vertrek, "select * from kpi.vertrek_jaar where jaar = 2025")
    assert (j["maanden"], j["tm_maand"], j["volledig"]) == (2, 2, False)
    # Jan + Feb 2025 = 2 x 43 = 86 against Jan + Feb 2024 = 86: growth 0, no shares of a zero growth
    assert (j["aantoonbaar"], j["aantoonbaar_vj"], j["groei_aantoonbaar"]) == (86, 86, 0)
    assert j["aandeel_groei_gedwongen_pct"] is None


def test_reconciliation_passes(vertrek: duckdb.DuckDBPyConnection) -> None:
    assert reconciliation.check(vertrek, "vertrek") == []


def test_reconciliation_fails_when_parts_do_not_add_up(vertrek: duckdb.DuckDBPyConnection) -> None:
    vertrek.execute("update kpi.vertrek_jaar set aantoonbaar = 517 where jaar = 2024")
    failures = reconciliation.check(vertrek, "vertrek")
    assert (
        "vertrek 2024: aantoonbaar 517 ≠ zelfstandig onder toezicht + gedwongen = 516" in failures
    )
    assert (
        "kpi.vertrek_jaar 2024: aantoonbaar 517 / zonder toezicht 440 ≠ som van de "
        "maanden 516 / 440" in failures
    )


def test_reconciliation_fails_when_shares_do_not_add_up(vertrek: duckdb.DuckDBPyConnection) -> None:
    vertrek.execute(
        "update kpi.vertrek_jaar set aandeel_groei_gedwongen_pct = 70 where jaar = 2024"
    )
    assert reconciliation.check(vertrek, "vertrek") == [
        "kpi.vertrek_jaar 2024: aandelen in de groei tellen op tot 103.33% in plaats van 100%"
    ]
