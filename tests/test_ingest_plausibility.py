"""Plausibility against the source's own history: warnings, not rejections.

A tenfold jump and a value cut off in the last field of a truncated file load, but carry a
warning naming the value, the expected range and the history it was compared with; `valideer`
says the same. A steady trend is no anomaly.
"""

from __future__ import annotations

from pathlib import Path

from pipelines import cli
from pipelines.lib import plausibility, warehouse
from pipelines.lib.contracts import load_contract
from pipelines.lib.reports import document as documenten
from pipelines.lib.revisies import period_expr
from pipelines.lib.validation import validate_delivery

COA_HEADER = (
    "peildatum;opvangsoort;locaties;capaciteit;bezetting;waarvan_vergunninghouders;"
    "kostprijs_per_plek_per_jaar\n"
)
DTENV_HEADER = "maand,vertreksoort,aantal\n"
EINDE = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def _coa(folder: Path, month: int, bezetting: int, kostprijs: str = "25900") -> Path:
    path = folder / f"coa_bezetting_2025-{month:02d}.csv"
    day = f"2025-{month:02d}-{EINDE[month]}"
    path.write_text(
        COA_HEADER + f"{day};hotel;15;3000;2400;800;69400\n"
        f"{day};regulier;120;60000;{bezetting};9000;{kostprijs}",
        encoding="utf-8",
    )  # no final newline
    return path


def _dtenv(folder: Path, month: int, gedwongen: int) -> Path:
    path = folder / f"dtenv_vertrek_2025-{month:02d}.csv"
    m = f"2025-{month:02d}"
    path.write_text(
        DTENV_HEADER + f"{m},zelfstandig_onder_toezicht,270\n{m},gedwongen,{gedwongen}\n"
        f"{m},zelfstandig_zonder_toezicht,480\n",
        encoding="utf-8",
    )
    return path


def test_a_truncated_last_field_and_a_tenfold_jump_are_flagged(
    ketenmonitor_env: Path, capsys
) -> None:
    landing = ketenmonitor_env / "landing"
    coa_dir, dtenv_dir = landing / "coa_bezetting", landing / "dtenv_vertrek"
    coa_dir.mkdir(parents=True)
    dtenv_dir.mkdir(parents=True)
    coa, dtenv = load_contract("coa_bezetting"), load_contract("dtenv_vertrek")
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        for month in range(1, 10):  # a steady rise: 48.000 -> 52.000, no warning
            first = warehouse.load_delivery(conn, coa, _coa(coa_dir, month, 48000 + 500 * month))
            assert first.status == "accepted" and first.findings == [], first.describe()
            assert (
                warehouse.load_delivery(
                    conn, dtenv, _dtenv(dtenv_dir, month, 300 + 5 * month)
                ).findings
                == []
            )
    truncated = _coa(
        coa_dir, 10, 53000, kostprijs="259"
    )  # the file was cut off inside its last field
    jump = _dtenv(dtenv_dir, 10, 3500)  # tenfold

    capsys.readouterr()
    assert cli.main(["valideer", str(truncated)]) == 0
    valideer = capsys.readouterr().out
    with warehouse.connect() as conn:
        cut = warehouse.load_delivery(conn, coa, truncated)
        tenfold = warehouse.load_delivery(conn, dtenv, jump)
        stored = conn.execute(
            "select file_name, severity, rule, message from meta.delivery_findings "
            "order by file_name"
        ).fetchall()

    assert cut.status == tenfold.status == "accepted", "warnings load"
    (kost,) = [f for f in cut.findings if f.rule == "coa_bezetting.plausibel"]
    assert kost.column == "kostprijs_per_plek_per_jaar" and kost.value == "259"
    assert (
        "totaal kostprijs_per_plek_per_jaar (opvangsoort=regulier) in 2025-10 is 259; "
        "verwacht 12.949 tot 51.801 (vorige periode 2025-09: 25.900; de gebruikelijke stap van "
        "periode tot periode in de 9 voorgaande perioden 2025-01 t/m 2025-09 van deze bron)"
    ) in kost.message
    (sprong,) = [f for f in tenfold.findings if f.rule == "dtenv_vertrek.plausibel"]
    assert "totaal aantal (vertreksoort=gedwongen) in 2025-10 is 3.500; verwacht " in sprong.message
    assert (
        "(vorige periode 2025-09: 345; de gebruikelijke stap van periode tot periode in de 9 "
        "voorgaande perioden 2025-01 t/m 2025-09 van deze bron)"
    ) in sprong.message
    assert [(s, r) for _, s, r, _ in stored] == [
        ("warning", "coa_bezetting.plausibel"),
        ("warning", "dtenv_vertrek.plausibel"),
    ]
    assert kost.message in valideer, "valideer compares with the history too, in the same words"
    assert kost.message in cut.describe(), "and the run log shows it"


