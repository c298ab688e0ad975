"""Finding counts are the true number of violations, with examples and the distinct values.

Great Expectations 1.x stops `unexpected_list` at 200 entries even with result_format COMPLETE;
the counts must not.
"""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl

from pipelines import cli
from pipelines.lib import warehouse
from pipelines.lib.bevindingen import MAX_FINDINGS_PER_RULE
from pipelines.lib.contracts import load_contract
from pipelines.lib.validation import validate_delivery
from tests.deliveries import CBS_PERIODEN, CBS_ROWS, IND_ROWS, mutate_csv, write_cbs, write_good
from tests.test_ingest_whole_government import HEADER

WRONG_SOORTEN = ["A", "B", "F", "H", "J", "K"]


def _begrotingsstaten_with_wrong_vuo(path: Path, n: int = 426) -> None:
    """n rows whose soort is a fund letter instead of V/U/O, plus 30 good rows."""
    rows = []
    for i in range(n):
        rows.append(
            [
                str(2013 + i % 14),
                WRONG_SOORTEN[i % 6],
                "XX",
                "Asiel en Migratie",
                str(i),
                "Migratie",
                "1",
                "2",
                "3",
                "4",
                "5",
            ]
        )
    for i in range(30):
        rows.append(
            [
                "2025",
                "U",
                "VI",
                "Justitie en Veiligheid",
                str(i),
                "Migratie",
                "1",
                "2",
                "3",
                "4",
                "5",
            ]
        )
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)


def test_426_violations_are_426_everywhere(ketenmonitor_env: Path, capsys) -> None:
    folder = ketenmonitor_env / "landing" / "rijksfinancien_begrotingsstaten"
    folder.mkdir(parents=True)
    delivery = folder / "begrotingsstaten_2026-06-03.csv"
    _begrotingsstaten_with_wrong_vuo(delivery)
    contract = load_contract("rijksfinancien_begrotingsstaten")
    rule = "rijksfinancien_begrotingsstaten.vuo.valid_values"

    result = validate_delivery(contract, delivery)
    assert not result.accepted
    assert result.counts[rule] == 426
    examples = [f for f in result.errors if f.rule == rule]
    assert len(examples) == MAX_FINDINGS_PER_RULE
    assert [f.row for f in examples] == list(range(1, MAX_FINDINGS_PER_RULE + 1))
    assert result.rule_summary(rule) == "waarden A, B, F, H, J, K; 426 regels"
    assert result.occurrences(result.errors) == 426

    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        outcome = warehouse.load_delivery(conn, contract, delivery)
        error_count, reasons = conn.execute(
            "select error_count, reasons from meta.deliveries where delivery_id = $id",
            {"id": outcome.delivery_id},
        ).fetchone()
        occurrences = conn.execute(
            "select distinct occurrences from meta.delivery_findings where rule = $rule",
            {"rule": rule},
        ).fetchall()
    assert outcome.status == "rejected"
    assert error_count == 426 and occurrences == [(426,)]
    assert "waarden A, B, F, H, J, K; 426 regels" in reasons
    redenen = outcome.quarantine_path.with_name(
        outcome.quarantine_path.name + ".redenen.txt"
    ).read_text()
    assert "waarden A, B, F, H, J, K; 426 regels" in redenen
    assert "200" not in redenen
    assert "426 regels" in outcome.describe()

    capsys.readouterr()
    assert cli.main(["valideer", str(delivery)]) == 1
    out = capsys.readouterr().out
    assert "waarden A, B, F, H, J, K; 426 regels" in out
    assert "426 fouten" in out
    for line in result.reason_lines("error"):
        assert line in out and line in reasons, "valideer says what the pipeline says"


def test_a_value_that_does_not_cast_is_not_also_missing(ketenmonitor_env: Path) -> None:
    """9 bad datum cells: 4 empty (required) and 5 that are no date (type);
    not '9 keer required'."""
    n = 12
    frame = pl.DataFrame(
        {
            "zaak_id": [f"{i:016x}" for i in range(n)],
            "procedure": ["asiel_eerste"] * n,
            "nationaliteit": ["SYR"] * n,
            "gebeurtenis": ["aanvraag"] * n,
            "datum": [
                "2025-05-02",
                "",
                "gisteren",
                "",
                "2025-05-13",
                "31-05-2025",
                "",
                "morgen",
                "",
                "2025-02-30",
                "x",
                "2025-05-20",
            ],
        }
    )
    folder = ketenmonitor_env / "landing" / "ind_zaken"
    folder.mkdir(parents=True)
    path = folder / "ind_zaken_2025-05.csv"
    frame.write_csv(path)
    assert IND_ROWS  # the same shape as the good delivery
    result = validate_delivery(load_contract("ind_zaken"), path)
    assert result.counts["ind_zaken.datum.required"] == 4
    assert result.counts["ind_zaken.datum.type"] == 5
    assert sorted(f.row for f in result.errors if f.rule == "ind_zaken.datum.required") == [
        2,
        4,
        7,
        9,
    ]
    assert result.occurrences(result.errors) == 9


