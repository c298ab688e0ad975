"""The bad-input corpus: for every source a good delivery loads, and each kind of bad one is
rejected whole, with a message naming file, row, column, rule and value, while raw and stg
stay exactly as they were and the file waits in quarantine with its reasons."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

from pipelines import cli
from pipelines.lib import paths, sqlfiles, staging, warehouse
from pipelines.lib.contracts import SOURCES, load_contract
from tests.deliveries import CBS_ROWS, IND_ROWS, mutate_csv, write_cbs, write_good


@dataclass(frozen=True)
class BadCase:
    name: str
    mutate: Callable[[Path], Path]  # takes the good file, writes a bad one, returns its path
    rule: str  # substring of the rule id
    column: str | None
    value: str | None
    row: int | None


def _csv_copy(good: Path, name: str = "bad") -> Path:
    bad = good.with_name(f"{good.stem}_{name}{good.suffix}")
    bad.write_bytes(good.read_bytes())
    return bad


def cell(column: str, value: str, row: int = 2) -> Callable[[Path], Path]:
    def _mutate(good: Path) -> Path:
        bad = _csv_copy(good)
        mutate_csv(
            bad,
            row,
            column,
            value,
            ";" if ";" in good.read_text(encoding="utf-8-sig").splitlines()[0] else ",",
        )
        return bad

    return _mutate


def duplicate_row(good: Path) -> Path:
    bad = _csv_copy(good)
    lines = bad.read_text(encoding="utf-8-sig").splitlines()
    lines[2] = lines[1]
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return bad


def drop_column(column: str) -> Callable[[Path], Path]:
    def _mutate(good: Path) -> Path:
        bad = _csv_copy(good)
        lines = bad.read_text(encoding="utf-8-sig").splitlines()
        sep = ";" if ";" in lines[0] else ","
        idx = lines[0].split(sep).index(column)
        bad.write_text(
            "\n".join(
                sep.join(c for i, c in enumerate(line.split(sep)) if i != idx) for line in lines
            )
            + "\n"
        )
        return bad

    return _mutate


def ragged(good: Path) -> Path:
    bad = _csv_copy(good)
    lines = bad.read_text(encoding="utf-8-sig").splitlines()
    sep = ";" if ";" in lines[0] else ","
    lines[2] = lines[2] + sep + "extra"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return bad


def csv_cases(
    type_col: str, code: tuple[str, str] | None, negative_col: str, missing_col: str
) -> list[BadCase]:
    cases = [
        BadCase("wrong type", cell(type_col, "veel"), ".type", type_col, "veel", 2),
        BadCase("negative count", cell(negative_col, "-5"), ".range", negative_col, "-5", 2),
        BadCase("duplicate key", duplicate_row, ".primary_key", None, None, 2),
        BadCase("missing column", drop_column(missing_col), ".aanwezig", missing_col, None, None),
        BadCase("malformed file", ragged, "bestandsformaat", None, None, 2),
    ]
    if code:
        cases.append(BadCase("unknown code", cell(code[0], code[1]), "", code[0], code[1], 2))
    return cases


# --- the sources in their own formats -------------------------------------------------


def ind_frame(**changes: list) -> pl.DataFrame:
    return pl.DataFrame({**IND_ROWS, **changes})


def ind_case(
    name: str,
    frame: Callable[[], pl.DataFrame] | None,
    rule: str,
    column: str | None,
    value: str | None,
    row: int | None,
) -> BadCase:
    def _mutate(good: Path) -> Path:
        bad = good.with_name(f"ind_zaken_2025-05_{name.replace(' ', '_')}.parquet")
        if frame is None:
            bad.write_bytes(b"PAR1 this is not a parquet file")
        else:
            frame().write_parquet(bad)
        return bad

    return BadCase(name, _mutate, rule, column, value, row)


def cbs_case(
    name: str,
    rows: Callable[[], list[dict]] | None,
    rule: str,
    column: str | None,
    value: str | None,
    row: int | None,
) -> BadCase:
    def _mutate(good: Path) -> Path:
        stem = f"83102NED_2025-04-16_{name.replace(' ', '_')}"
        if rows is None:
            path = write_cbs(good.parent, stem, CBS_ROWS)
            path.write_text('{"value": [ {"ID": 1,', encoding="utf-8")
            return path
        return write_cbs(good.parent, stem, rows())

    return BadCase(name, _mutate, rule, column, value, row)


def _cbs_rows(**changes: object) -> Callable[[], list[dict]]:
    def _rows() -> list[dict]:
        rows = [dict(r) for r in CBS_ROWS]
        rows[1].update(changes)
        return rows

    return _rows


def _cbs_without(column: str) -> Callable[[], list[dict]]:
    return lambda: [{k: v for k, v in r.items() if k != column} for r in CBS_ROWS]


CASES: dict[str, list[BadCase]] = {
    "coa_bezetting": csv_cases("bezetting", ("opvangsoort", "boot"), "locaties", "capaciteit"),
    "taakstelling": csv_cases(
        "taakstelling", ("gemeentecode", "GM9999"), "taakstelling", "gemeentenaam"
    ),
    "huisvesting_realisatie": csv_cases(
        "gehuisvest", ("gemeentecode", "GM9999"), "gehuisvest", "gehuisvest"
    ),
    "dtenv_vertrek": csv_cases("aantal", ("vertreksoort", "ontsnapt"), "aantal", "vertreksoort"),
    "rijksfinancien_begrotingsstaten": csv_cases(
        "Realisatie",
        ("Uitgaven Ontvangsten Verplichtingen", "X"),
        "Begrotingsjaar",
        "Naam Begroting ",
    ),
    "budgettaire_tabel": csv_cases("bedrag", ("vuo", "W"), "artikel", "jaar"),
    "oekraine_opvang": csv_cases("bezetting", None, "opvangplekken", "kostprijs_per_plek_per_dag")
    + [
        BadCase(
            "impossible date",
            cell("peildatum", "2025-02-30"),
            ".type",
            "peildatum",
            "2025-02-30",
            2,
        )
    ],
    "mpp_prognose": csv_cases("waarde", ("scenario", "hoog"), "waarde", "scenario"),
    "ind_zaken": [
        ind_case(
            "wrong type",
            lambda: ind_frame(datum=["2025-05-02", "gisteren", "2025-05-20"]),
            ".type",
            "datum",
            "gisteren",
            2,
        ),
        ind_case(
            "unknown code",
            lambda: ind_frame(nationaliteit=["SYR", "QQQ", "XXA"]),
            ".reference",
            "nationaliteit",
            "QQQ",
            2,
        ),
        ind_case(
            "unknown value",
            lambda: ind_frame(procedure=["asiel_eerste", "asiel_x", "nareis"]),
            ".valid_values",
            "procedure",
            "asiel_x",
            2,
        ),
        ind_case(
            "duplicate key",
            lambda: ind_frame(zaak_id=[IND_ROWS["zaak_id"][0]] * 2 + [IND_ROWS["zaak_id"][2]]),
            ".primary_key",
            None,
            None,
            2,
        ),
        ind_case(
            "bad pseudonym",
            lambda: ind_frame(zaak_id=["0a1b2c3d4e5f6071", "Jansen", "2a1b2c3d4e5f6071"]),
            ".pattern",
            "zaak_id",
            "Jansen",
            2,
        ),
        ind_case(
            "missing column",
            lambda: ind_frame().drop("nationaliteit"),
            ".aanwezig",
            "nationaliteit",
            None,
            None,
        ),
        ind_case("malformed file", None, "bestandsformaat", None, None, None),
    ],
    "cbs_asielverzoeken": [
        cbs_case(
            "wrong type",
            _cbs_rows(EersteAsielverzoekenPersonen_2="veel"),
            ".type",
            "EersteAsielverzoekenPersonen_2",
            "veel",
            2,
        ),
        cbs_case(
            "negative count",
            _cbs_rows(NareizigersPersonen_4=-5),
            ".range",
            "NareizigersPersonen_4",
            "-5",
            2,
        ),
        cbs_case(
            "unknown code",
            _cbs_rows(Nationaliteit="X999999 "),
            ".reference",
            "Nationaliteit",
            "X999999",
            2,
        ),
        cbs_case(
            "unknown period", _cbs_rows(Perioden="2025MM13"), ".pattern", "Perioden", "2025MM13", 2
        ),
        cbs_case("duplicate key", _cbs_rows(Perioden="2025MM01"), ".primary_key", None, None, 2),
        cbs_case(
            "missing column",
            _cbs_without("NareizigersPersonen_4"),
            ".aanwezig",
            "NareizigersPersonen_4",
            None,
            None,
        ),
        cbs_case("malformed file", None, "bestandsformaat", None, None, None),
    ],
}

PARAMS = [
    pytest.param(source, case, id=f"{source}-{case.name}")
    for source in SOURCES
    for case in CASES[source]
]


def _snapshot(conn, source: str) -> tuple[list, list]:
    raw = conn.execute(f"select * from raw.{source} order by all").fetchall()
    stg = conn.execute(f"select * from stg.{source} order by all").fetchall()
    return raw, stg


ENGLISH = (
    "expected",
    "invalid",
    "not found",
    " line ",
    "cannot",
    "error",
    "file ",
    "column ",
    "value ",
)


@pytest.mark.parametrize(("source", "case"), PARAMS)
def test_bad_delivery_is_rejected_whole_and_explained(
    ketenmonitor_env: Path, source: str, case: BadCase, capsys: pytest.CaptureFixture[str]
) -> None:
    contract = load_contract(source)
    landing = ketenmonitor_env / "landing"
    good = write_good(source, landing)
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        first = warehouse.load_delivery(conn, contract, good)
        assert first.status == "accepted", first.describe()
        staging.stage(conn, source)
        before = _snapshot(conn, source)

        bad = case.mutate(good)
        outcome = warehouse.load_delivery(conn, contract, bad)
        staging.stage(conn, source)
        after = _snapshot(conn, source)

        assert outcome.status == "rejected", outcome.describe()
        assert after == before, "a rejected delivery must leave raw and stg exactly as they were"
        errors = [f for f in outcome.findings if f.severity == "error" and case.rule in f.rule]
        assert errors, (
            f"expected a finding for rule *{case.rule}*, got: "
            f"{[f.message for f in outcome.findings]}"
        )
        finding = next((f for f in errors if f.row == case.row), errors[0])
        message = finding.message
        assert bad.name in message
        assert finding.rule in message
        if case.column is not None:
            assert f"kolom '{case.column}'" in message
        if case.value is not None:
            assert f"waarde '{case.value}'" in message
        if case.row is not None:
            # A text file names the line an editor shows (the header is line 1); Parquet the row.
            place = f"regel {case.row + 1}" if bad.suffix == ".csv" else f"rij {case.row}"
            assert finding.row == case.row, message
            assert f"{place}," in message or f"{place}:" in message, message
        assert "lever" in message.lower(), "the message says what to do"

        # Kept in quarantine with its reasons, and registered as rejected with the findings.
        assert outcome.quarantine_path is not None and outcome.quarantine_path.exists()
        assert outcome.quarantine_path.read_bytes() == bad.read_bytes()
        reasons = outcome.quarantine_path.with_name(
            outcome.quarantine_path.name + ".redenen.txt"
        ).read_text()
        assert finding.message in reasons
        assert outcome.quarantine_path.is_relative_to(paths.quarantine_dir())
        status, reasons_db = conn.execute(
            "select status, reasons from meta.deliveries where delivery_id = $id",
            {"id": outcome.delivery_id},
        ).fetchone()
        assert status == "rejected" and finding.message in reasons_db
        assert (
            conn.execute(
                "select count(*) from quarantine.findings where delivery_id = $id",
                {"id": outcome.delivery_id},
            ).fetchone()[0]
            >= 1
        )
    assert bad.exists(), "the landing folder is only read"

    # Dutch and path-free, and valideer says exactly what the pipeline said
    for text in (reasons, reasons_db, *outcome.reasons):
        assert str(ketenmonitor_env) not in text.replace(f"Origineel: {source}/", "")
    for f in outcome.findings:
        assert not any(word in f.message.lower() for word in ENGLISH), f.message
    capsys.readouterr()
    assert cli.main(["valideer", str(bad), "--bron", source]) == 1
    out = capsys.readouterr().out
    assert str(ketenmonitor_env) not in out
    for line in outcome.reasons:
        assert line in out, f"valideer does not say: {line}"


def test_identical_redelivery_is_a_noop_and_a_revision_wins(ketenmonitor_env: Path) -> None:
    contract = load_contract("coa_bezetting")
    landing = ketenmonitor_env / "landing"
    good = write_good("coa_bezetting", landing)
    copy = good.with_name("coa_bezetting_2025-05_kopie.csv")
    copy.write_bytes(good.read_bytes())
    revision = good.with_name("coa_bezetting_2025-05_v2.csv")
    revision.write_bytes(good.read_bytes())
    mutate_csv(revision, 1, "bezetting", "50500", ";")

    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        assert warehouse.load_delivery(conn, contract, good).status == "accepted"
        assert warehouse.load_delivery(conn, contract, good).status == "unchanged"
        assert warehouse.load_delivery(conn, contract, copy).status == "unchanged", (
            "same sha256, other name"
        )
        assert warehouse.load_delivery(conn, contract, revision).status == "accepted"
        sqlfiles.execute(conn, "staging/coa_bezetting")
        raw_rows = conn.execute("select count(*) from raw.coa_bezetting").fetchone()[0]
        stg = conn.execute(
            "select bezetting, revisies from stg.coa_bezetting where opvangsoort = 'regulier'"
        ).fetchall()
        registered = conn.execute("select count(*) from meta.deliveries").fetchone()[0]
    assert raw_rows == 6, "the older delivery stays in raw for audit"
    assert stg == [(50500, 2)], "the newer delivery wins in stg and the revision is counted"
    assert registered == 2


def test_warning_rule_loads_and_is_reported(ketenmonitor_env: Path) -> None:
    contract = load_contract("coa_bezetting")
    good = write_good("coa_bezetting", ketenmonitor_env / "landing")
    mutate_csv(good, 2, "bezetting", "2600", ";")  # above capaciteit 2500: a warning, not an error
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        outcome = warehouse.load_delivery(conn, contract, good)
        stored = conn.execute("select severity, message from meta.delivery_findings").fetchall()
    assert outcome.status == "accepted"
    assert [s for s, _ in stored] == ["warning"]
    assert "capaciteit=2500, bezetting=2600" in stored[0][1]


def test_dtenv_dot_is_a_suppressed_count_not_an_error(ketenmonitor_env: Path) -> None:
    contract = load_contract("dtenv_vertrek")
    good = write_good("dtenv_vertrek", ketenmonitor_env / "landing")
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        assert warehouse.load_delivery(conn, contract, good).status == "accepted"
        sqlfiles.execute(conn, "staging/dtenv_vertrek")
        rows = conn.execute(
            "select vertreksoort, aantal, onderdrukt from stg.dtenv_vertrek order by 1"
        ).fetchall()
    assert rows == [
        ("gedwongen", 0, True),
        ("zelfstandig_onder_toezicht", 270, False),
        ("zelfstandig_zonder_toezicht", 480, False),
    ]


def test_dutch_csv_decimal_comma_and_bom(ketenmonitor_env: Path) -> None:
    contract = load_contract("coa_bezetting")
    good = write_good("coa_bezetting", ketenmonitor_env / "landing")
    assert good.read_bytes().startswith(b"\xef\xbb\xbf")
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        assert warehouse.load_delivery(conn, contract, good).status == "accepted"
        sqlfiles.execute(conn, "staging/coa_bezetting")
        cost = conn.execute(
            "select kostprijs_per_plek_per_jaar from stg.coa_bezetting "
            "where opvangsoort = 'regulier'"
        ).fetchone()[0]
    assert cost == 30400.0


def test_cbs_statuses_become_voorlopig_flags(ketenmonitor_env: Path) -> None:
    contract = load_contract("cbs_asielverzoeken")
    good = write_good("cbs_asielverzoeken", ketenmonitor_env / "landing")
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        assert warehouse.load_delivery(conn, contract, good).status == "accepted"
        sqlfiles.execute(conn, "staging/cbs_asielverzoeken")
        rows = conn.execute(
            "select perioden, periode_soort, jaar, periode_nummer, eerste, status, voorlopig, "
            "nationaliteit from stg.cbs_asielverzoeken order by perioden"
        ).fetchall()
    assert rows[0] == ("2025MM01", "maand", 2025, 1, 1600, "nader voorlopig", True, "T001059")
    assert json.loads(good.read_text())["value"][0]["Geslacht"] == "T001038 ", "delivered padded"


def test_a_batch_of_deliveries_is_judged_file_by_file(ketenmonitor_env: Path) -> None:
    """One validation pass over several files: each file still stands or falls on its own,
    rows are counted per file, and the same key in two files is a revision, not a duplicate."""
    contract = load_contract("coa_bezetting")
    good = write_good("coa_bezetting", ketenmonitor_env / "landing")
    revision = good.with_name("coa_bezetting_2025-05_v2.csv")
    revision.write_bytes(good.read_bytes())
    mutate_csv(revision, 3, "bezetting", "8800", ";")
    bad = good.with_name("coa_bezetting_2025-06.csv")
    bad.write_bytes(good.read_bytes())
    for row in (1, 2, 3):
        mutate_csv(bad, row, "peildatum", "2025-06-30", ";")
    mutate_csv(bad, 3, "capaciteit", "-1", ";")
    copy = good.with_name("coa_bezetting_2025-05_kopie.csv")
    copy.write_bytes(good.read_bytes())

    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        outcomes = warehouse.load_deliveries(conn, contract, [good, bad, revision, copy])
        sqlfiles.execute(conn, "staging/coa_bezetting")
        stg = conn.execute(
            "select maand, opvangsoort, bezetting from stg.coa_bezetting order by 2"
        ).fetchall()
    assert [o.status for o in outcomes] == ["accepted", "rejected", "accepted", "unchanged"]
    errors = [f for f in outcomes[1].findings if f.severity == "error"]
    assert [(f.file, f.row, f.column, f.value) for f in errors] == [
        ("coa_bezetting_2025-06.csv", 3, "capaciteit", "-1")
    ]
    assert [s[2] for s in stg] == [2400, 8800, 50100], "the revision wins for its period"


def test_a_quarantine_copy_without_its_register_row_is_cleaned_and_the_file_judged_again(
    ketenmonitor_env: Path,
) -> None:
    """A run killed between copying a rejected file to quarantine and committing its register row
    leaves a copy nobody can trace; the next ingestion removes it and registers
    the file properly."""
    contract = load_contract("dtenv_vertrek")
    landing = ketenmonitor_env / "landing"
    bad = write_good("dtenv_vertrek", landing)
    mutate_csv(bad, 1, "aantal", "-5", ",")
    orphan = paths.quarantine_dir() / "dtenv_vertrek" / f"000042_{bad.name}"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(bad.read_bytes())
    orphan.with_name(orphan.name + ".redenen.txt").write_text("half geschreven", encoding="utf-8")
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        outcome = warehouse.load_delivery(conn, contract, bad)
        registered = conn.execute("select quarantine_path from meta.deliveries").fetchall()
    assert outcome.status == "rejected"
    left = sorted(p.name for p in orphan.parent.iterdir())
    assert left == sorted(
        [outcome.quarantine_path.name, outcome.quarantine_path.name + ".redenen.txt"]
    )
    assert [Path(q).name for (q,) in registered] == [outcome.quarantine_path.name]
