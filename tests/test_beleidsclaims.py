"""The policy claims (reports/beleidsclaims.yaml) evaluated on hand-built warehouses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipelines.lib import beleidsclaims, paths, reconciliation
from tests.indicator_fixtures import add_raw, cbs_row, one, rows, run, stage

VERTREK = ("zelfstandig_onder_toezicht", "gedwongen", "zelfstandig_zonder_toezicht")


def _vertrek_jaar(jaar: int, zot: int, gedwongen: int) -> list[dict]:
    """A whole year of DTenV months; January carries the year's departures, the other months 0."""
    return [
        {"maand": f"{jaar}-{m:02d}", "vertreksoort": soort, "aantal": aantal if m == 1 else 0}
        for m in range(1, 13)
        for soort, aantal in zip(VERTREK, (zot, gedwongen, 100), strict=True)
    ]


def _build(
    conn: duckdb.DuckDBPyConnection,
    tmp_path: Path,
    *,
    q1_2025: int = 4500,
    vertrek_2024: tuple = (305, 215),
    taskforce: dict[int, int] | None = None,
    achterstand: int = 12500,
) -> None:
    # instroom: Q1 2024 9000 eerste; Q1 2025 q1_2025
    add_raw(
        conn,
        "cbs_asielverzoeken",
        [
            cbs_row("2024KW01", 9000, 300, 3000),
            cbs_row("2025KW01", q1_2025, 200, 3700, status="Nader voorlopig"),
        ],
        1,
    )
    # taakstelling: one gemeente, 2024-H2 taakstelling = achterstand, nobody housed up to May 2025
    add_raw(
        conn,
        "taakstelling",
        [
            {
                "periode": "2024-H2",
                "gemeentecode": "GM0001",
                "gemeentenaam": "Aadorp",
                "taakstelling": achterstand,
            },
            {
                "periode": "2025-H1",
                "gemeentecode": "GM0001",
                "gemeentenaam": "Aadorp",
                "taakstelling": 1000,
            },
        ],
        2,
    )
    add_raw(
        conn,
        "huisvesting_realisatie",
        [{"maand": "2025-05", "gemeentecode": "GM0001", "gehuisvest": 0}],
        3,
    )
    # vertrek: 2023 onder toezicht 300 + gedwongen 200 = 500
    add_raw(
        conn, "dtenv_vertrek", _vertrek_jaar(2023, 300, 200) + _vertrek_jaar(2024, *vertrek_2024), 4
    )
    csv = tmp_path / "taskforce_regelingen.csv"
    csv.write_text(
        "hoofdstuk,artikel,artikelonderdeel,regeling,oda\nXX,37,37.4,Terugkeersamenwerking,nee\n"
    )
    add_raw(
        conn,
        "budgettaire_tabel",
        [
            {
                "begrotingsjaar": 2026,
                "hoofdstuk": "XX",
                "artikel": 37,
                "artikelnaam": "Migratie",
                "vuo": "U",
                "artikelonderdeel": "37.4",
                "artikelonderdeelnaam": "Migratiesamenwerking",
                "instrument": "Opdrachten",
                "regeling": "Terugkeersamenwerking",
                "jaar": jaar,
                "bedrag": bedrag,
            }
            for jaar, bedrag in (taskforce or {2028: 100_000, 2029: 118_000}).items()
        ],
        5,
    )
    add_raw(
        conn,
        "oekraine_opvang",
        [
            {
                "peildatum": date(2026, 10, 31),
                "opvangplekken": 100,
                "bezetting": 90,
                "kostprijs_per_plek_per_dag": 44.0,
            }
        ],
        6,
    )
    stage(conn)
    run(conn, "instroom", "taakstelling_achterstand", "vertrek", "oekraine")
    run(conn, "taskforce_budget", taskforce_csv=csv)


def _by_id(uitkomsten: list[beleidsclaims.Uitkomst]) -> dict[str, beleidsclaims.Uitkomst]:
    return {u.claim_id: u for u in uitkomsten}