# ---------------------------------------------------------------------------- thousands dots

COA_HEADER = (
    "peildatum;opvangsoort;locaties;capaciteit;bezetting;waarvan_vergunninghouders;"
    "kostprijs_per_plek_per_jaar\n"
)
OEKRAINE_HEADER = "peildatum;opvangplekken;bezetting;kostprijs_per_plek_per_dag\n"


def test_coa_reads_thousands_dots_as_thousands(ketenmonitor_env: Path) -> None:
    """coa_bezetting declares thousandsSeparator '.': 34.800 is 34800 and 1.234,5 is 1234,5."""
    contract = load_contract("coa_bezetting")
    assert contract.thousands_separator == "."
    folder = ketenmonitor_env / "landing" / "coa_bezetting"
    folder.mkdir(parents=True)
    good = folder / "coa_bezetting_2025-05.csv"
    good.write_text(
        COA_HEADER + "2025-05-31;regulier;120;52.000;50.100;9.000;34.800\n"
        "2025-05-31;hotel;15;2500;2400;800;1.234,5\n"
        "2025-05-31;noodopvang;40;9000;8700;2500;69400,00\n",
        encoding="utf-8",
    )
    result = validate_delivery(contract, good)
    assert result.accepted, result.reason_lines()
    assert result.data.select("capaciteit", "bezetting", "kostprijs_per_plek_per_jaar").rows() == [
        (52000, 50100, 34800.0),
        (2500, 2400, 1234.5),
        (9000, 8700, 69400.0),
    ]

    bad = folder / "coa_bezetting_2025-06.csv"
    bad.write_text(
        COA_HEADER + "2025-06-30;regulier;120;52000;50100;9000;34.8\n"
        "2025-06-30;hotel;15;2500;2400;800;1.2345,5\n",
        encoding="utf-8",
    )
    result = validate_delivery(contract, bad)
    assert not result.accepted
    messages = [f.message for f in result.errors]
    assert [f.value for f in result.errors] == ["34.8", "1.2345,5"]
    assert all("punt alleen tussen groepen van drie cijfers" in m for m in messages)
    assert all("kolom 'kostprijs_per_plek_per_jaar'" in m and bad.name in m for m in messages)


def test_oekraine_refuses_a_thousands_dot_with_a_message(ketenmonitor_env: Path) -> None:
    """oekraine_opvang declares no thousands separator: a dot is an error, never a decimal point."""
    contract = load_contract("oekraine_opvang")
    assert contract.thousands_separator == ""
    folder = ketenmonitor_env / "landing" / "oekraine_opvang"
    folder.mkdir(parents=True)
    path = folder / "oekraine_opvang_2025-05.csv"
    path.write_text(
        OEKRAINE_HEADER + "2025-04-30;97500;91000;44,00\n2025-05-31;98.000;91200;1.234,5\n"
        "2025-03-31;97000;90500;34.800\n",
        encoding="utf-8",
    )
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        outcome = warehouse.load_delivery(conn, contract, path)
        raw = conn.execute("select count(*) from raw.oekraine_opvang").fetchone()[0]
    assert outcome.status == "rejected" and raw == 0
    errors = {(f.row, f.column, f.value) for f in outcome.findings if f.severity == "error"}
    assert errors == {
        (2, "opvangplekken", "98.000"),
        (2, "kostprijs_per_plek_per_dag", "1.234,5"),
        (3, "kostprijs_per_plek_per_dag", "34.800"),
    }
    for f in outcome.findings:
        assert "is een scheidingsteken voor duizendtallen niet toegestaan" in f.message
        assert "schrijf 34800 of 1234,5" in f.message


# ---------------------------------------------------------------------------- periods


def test_a_future_period_is_refused(ketenmonitor_env: Path) -> None:
    """2031-01 in a COA file would move the run and the publication; it is an error."""
    contract = load_contract("coa_bezetting")
    good = write_good("coa_bezetting", ketenmonitor_env / "landing")
    mutate_csv(good, 2, "peildatum", "2031-01-31", ";")
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        outcome = warehouse.load_delivery(conn, contract, good)
        raw = conn.execute("select count(*) from raw.coa_bezetting").fetchone()[0]
    assert outcome.status == "rejected" and raw == 0
    (finding,) = [f for f in outcome.findings if f.severity == "error"]
    assert (finding.rule, finding.row, finding.column, finding.value) == (
        "coa_bezetting.peildatum.toekomst",
        2,
        "peildatum",
        "2031-01-31",
    )
    assert "de periode ligt na" in finding.message and "lever" in finding.message


