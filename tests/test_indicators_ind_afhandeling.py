"""kpi.ind_afhandeling (per monthly partition) and kpi.ind_afhandeling_openbaar
on hand-built IND events.

Zaken (asiel_eerste unless noted), one delivery per event month:
  z4  aanvraag 2024-07-31                   inwilliging 2025-03-01 (213 days; term ended 2025-01-31)
  z1  aanvraag 2025-01-10                   inwilliging 2025-03-05 (21 + 28 + 5 = 54 days)
  z2  aanvraag 2025-01-20                   afwijzing   2025-03-20 (11 + 28 + 20 = 59 days)
  z3  aanvraag 2025-02-01   intrekking 2025-02-15 (no beslissing)
  z6  asiel_herhaald: aanvraag 2025-02-10, afwijzing 2025-02-12 (2 days), inwilliging 2025-03-15
  z5  nareis: aanvraag 2025-03-10 (open)
  z7  inwilliging 2025-03-03, aanvraag not in the data (before the first delivery)
  April 2025: 15 new asiel_eerste aanvragen.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from pipelines.lib import indicators, reconciliation
from tests.indicator_fixtures import add_raw, one, rows, stage


def _zaak(n: int) -> str:
    return f"{n:016x}"


def _event(zaak: int, gebeurtenis: str, datum: str, procedure: str = "asiel_eerste") -> dict:
    return {
        "zaak_id": _zaak(zaak),
        "procedure": procedure,
        "nationaliteit": "SYR",
        "gebeurtenis": gebeurtenis,
        "datum": date.fromisoformat(datum),
    }


FEBRUARI = [
    _event(3, "aanvraag", "2025-02-01"),
    _event(3, "intrekking", "2025-02-15"),
    _event(6, "aanvraag", "2025-02-10", "asiel_herhaald"),
    _event(6, "afwijzing", "2025-02-12", "asiel_herhaald"),
]
LEVERINGEN = [
    [_event(4, "aanvraag", "2024-07-31")],
    [_event(1, "aanvraag", "2025-01-10"), _event(2, "aanvraag", "2025-01-20")],
    FEBRUARI,
    [
        _event(1, "inwilliging", "2025-03-05"),
        _event(2, "afwijzing", "2025-03-20"),
        _event(4, "inwilliging", "2025-03-01"),
        _event(5, "aanvraag", "2025-03-10", "nareis"),
        _event(6, "inwilliging", "2025-03-15", "asiel_herhaald"),
        _event(7, "inwilliging", "2025-03-03"),
    ],
    [_event(100 + i, "aanvraag", "2025-04-02") for i in range(15)],
]
MAANDEN = ("2025-01", "2025-02", "2025-03", "2025-04")


@pytest.fixture
def ind(wh: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    for i, events in enumerate(LEVERINGEN, start=1):
        add_raw(wh, "ind_zaken", events, delivery_id=i)
    stage(wh)
    for maand in MAANDEN:  # the monthly partitions, in order; only these months
        indicators.run(wh, "ind_afhandeling", maand, aanvullen=False)
    return wh


def _row(
    conn: duckdb.DuckDBPyConnection, maand: str, procedure: str, table: str = "ind_afhandeling"
) -> dict:
    return one(
        conn, f"select * from kpi.{table} where maand = $m and procedure = $p", m=maand, p=procedure
    )


def test_first_month_voorraad_from_scratch(ind: duckdb.DuckDBPyConnection) -> None:
    jan = _row(ind, "2025-01-01", "asiel_eerste")
    assert (jan["aanvragen"], jan["beslissingen"], jan["inwilligingspercentage"]) == (2, 0, None)
    # open at 31 January: z4 (aanvraag July 2024), z1, z2;
    # no previous month -> computed from scratch
    assert (jan["voorraad"], jan["voorraad_berekening"]) == (3, "volledig")
    assert (jan["doorlooptijd_n"], jan["doorlooptijd_mediaan_dagen"]) == (0, None)


def test_february_carried_forward(ind: duckdb.DuckDBPyConnection) -> None:
    eerste = _row(ind, "2025-02-01", "asiel_eerste")
    # 3 + 1 aanvraag (z3) - 1 afgehandeld (z3 ingetrokken) = 3
    assert (eerste["aanvragen"], eerste["intrekkingen"], eerste["afgehandeld"]) == (1, 1, 1)
    assert (eerste["voorraad"], eerste["voorraad_berekening"]) == (3, "incrementeel")
    herhaald = _row(ind, "2025-02-01", "asiel_herhaald")
    # z6: aanvraag 10 Feb, afwijzing 12 Feb: 0 + 1 - 1 = 0; 0 of 1 beslissingen ingewilligd
    assert (herhaald["beslissingen"], herhaald["afwijzingen"], herhaald["voorraad"]) == (1, 1, 0)
    assert herhaald["inwilligingspercentage"] == pytest.approx(0.0)
    assert (
        herhaald["doorlooptijd_n"],
        herhaald["doorlooptijd_mediaan_dagen"],
        herhaald["doorlooptijd_p90_dagen"],
    ) == (1, 2.0, 2.0)
    assert herhaald["binnen_termijn_pct"] == pytest.approx(100.0)


def test_march_beslissingen_and_doorlooptijden(ind: duckdb.DuckDBPyConnection) -> None:
    eerste = _row(ind, "2025-03-01", "asiel_eerste")
    # inwilligingen z1, z4, z7; afwijzing z2 -> 4 beslissingen, 3 / 4 = 75%
    assert (eerste["inwilligingen"], eerste["afwijzingen"], eerste["beslissingen"]) == (3, 1, 4)
    assert eerste["inwilligingspercentage"] == pytest.approx(75.0)
    # afgehandeld: z1, z2, z4 (z7 has no aanvraag on record): 3 + 0 - 3 = 0
    assert (eerste["afgehandeld"], eerste["voorraad"]) == (3, 0)
    # doorlooptijden of z1, z2, z4 = 54, 59, 213 days: median 59;
    # p90 = 59 + 0.8 * (213 - 59) = 182.2
    assert eerste["doorlooptijd_n"] == 3
    assert eerste["doorlooptijd_mediaan_dagen"] == pytest.approx(59)
    assert eerste["doorlooptijd_p90_dagen"] == pytest.approx(182.2)
    # within aanvraag + 6 months: z1 (before 10 Jul), z2 (before 20 Jul); z4 not (term ended 31 Jan)
    assert eerste["binnen_termijn"] == 2
    assert eerste["binnen_termijn_pct"] == pytest.approx(100 * 2 / 3)
    herhaald = _row(ind, "2025-03-01", "asiel_herhaald")
    # z6's inwilliging counts as a beslissing, but its first beslissing was in February
    assert (herhaald["beslissingen"], herhaald["doorlooptijd_n"], herhaald["afgehandeld"]) == (
        1,
        0,
        0,
    )
    totaal = _row(ind, "2025-03-01", "totaal")
    assert (totaal["beslissingen"], totaal["inwilligingspercentage"]) == (
        5,
        pytest.approx(80.0),
    )  # 4 / 5
    assert totaal["voorraad"] == 1  # z5 (nareis)
    assert totaal["doorlooptijd_mediaan_dagen"] == pytest.approx(59)


def test_incremental_equals_from_scratch(ind: duckdb.DuckDBPyConnection) -> None:
    incrementeel = rows(
        ind,
        "select procedure, voorraad from kpi.ind_afhandeling where maand = '2025-03-01' "
        "order by procedure",
    )
    ind.execute("delete from kpi.ind_afhandeling where maand = '2025-02-01'")
    indicators.run(ind, "ind_afhandeling", "2025-03", aanvullen=False)
    opnieuw = rows(
        ind,
        "select procedure, voorraad, voorraad_berekening from kpi.ind_afhandeling "
        "where maand = '2025-03-01' order by procedure",
    )
    assert {r["voorraad_berekening"] for r in opnieuw} == {"volledig"}
    assert [(r["procedure"], r["voorraad"]) for r in opnieuw] == [
        (r["procedure"], r["voorraad"]) for r in incrementeel
    ]


def test_single_run_fills_in_earlier_months(wh: duckdb.DuckDBPyConnection) -> None:
    for i, events in enumerate(LEVERINGEN, start=1):
        add_raw(wh, "ind_zaken", events, delivery_id=i)
    stage(wh)
    indicators.run(wh, "ind_afhandeling", "2025-04")
    # the first IND month is July 2024: July 2024 .. March 2025 are computed too, July from scratch
    maanden = rows(
        wh,
        "select maand, voorraad_berekening from kpi.ind_afhandeling where procedure = 'totaal' "
        "order by maand",
    )
    assert [str(r["maand"])[:7] for r in maanden] == [
        "2024-07",
        "2024-08",
        "2024-09",
        "2024-10",
        "2024-11",
        "2024-12",
        "2025-01",
        "2025-02",
        "2025-03",
        "2025-04",
    ]
    assert [r["voorraad_berekening"] for r in maanden] == ["volledig"] + ["incrementeel"] * 9
    # the same figures as month-by-month partitions: voorraad eerste Jan 3, Feb 3, Mar 0, Apr 15
    eerste = rows(
        wh,
        "select voorraad from kpi.ind_afhandeling where procedure = 'asiel_eerste' "
        "and maand >= '2025-01-01' order by maand",
    )
    assert [r["voorraad"] for r in eerste] == [3, 3, 0, 15]


def test_rerun_is_idempotent(ind: duckdb.DuckDBPyConnection) -> None:
    before = rows(ind, "select * from kpi.ind_afhandeling order by maand, procedure")
    indicators.run(ind, "ind_afhandeling", "2025-03", aanvullen=False)
    assert rows(ind, "select * from kpi.ind_afhandeling order by maand, procedure") == before


def test_revised_earlier_month_forces_from_scratch(ind: duckdb.DuckDBPyConnection) -> None:
    # February delivered again (delivery 6) with one more aanvraag: z8 on 20 February, still open
    add_raw(ind, "ind_zaken", [*FEBRUARI, _event(8, "aanvraag", "2025-02-20")], delivery_id=6)
    stage(ind)
    indicators.run(
        ind, "ind_afhandeling", "2025-03"
    )  # February's stored row rests on delivery 3: stale
    eerste = _row(ind, "2025-03-01", "asiel_eerste")
    assert (eerste["voorraad"], eerste["voorraad_berekening"]) == (1, "volledig")  # z8
    assert eerste["revisies"] == 1  # March itself was delivered once
    indicators.run(ind, "ind_afhandeling", "2025-02")
    assert (
        _row(ind, "2025-02-01", "asiel_eerste")["revisies"] == 2
    )  # February twice: the report marks it


def test_openbaar_rounds_and_suppresses(ind: duckdb.DuckDBPyConnection) -> None:
    eerste = _row(ind, "2025-04-01", "asiel_eerste", "ind_afhandeling_openbaar")
    # exact: 15 aanvragen, voorraad 0 + 15 = 15 -> rounded to tens: 20
    assert _row(ind, "2025-04-01", "asiel_eerste")["voorraad"] == 15
    assert (eerste["aanvragen"], eerste["voorraad"]) == (20, 20)
    assert eerste["beslissingen"] is None  # 0 < 10: suppressed
    assert (
        _row(ind, "2025-04-01", "nareis", "ind_afhandeling_openbaar")["voorraad"] is None
    )  # 1 < 10
    assert _row(ind, "2025-04-01", "totaal", "ind_afhandeling_openbaar")["voorraad"] == 20  # 16
    maart = _row(ind, "2025-03-01", "asiel_eerste", "ind_afhandeling_openbaar")
    # percentages and doorlooptijden rest on fewer than 10 zaken: suppressed too
    assert maart["inwilligingspercentage"] is None and maart["doorlooptijd_mediaan_dagen"] is None
    assert "zaak_id" not in ind.sql("select * from kpi.ind_afhandeling_openbaar").columns


def test_reconciliation_passes(ind: duckdb.DuckDBPyConnection) -> None:
    assert reconciliation.check(ind, "ind_afhandeling") == []


def test_reconciliation_fails_on_negative_voorraad(ind: duckdb.DuckDBPyConnection) -> None:
    ind.execute(
        "update kpi.ind_afhandeling set voorraad = -1 where maand = '2025-03-01' "
        "and procedure = 'nareis'"
    )
    failures = reconciliation.check(ind, "ind_afhandeling")
    assert "kpi.ind_afhandeling 2025-03-01 nareis: voorraad -1 is onbekend of negatief" in failures
    assert any(
        f.startswith("kpi.ind_afhandeling 2025-03-01: totaal (aanvragen 1, beslissingen 5")
        for f in failures
    )


def test_reconciliation_fails_on_undisclosed_count(ind: duckdb.DuckDBPyConnection) -> None:
    ind.execute(
        "update kpi.ind_afhandeling_openbaar set aanvragen = 15 where maand = '2025-04-01' "
        "and procedure = 'asiel_eerste'"
    )
    assert reconciliation.check(ind, "ind_afhandeling") == [
        (
            "kpi.ind_afhandeling_openbaar 2025-04-01 asiel_eerste: aanvragen = 15 is niet "
            "afgerond op tientallen of had onderdrukt moeten zijn"
        )
    ]