def test_real_claims_file() -> None:
    claims = {c.id: c for c in beleidsclaims.load_claims(paths.BELEIDSCLAIMS_FILE)}
    assert set(claims) >= {
        "instroom_eerste_kwartaal_2025",
        "taakstelling_achterstand_mei_2025",
        "vertrek_groei_2024",
        "vertrek_groei_2024_door_gedwongen",
        "taskforce_2029",
        "rtb_einde",
        "naturalisatietermijn",
        "taaleis_naturalisatie",
    }
    assert claims["taakstelling_achterstand_mei_2025"].geclaimd == 12500
    assert claims["rtb_einde"].geclaimd == date(2027, 3, 4)
    assert (
        claims["naturalisatietermijn"].meting is None
        and claims["naturalisatietermijn"].soort == "beleidsparameter"
    )


def test_claims_hold(wh: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    _build(wh, tmp_path)
    u = _by_id(beleidsclaims.evaluate(wh))
    q1 = u["instroom_eerste_kwartaal_2025"]
    # 100 * (4500 - 9000) / 9000 = -50%
    assert (q1.status, q1.geclaimd, q1.gemeten, q1.gemeten_waarde) == (
        "bevestigd",
        "−50%",
        "−50%",
        -50.0,
    )
    assert q1.voorlopig is True  # 2025KW01 is nader voorlopig
    assert "Eerste asielverzoeken 2025KW01: 4.500; 2024KW01: 9.000" in q1.toelichting
    assert (
        u["taakstelling_achterstand_mei_2025"].status,
        u["taakstelling_achterstand_mei_2025"].gemeten,
    ) == ("bevestigd", "12.500")
    # vertrek: 2024 305 + 215 = 520 against 500: +4%; gedwongen +15 of the +20 growth = 75%
    assert (u["vertrek_groei_2024"].status, u["vertrek_groei_2024"].gemeten) == ("bevestigd", "4%")
    driver = u["vertrek_groei_2024_door_gedwongen"]
    assert (driver.status, driver.gemeten_waarde) == ("bevestigd", 75.0)
    tf = u["taskforce_2029"]
    assert (tf.status, tf.geclaimd, tf.gemeten) == ("bevestigd", "€ 118 mln", "€ 118 mln")
    rtb = u["rtb_einde"]
    assert (rtb.status, rtb.geclaimd, rtb.gemeten) == ("bevestigd", "4 maart 2027", "4 maart 2027")
    assert "nog 124 dagen" in rtb.toelichting


def test_policy_parameters_are_shown_not_measured(wh: duckdb.DuckDBPyConnection) -> None:
    u = _by_id(beleidsclaims.evaluate(wh))
    for claim_id, geclaimd in (
        ("naturalisatietermijn", "10 jaar"),
        ("taaleis_naturalisatie", "B1"),
    ):
        assert (
            u[claim_id].status,
            u[claim_id].soort,
            u[claim_id].geclaimd,
            u[claim_id].gemeten,
        ) == ("geen data", "beleidsparameter", geclaimd, None)
        assert u[claim_id].toelichting.startswith("Beleidsparameter, niet gemeten")


def test_claims_that_do_not_hold(wh: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    # Q1 2025 6300: -30%; growth +4% but from zelfstandig (+15) not gedwongen (+5);
    # taskforce 2029 100 mln
    _build(
        wh,
        tmp_path,
        q1_2025=6300,
        vertrek_2024=(315, 205),
        taskforce={2028: 90_000, 2029: 100_000},
        achterstand=13000,
    )
    u = _by_id(beleidsclaims.evaluate(wh))
    assert (
        u["instroom_eerste_kwartaal_2025"].status,
        u["instroom_eerste_kwartaal_2025"].gemeten,
    ) == ("afwijkend", "−30%")
    assert "buiten de tolerantie van ± 2,5" in u["instroom_eerste_kwartaal_2025"].toelichting
    assert u["taakstelling_achterstand_mei_2025"].status == "afwijkend"  # 13.000
    assert u["vertrek_groei_2024"].status == "bevestigd"  # still +4%
    driver = u["vertrek_groei_2024_door_gedwongen"]
    assert (driver.status, driver.gemeten) == ("afwijkend", "25%")  # 100 * 5 / 20
    assert (u["taskforce_2029"].status, u["taskforce_2029"].gemeten) == ("afwijkend", "€ 100 mln")


def test_ramp_condition(wh: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    # 118 mln in 2029, but 2028 was higher: not "oplopend tot"
    _build(wh, tmp_path, taskforce={2028: 130_000, 2029: 118_000})
    tf = _by_id(beleidsclaims.evaluate(wh))["taskforce_2029"]
    assert tf.status == "afwijkend"
    assert "Voorwaarde niet vervuld: het bedrag loopt op tot 2029" in tf.toelichting


def test_no_data(wh: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    # nothing computed yet: every measured claim is geen data
    u = _by_id(beleidsclaims.evaluate(wh))
    assert {k: v.status for k, v in u.items()} == {k: "geen data" for k in u}
    assert "nog niet berekend" in u["vertrek_groei_2024"].toelichting
    # computed, but the period is not in the data: DTenV only for 2023
    add_raw(wh, "dtenv_vertrek", _vertrek_jaar(2023, 300, 200), 1)
    stage(wh)
    run(wh, "vertrek")
    vertrek = _by_id(beleidsclaims.evaluate(wh))["vertrek_groei_2024"]
    assert (vertrek.status, vertrek.gemeten) == ("geen data", None)
    assert vertrek.toelichting.startswith("Geen gegevens voor 2024 t.o.v. 2023")


def test_write_and_reconcile(wh: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    _build(wh, tmp_path)
    assert beleidsclaims.write(wh, beleidsclaims.evaluate(wh)) == 8
    table = rows(wh, "select * from kpi.beleidsclaims order by volgorde")
    assert {
        "claim_id",
        "paragraaf",
        "claim",
        "geclaimd",
        "gemeten",
        "eenheid",
        "status",
        "toelichting",
        "periode",
        "tolerantie",
        "indicator",
        "soort",
        "hoe_gemeten",
        "voorlopig",
    } <= set(table[0])
    assert (
        table[0]["claim_id"] == "instroom_eerste_kwartaal_2025"
        and table[0]["paragraaf"] == "2.1.1 Instroom"
    )
    assert reconciliation.check(wh, "beleidsclaims") == []
    wh.execute(
        "update kpi.beleidsclaims set status = 'beleidsparameter' "
        "where claim_id = 'naturalisatietermijn'"
    )
    wh.execute("delete from kpi.beleidsclaims where claim_id = 'rtb_einde'")
    assert reconciliation.check(wh, "beleidsclaims") == [
        "kpi.beleidsclaims naturalisatietermijn: status 'beleidsparameter' is niet bevestigd / "
        "afwijkend / geen data",
        "kpi.beleidsclaims: claim rtb_einde komt 0 keer voor in plaats van 1 keer",
    ]


def test_custom_claim_file_and_errors(wh: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    _build(wh, tmp_path)
    good = tmp_path / "claims.yaml"
    good.write_text(
        """claims:
  - id: rtb_later
    paragraaf: "2.1.3"
    claim: "De RTB loopt tot 1 januari 2028."
    indicator: oekraine
    periode: "einddatum"
    geclaimd: 2028-01-01
    eenheid: datum
    hoe_gemeten: "kpi.oekraine"
    meting: {query: claims/rtb_einddatum}
""",
        encoding="utf-8",
    )
    u = beleidsclaims.evaluate(wh, beleidsclaims.load_claims(good))
    assert (u[0].status, u[0].gemeten) == ("afwijkend", "4 maart 2027")

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        good.read_text().replace(
            "meting: {query: claims/rtb_einddatum}", "meting: {query: ../staging/ind_zaken}"
        ),
        encoding="utf-8",
    )
    with pytest.raises(beleidsclaims.ClaimsError, match="meting.query moet claims/<naam> zijn"):
        beleidsclaims.load_claims(bad)
    bad.write_text(good.read_text().replace("    eenheid: datum\n", ""), encoding="utf-8")
    with pytest.raises(beleidsclaims.ClaimsError, match="ontbrekende velden eenheid"):
        beleidsclaims.load_claims(bad)
    bad.write_text(
        good.read_text().replace(
            "    eenheid: datum\n", "    eenheid: datum\n    vergelijking: ongeveer\n"
        ),
        encoding="utf-8",
    )
    with pytest.raises(beleidsclaims.ClaimsError, match="vergelijking moet een van"):
        beleidsclaims.load_claims(bad)


def test_measurement_is_read_from_the_data(wh: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    """Not constants: change the data and the measured value follows."""
    _build(wh, tmp_path, achterstand=12480)
    u = _by_id(beleidsclaims.evaluate(wh))["taakstelling_achterstand_mei_2025"]
    assert (u.gemeten, u.status) == ("12.480", "bevestigd")  # within ± 50
    assert one(
        wh,
        "select achterstand from kpi.taakstelling_achterstand_nationaal where maand = '2025-05-01'",
    ) == {"achterstand": 12480}