def test_period_limits_per_contract(ketenmonitor_env: Path) -> None:
    """Monthly sources: not after the month of arrival; budget years: at most one year ahead;
    the forecast years inside a budget table or an MPP edition are not reporting periods."""
    from datetime import date

    landing = ketenmonitor_env / "landing"
    arrival = date(2025, 6, 3)

    def errors(source: str, path: Path) -> list[tuple[str, int, str]]:
        result = validate_delivery(load_contract(source), path, arrival=arrival)
        return [(f.rule.split(".")[-1], f.row, f.value) for f in result.errors]

    coa = write_good("coa_bezetting", landing)  # 2025-05-31
    assert errors("coa_bezetting", coa) == []
    mutate_csv(coa, 1, "peildatum", "2025-06-30", ";")  # the month of arrival itself: fine
    mutate_csv(coa, 3, "peildatum", "2025-07-31", ";")
    assert errors("coa_bezetting", coa) == [("toekomst", 3, "2025-07-31")]

    staten = write_good("rijksfinancien_begrotingsstaten", landing)
    mutate_csv(staten, 3, "Begrotingsjaar", "2026")  # the ontwerpbegroting of next year
    assert errors("rijksfinancien_begrotingsstaten", staten) == []
    mutate_csv(staten, 3, "Begrotingsjaar", "2027")
    assert errors("rijksfinancien_begrotingsstaten", staten) == [("toekomst", 3, "2027")]

    tabel = write_good("budgettaire_tabel", landing)  # begrotingsjaar 2026, jaar up to t+4
    mutate_csv(tabel, 1, "jaar", "2030")
    assert errors("budgettaire_tabel", tabel) == []

    mpp = write_good("mpp_prognose", landing)  # editie 2025-najaar, prognosejaar 2025
    mutate_csv(mpp, 1, "jaar", "2029")
    assert errors("mpp_prognose", mpp) == []
    mutate_csv(mpp, 1, "editie", "2026-voorjaar")
    assert ("toekomst", 1, "2026-voorjaar") in errors("mpp_prognose", mpp)

    taak = write_good("taakstelling", landing)  # 2025-H1
    mutate_csv(taak, 1, "periode", "2025-H2")
    assert errors("taakstelling", taak) == []
    mutate_csv(taak, 1, "periode", "2026-H1")
    assert errors("taakstelling", taak) == [("toekomst", 1, "2026-H1")]

    cbs_rows = [dict(r) for r in CBS_ROWS]
    cbs_rows[2]["Perioden"] = "2025KW03"
    (landing / "cbs_asielverzoeken").mkdir()
    path = write_cbs(landing / "cbs_asielverzoeken", "83102NED_2025-06-03", cbs_rows)
    assert ("toekomst", 3, "2025KW03") in errors("cbs_asielverzoeken", path)


def test_a_revision_of_a_definitive_cbs_period_loads_with_a_warning(ketenmonitor_env: Path) -> None:
    contract = load_contract("cbs_asielverzoeken")
    folder = ketenmonitor_env / "landing" / "cbs_asielverzoeken"
    folder.mkdir(parents=True)
    perioden = [dict(p, Status="Definitief") if p["Key"] == "2025MM01" else p for p in CBS_PERIODEN]
    first = write_cbs(folder, "83102NED_2025-04-15", CBS_ROWS, perioden)
    same = [dict(r) for r in CBS_ROWS]
    same[1]["EersteAsielverzoekenPersonen_2"] = 1410  # a provisional month may change: no warning
    same[1]["TotaalAsielverzoeken_1"] = 2510
    unchanged_definitive = write_cbs(folder, "83102NED_2025-05-15", same, perioden)
    revised = [dict(r) for r in same]
    revised[0]["EersteAsielverzoekenPersonen_2"] = 1650  # the definitive January changes
    revised[0]["TotaalAsielverzoeken_1"] = 2950
    revision = write_cbs(folder, "83102NED_2025-06-15", revised, perioden)

    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        outcomes = [
            warehouse.load_delivery(conn, contract, p)
            for p in (first, unchanged_definitive, revision)
        ]
        stored = conn.execute(
            "select delivery_id, severity, row_number, value, message, occurrences "
            "from meta.delivery_findings order by all"
        ).fetchall()
        warnings = conn.execute(
            "select warning_count from meta.deliveries order by delivery_id"
        ).fetchall()
    assert [o.status for o in outcomes] == ["accepted"] * 3
    assert warnings == [(0,), (0,), (1,)]
    ((delivery_id, severity, row, value, message, occurrences),) = stored
    assert (delivery_id, severity, row, occurrences) == (outcomes[2].delivery_id, "warning", 1, 1)
    assert value == (
        "Geslacht=T001038, Leeftijd=10000, Nationaliteit=T001059, Perioden=2025MM01: "
        "TotaalAsielverzoeken_1 2900 -> 2950; EersteAsielverzoekenPersonen_2 1600 -> 1650"
    )
    assert "definitief" in message and "waarschuwing" in message and revision.name in message


