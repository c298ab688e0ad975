"""kpi.bijstellingen: what changed when a period was delivered again."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from pipelines.lib import reconciliation
from tests.indicator_fixtures import add_raw, rows, run, stage

MEI = date(2025, 5, 31)


def _coa(soort: str, bezetting: int, kostprijs: float, peildatum: date = MEI) -> dict:
    return {
        "peildatum": peildatum,
        "opvangsoort": soort,
        "locaties": 1,
        "capaciteit": 1000,
        "bezetting": bezetting,
        "waarvan_vergunninghouders": 10,
        "kostprijs_per_plek_per_jaar": kostprijs,
    }


def _ind(n: int, gebeurtenis: str) -> list[dict]:
    return [
        {
            "zaak_id": f"{gebeurtenis[:2].encode().hex()}{i:012x}",
            "procedure": "asiel_eerste",
            "nationaliteit": "ERI",
            "gebeurtenis": gebeurtenis,
            "datum": date(2025, 3, 3),
        }
        for i in range(n)
    ]


@pytest.fixture
def bijstellingen(wh: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    # April delivered once: no bijstelling
    add_raw(
        wh,
        "coa_bezetting",
        [_coa("regulier", 880, 30000, date(2025, 4, 30))],
        1,
        "coa_bezetting_2025-04.csv",
    )
    add_raw(
        wh,
        "coa_bezetting",
        [
            _coa("regulier", 900, 30000),
            _coa("hotel", 180, 60000),
            _coa("doorstroomlocatie", 50, 20000),
        ],
        2,
        "coa_bezetting_2025-05.csv",
    )
    # May again: hotel bezetting 180 -> 175 and kostprijs 60.000 -> 61.000,
    # a new cruiseschip row, doorstroomlocatie gone, regulier unchanged
    add_raw(
        wh,
        "coa_bezetting",
        [_coa("regulier", 900, 30000), _coa("hotel", 175, 61000), _coa("cruiseschip", 400, 70000)],
        3,
        "coa_bezetting_2025-05_correctie.csv",
    )
    # IND March twice: aanvragen 12 -> 16 (disclosed: 10 -> 20);
    # afwijzingen 3 -> 5 (both suppressed)
    add_raw(
        wh, "ind_zaken", _ind(12, "aanvraag") + _ind(3, "afwijzing"), 4, "ind_zaken_2025-03.parquet"
    )
    add_raw(
        wh,
        "ind_zaken",
        _ind(16, "aanvraag") + _ind(5, "afwijzing"),
        5,
        "ind_zaken_2025-03_v2.parquet",
    )
    stage(wh)
    run(wh, "bijstellingen")
    return wh


def test_changes_between_the_last_two_deliveries(bijstellingen: duckdb.DuckDBPyConnection) -> None:
    found = rows(
        bijstellingen,
        "select bron, periode, sleutel, kolom, soort, oud, nieuw, revisies, "
        "vorige_levering, levering from kpi.bijstellingen order by bron, sleutel, kolom",
    )
    coa = {
        "bron": "coa_bezetting",
        "periode": "2025-05",
        "revisies": 2,
        "vorige_levering": "coa_bezetting_2025-05.csv",
        "levering": "coa_bezetting_2025-05_correctie.csv",
    }
    ind = {
        "bron": "ind_zaken",
        "periode": "2025-03",
        "revisies": 2,
        "vorige_levering": "ind_zaken_2025-03.parquet",
        "levering": "ind_zaken_2025-03_v2.parquet",
    }
    assert found == [
        {
            **coa,
            "sleutel": "2025-05-31 | cruiseschip",
            "kolom": None,
            "soort": "nieuw",
            "oud": None,
            "nieuw": None,
        },
        {
            **coa,
            "sleutel": "2025-05-31 | doorstroomlocatie",
            "kolom": None,
            "soort": "vervallen",
            "oud": None,
            "nieuw": None,
        },
        {
            **coa,
            "sleutel": "2025-05-31 | hotel",
            "kolom": "bezetting",
            "soort": "gewijzigd",
            "oud": "180",
            "nieuw": "175",
        },
        {
            **coa,
            "sleutel": "2025-05-31 | hotel",
            "kolom": "kostprijs_per_plek_per_jaar",
            "soort": "gewijzigd",
            "oud": "60000.0",
            "nieuw": "61000.0",
        },
        # case-level source: only disclosed counts per procedure | gebeurtenis (12 -> 10, 16 -> 20);
        # the afwijzingen (3 -> 5) stay suppressed on both sides, so no visible change
        {
            **ind,
            "sleutel": "asiel_eerste | aanvraag",
            "kolom": "aantal",
            "soort": "gewijzigd",
            "oud": "10",
            "nieuw": "20",
        },
    ]


def test_reconciliation(bijstellingen: duckdb.DuckDBPyConnection) -> None:
    assert reconciliation.check(bijstellingen, "bijstellingen") == []
    bijstellingen.execute(
        "update kpi.bijstellingen set oud = '12', nieuw = '16' where bron = 'ind_zaken'"
    )
    assert reconciliation.check(bijstellingen, "bijstellingen") == [
        "kpi.bijstellingen ind_zaken 2025-03 asiel_eerste | aanvraag: 12 -> 16 is geen afgerond "
        "en onderdrukt aantal"
    ]
    bijstellingen.execute("update kpi.bijstellingen set nieuw = oud where kolom = 'bezetting'")
    assert (
        "kpi.bijstellingen coa_bezetting 2025-05 2025-05-31 | hotel bezetting: "
        "geen echte bijstelling (180 -> 180)"
    ) in reconciliation.check(bijstellingen, "bijstellingen")
