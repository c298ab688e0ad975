"""Revisions go by the delivery's own date; arrival order only breaks ties.

An older begrotingsstaten file that arrives after a newer one is kept in raw for audit, does not
replace the newer figures in stg (and so in every indicator and report), and is reported as such.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.lib import warehouse
from pipelines.lib.contracts import load_contract
from tests.indicator_fixtures import run, stage
from tests.test_ingest_whole_government import whole_government_file


def _realisatie_2024(conn) -> tuple[int, int]:
    return conn.execute(
        "select count(*) filter (where realisatie is not null), count(*) "
        "from stg.rijksfinancien_begrotingsstaten where begrotingsjaar = 2024"
    ).fetchone()


def test_an_older_delivery_arriving_later_does_not_replace_newer_figures(
    ketenmonitor_env: Path,
) -> None:
    folder = ketenmonitor_env / "landing" / "rijksfinancien_begrotingsstaten"
    folder.mkdir(parents=True)
    newer = folder / "begrotingsstaten_2026-06-03.csv"
    whole_government_file(newer, last_realisatie=2024)
    older = folder / "begrotingsstaten_2025-06-03.csv"
    whole_government_file(older, last_realisatie=2023)  # realisatie 2024 still empty
    contract = load_contract("rijksfinancien_begrotingsstaten")

    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        first = warehouse.load_delivery(conn, contract, newer)
        stage(conn)
        before = _realisatie_2024(conn)
        late = warehouse.load_delivery(conn, contract, older)  # arrives later, dated a year earlier
        stage(conn)
        after = _realisatie_2024(conn)
        run(conn, "bijstellingen")
        bijstellingen = conn.execute(
            "select count(*) from kpi.bijstellingen where bron = 'rijksfinancien_begrotingsstaten'"
        ).fetchone()[0]
        raw_deliveries = conn.execute(
            "select count(distinct _delivery_id) from raw.rijksfinancien_begrotingsstaten"
        ).fetchone()[0]
        stored = conn.execute(
            "select severity, message from meta.delivery_findings where delivery_id = $id",
            {"id": late.delivery_id},
        ).fetchall()
        revisies = conn.execute(
            "select max(revisies) from stg.rijksfinancien_begrotingsstaten"
        ).fetchone()[0]

    assert first.status == late.status == "accepted"
    assert before[0] == before[1] > 100, "the newer file has the 2024 realisatie"
    assert after == before, "the older file, arriving later, replaces nothing"
    assert raw_deliveries == 2 and revisies == 2, "both kept for audit"
    assert bijstellingen == 0, "nothing changed in the figures the reports use"
    text = late.describe()
    assert (
        "gedateerd 2025-06-03, ouder dan begrotingsstaten_2026-06-03.csv (2026-06-03) "
        "voor 14 perioden" in text
    )
    assert "vervangt die nieuwere cijfers niet" in text
    assert [s for s, _ in stored] == ["warning"] and "ouder dan" in stored[0][1]


def test_a_newer_delivery_wins_and_arrival_order_breaks_ties(ketenmonitor_env: Path) -> None:
    folder = ketenmonitor_env / "landing" / "rijksfinancien_begrotingsstaten"
    folder.mkdir(parents=True)
    older = folder / "begrotingsstaten_2025-06-03.csv"
    whole_government_file(older, last_realisatie=2023)
    newer = folder / "begrotingsstaten_2026-06-03.csv"
    whole_government_file(newer, last_realisatie=2024)
    same_day = folder / "begrotingsstaten_2026-06-03_correctie.csv"
    whole_government_file(same_day, seed=7, last_realisatie=2023)
    contract = load_contract("rijksfinancien_begrotingsstaten")
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        outcomes = warehouse.load_deliveries(conn, contract, [older, newer])
        stage(conn)
        with_2024 = _realisatie_2024(conn)
        tie = warehouse.load_delivery(conn, contract, same_day)  # same date: the later arrival wins
        stage(conn)
        after_tie = _realisatie_2024(conn)
    assert [o.status for o in outcomes] == ["accepted", "accepted"]
    assert with_2024[0] == with_2024[1]
    assert tie.status == "accepted" and "ouder dan" not in tie.describe()
    assert after_tie[0] == 0