def test_a_half_delivery_is_a_volume_warning(ketenmonitor_env: Path) -> None:
    folder = ketenmonitor_env / "landing" / "huisvesting_realisatie"
    folder.mkdir(parents=True)
    contract = load_contract("huisvesting_realisatie")
    codes = [
        f"GM{c:04d}"
        for c in (
            14,
            34,
            37,
            47,
            50,
            59,
            60,
            72,
            74,
            80,
            85,
            86,
            88,
            90,
            93,
            96,
            106,
            109,
            114,
            118,
        )
    ]

    def month(m: int, n: int) -> Path:
        path = folder / f"huisvesting_2025-{m:02d}.csv"
        path.write_text(
            "maand,gemeentecode,gehuisvest\n" + "".join(f"2025-{m:02d},{c},5\n" for c in codes[:n]),
            encoding="utf-8",
        )
        return path

    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        for m in range(1, 9):
            assert warehouse.load_delivery(conn, contract, month(m, 20)).findings == []
        half = warehouse.load_delivery(conn, contract, month(9, 6))
    rules = sorted(f.rule for f in half.findings)
    assert rules == ["huisvesting_realisatie.plausibel", "huisvesting_realisatie.volume"]
    volume = next(f for f in half.findings if f.rule.endswith(".volume"))
    assert (
        "aantal rijen in 2025-09 is 6; verwacht 10 tot 41 (vorige periode 2025-08: 20;"
        in volume.message
    )


def test_the_report_shows_what_was_flagged(ketenmonitor_env: Path) -> None:
    """Datakwaliteit lists the flagged accepted deliveries; a changed definitive CBS period is also
    a warning in the bijstellingen chapter."""
    import datetime as dt

    from pipelines.lib import local_build
    from tests.deliveries import CBS_PERIODEN, CBS_ROWS, write_cbs

    landing = ketenmonitor_env / "landing"
    coa_dir = landing / "coa_bezetting"
    coa_dir.mkdir(parents=True)
    for month in range(1, 10):
        _coa(coa_dir, month, 48000 + 500 * month)
    _coa(coa_dir, 10, 53000, kostprijs="259")
    cbs_dir = landing / "cbs_asielverzoeken"
    cbs_dir.mkdir()
    perioden = [dict(p, Status="Definitief") for p in CBS_PERIODEN]
    write_cbs(cbs_dir, "83102NED_2025-04-15", CBS_ROWS, perioden)
    revised = [dict(r) for r in CBS_ROWS]
    revised[0] |= {"EersteAsielverzoekenPersonen_2": 1650, "TotaalAsielverzoeken_1": 2950}
    write_cbs(cbs_dir, "83102NED_2025-11-15", revised, perioden)

    with warehouse.connect() as conn:
        outcomes = local_build.build_warehouse(conn, landing, dt.date(2025, 10, 1))
        assert {o.status for o in outcomes} == {"accepted"}
        rapport = documenten.DOCUMENTEN["maandrapportage"](conn, dt.date(2025, 10, 1))
    tables = {t.titel: t for t in rapport.tabellen}
    flagged = [
        [c.tekst for c in r.cellen] for r in tables["Opvallende geaccepteerde leveringen"].rijen
    ]
    assert any(
        f[1] == "coa_bezetting_2025-10.csv" and "is 259; verwacht 12.949 tot 51.801" in f[2]
        for f in flagged
    )
    assert any(f[1] == "83102NED_2025-11-15.json" and "definitief" in f[2] for f in flagged)
    bijstellingen = next(h for h in rapport.context["hoofdstukken"] if h.id == "bijstellingen")
    warnings = [
        i.tekst for b in bijstellingen.blokken if b.soort == "waarschuwingen" for i in b.items
    ]
    assert any(
        "83102NED_2025-11-15.json wijzigt 1 rij van perioden die de bron al "
        "definitief had verklaard" in w
        for w in warnings
    )