# ---------------------------------------------------------------------------- honest no-ops


def test_a_resent_rejected_file_says_it_was_rejected_before(ketenmonitor_env: Path) -> None:
    contract = load_contract("coa_bezetting")
    bad = write_good("coa_bezetting", ketenmonitor_env / "landing")
    mutate_csv(bad, 2, "capaciteit", "-1", ";")
    resent = bad.with_name("coa_bezetting_2025-05_opnieuw.csv")
    resent.write_bytes(bad.read_bytes())
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        first = warehouse.load_delivery(conn, contract, bad)
        again = warehouse.load_delivery(conn, contract, resent)
        same_scan = warehouse.load_deliveries(conn, load_contract("coa_bezetting"), [resent, bad])
        registered = conn.execute("select status, file_name from meta.deliveries").fetchall()
    assert first.status == "rejected"
    assert again.status == "rejected_before" and again.rows == 0
    text = again.describe()
    assert text.startswith(f"{resent.name}: eerder afgewezen op ") and f"als {bad.name}" in text
    assert "capaciteit" in text and "-1" in text, "the earlier reasons"
    assert "al geladen" not in text and "ongewijzigd" not in text
    assert [o.status for o in same_scan] == ["rejected_before", "rejected_before"]
    assert registered == [("rejected", bad.name)], (
        "still open: the rejected delivery is the one on record"
    )


def test_the_same_content_twice_in_one_scan_is_judged_once(ketenmonitor_env: Path) -> None:
    contract = load_contract("coa_bezetting")
    good = write_good("coa_bezetting", ketenmonitor_env / "landing")
    bad = good.with_name("coa_bezetting_2025-06.csv")
    bad.write_bytes(good.read_bytes())
    for row in (1, 2, 3):
        mutate_csv(bad, row, "peildatum", "2025-06-30", ";")
    mutate_csv(bad, 1, "capaciteit", "-1", ";")
    copy_good, copy_bad = good.with_name("a_kopie.csv"), bad.with_name("b_kopie.csv")
    copy_good.write_bytes(good.read_bytes())
    copy_bad.write_bytes(bad.read_bytes())
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        outcomes = warehouse.load_deliveries(conn, contract, [good, bad, copy_good, copy_bad])
    assert [o.status for o in outcomes] == ["accepted", "rejected", "unchanged", "rejected_before"]


def test_findings_follow_the_file_line_by_line(ketenmonitor_env: Path, capsys) -> None:
    """Errors of different controles come in the order of the file, each named by the line an editor
    shows (the header is line 1), in valideer, the register and quarantine alike."""
    path = write_good("dtenv_vertrek", ketenmonitor_env / "landing")
    mutate_csv(path, 3, "aantal", "veel")  # a type error, found first by the reader
    mutate_csv(path, 1, "vertreksoort", "vrijwillig")  # an allowed-values error, found by the suite
    mutate_csv(path, 2, "aantal", "-5")  # a range error
    result = validate_delivery(load_contract("dtenv_vertrek"), path)
    assert [(f.row, f.line) for f in result.errors] == [(1, 2), (2, 3), (3, 4)]
    assert [line.split(", ")[1] for line in result.reason_lines("error")] == [
        "regel 2",
        "regel 3",
        "regel 4",
    ]
    assert result.summary().endswith("afgewezen, 3 fouten bij 3 controles")

    assert cli.main(["valideer", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.index("regel 2,") < out.index("regel 3,") < out.index("regel 4,")
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        outcome = warehouse.load_delivery(conn, load_contract("dtenv_vertrek"), path)
    redenen = outcome.quarantine_path.with_name(
        outcome.quarantine_path.name + ".redenen.txt"
    ).read_text()
    assert redenen.index("regel 2,") < redenen.index("regel 3,") < redenen.index("regel 4,")
    assert "rij " not in redenen