def test_cbs_national_monthly_totals_are_watched(ketenmonitor_env: Path) -> None:
    """Only the national monthly series (not quarters or years, not per nationality) is compared."""
    from tests.deliveries import CBS_NATIONALITEIT, write_cbs

    folder = ketenmonitor_env / "landing" / "cbs_asielverzoeken"
    folder.mkdir(parents=True)

    def rows(months: range, eerste: dict[int, int]) -> tuple[list[dict], list[dict]]:
        out, perioden = [], []
        for i, m in enumerate(months):
            e = eerste.get(m, 1500 + 20 * m)
            out.append(
                {
                    "ID": i,
                    "Geslacht": "T001038",
                    "Leeftijd": "10000",
                    "Nationaliteit": "T001059",
                    "Perioden": f"2024MM{m:02d}",
                    "TotaalAsielverzoeken_1": e + 1300,
                    "EersteAsielverzoekenPersonen_2": e,
                    "VolgendeAsielverzoeken_3": 150,
                    "NareizigersPersonen_4": 1150,
                }
            )
            perioden.append({"Key": f"2024MM{m:02d}", "Title": f"2024 {m}", "Status": "Voorlopig"})
        return out, perioden

    assert CBS_NATIONALITEIT
    contract = load_contract("cbs_asielverzoeken")
    history, perioden = rows(range(1, 10), {})
    later, later_perioden = rows(range(1, 11), {10: 16_000})  # October ten times September
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        first = warehouse.load_delivery(
            conn, contract, write_cbs(folder, "83102NED_2024-10-10", history, perioden)
        )
        second = warehouse.load_delivery(
            conn, contract, write_cbs(folder, "83102NED_2024-11-10", later, later_perioden)
        )
    assert first.findings == []
    flagged = sorted(
        (f.column, f.value) for f in second.findings if f.rule == "cbs_asielverzoeken.plausibel"
    )
    assert flagged == [
        ("EersteAsielverzoekenPersonen_2", "16.000"),
        ("TotaalAsielverzoeken_1", "17.300"),
    ]
    assert all("in 2024MM10 is" in f.message for f in second.findings)


def test_the_judgement_does_not_depend_on_which_connection_totalled_the_history(
    ketenmonitor_env: Path,
) -> None:
    """The totals per delivery are kept per connection: made when a delivery is stored, or read
    from raw the first time a connection needs them. A delivery is judged the same on the
    connection that stored the history in one load, on a new connection, and after a revision
    stored on another connection changed which delivery is current."""
    landing = ketenmonitor_env / "landing"
    coa_dir = landing / "coa_bezetting"
    coa_dir.mkdir(parents=True)
    coa = load_contract("coa_bezetting")
    months = [_coa(coa_dir, m, 48000 + 500 * m) for m in range(1, 11)]
    spike = _coa(coa_dir, 11, 480000)  # tenfold

    def judged(conn) -> list[plausibility.Flag]:
        data = validate_delivery(coa, spike).data
        assert data is not None
        return plausibility.flags(conn, coa, data.with_columns(period_expr(coa).alias("_periode")))

    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        outcomes = warehouse.load_deliveries(conn, coa, months)
        assert [o.status for o in outcomes] == ["accepted"] * 10
        on_the_loading_connection = judged(conn)
    with warehouse.connect() as conn:
        on_a_new_connection = judged(conn)
        assert on_a_new_connection == on_the_loading_connection
        assert {f.measure for f in on_a_new_connection} == {"bezetting"}
        # A revision of month 10 arrives on another connection: its 150.000 is current now.
        revision = coa_dir / "coa_bezetting_2025-10_v2.csv"
        revision.write_text(
            COA_HEADER + "2025-10-31;hotel;15;3000;2400;800;69400\n"
            "2025-10-31;regulier;120;160000;150000;9000;25900\n",
            encoding="utf-8",
        )
        with warehouse.connect() as other:
            assert warehouse.load_delivery(other, coa, revision).status == "accepted"
        after_revision = judged(conn)
    with warehouse.connect() as conn:
        assert judged(conn) == after_revision
    assert [(f.measure, f.previous) for f in on_the_loading_connection] == [("bezetting", 53000.0)]
    assert ("bezetting", 150000.0) in {(f.measure, f.previous) for f in after_revision}
    assert all(f.previous != 53000.0 for f in after_revision)
