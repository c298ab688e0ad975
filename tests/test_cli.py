"""`ketenmonitor` as a user types it: valideer, run, status, datadictionary, export."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from pipelines import cli
from pipelines.cli import draaien, voortgang
from pipelines.cli import status as cli_status
from pipelines.lib import editie, landingsmap, paths, publish, warehouse
from pipelines.lib.contracts import load_contract
from pipelines.lib.validation import validate_delivery
from tests.deliveries import mutate_csv, write_good
from tests.editions import publish_edition, register


def _bad_vertrek(folder: Path) -> Path:
    path = write_good("dtenv_vertrek", folder)
    bad = path.with_name("dtenv_vertrek_2025-05_fout.csv")
    path.rename(bad)
    mutate_csv(bad, 1, "vertreksoort", "vrijwillig")
    mutate_csv(bad, 3, "aantal", "veel")
    return bad


def test_valideer_bad_file_exits_nonzero_with_the_pipelines_messages(
    tmp_path: Path, ketenmonitor_env: Path, capsys
) -> None:
    bad = _bad_vertrek(tmp_path)
    assert cli.main(["valideer", str(bad)]) == 1  # source taken from the folder name
    out = capsys.readouterr().out
    expected = validate_delivery(load_contract("dtenv_vertrek"), bad)
    assert not expected.accepted and len(expected.errors) >= 2
    lines = out.splitlines()
    for finding in expected.errors:
        assert any(line.startswith(f"  - {finding.message}") for line in lines), finding.message
    assert "vrijwillig" in out and "'veel'" in out
    assert "AFGEWEZEN" in out


def test_valideer_good_file_exits_zero(tmp_path: Path, ketenmonitor_env: Path, capsys) -> None:
    good = write_good("coa_bezetting", tmp_path / "elders")
    elsewhere = tmp_path / "los" / good.name
    elsewhere.parent.mkdir()
    shutil.copy(good, elsewhere)
    assert cli.main(["valideer", str(elsewhere), "--bron", "coa_bezetting"]) == 0
    assert "geaccepteerd" in capsys.readouterr().out


def test_valideer_needs_a_known_source(tmp_path: Path, ketenmonitor_env: Path, capsys) -> None:
    path = tmp_path / "onbekend" / "x.csv"
    path.parent.mkdir()
    path.write_text("a,b\n1,2\n")
    assert cli.main(["valideer", str(path)]) == 2
    assert "--bron" in capsys.readouterr().out


def test_datadictionary_check_and_export_csv(ketenmonitor_env: Path, capsys) -> None:
    # The dictionary is read from a published snapshot
    # (tests/test_snapshot_sample.py checks the committed one).
    assert cli.main(["datadictionary", "--check"]) == 1
    assert "draai eerst: ketenmonitor run" in capsys.readouterr().out
    assert (
        cli.main(["export", "--csv", str(ketenmonitor_env / "csv")]) == 1
    )  # nothing published yet
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        conn.execute(
            "create table kpi.vertrek as select date '2025-05-01' as maand, '-10' as tekst, "
            "'-10+1' as formule"
        )
        register(conn, 1, "dtenv_vertrek", ["2025-05"])
        publish_edition(conn, "2025-05")
    assert cli.main(["export", "--csv", str(ketenmonitor_env / "csv")]) == 0
    # a plain number stays a number, also as text;
    # anything a spreadsheet would compute is neutralised
    assert (ketenmonitor_env / "csv" / "vertrek.csv").read_text(encoding="utf-8-sig").splitlines()[
        1
    ] == ("2025-05-01;-10;'-10+1")
    assert cli.main(["export", "--xlsx", str(ketenmonitor_env / "xlsx")]) == 0
    assert str(ketenmonitor_env / "xlsx" / "rapportage.xlsx") in capsys.readouterr().out
    assert cli.main(["export"]) == 2
    assert "--csv MAP" in capsys.readouterr().out


def test_run_prints_progress_per_source_quarantine_and_what_it_wrote(
    ketenmonitor_env: Path, capsys
) -> None:
    landing = ketenmonitor_env / "landing"
    for source in ("dtenv_vertrek", "coa_bezetting"):
        write_good(source, landing)
    _bad_vertrek(landing)
    write_good("dtenv_vertrek", landing)  # the good one again, beside the bad one

    # Without --maand: ingest first, then the latest month every monthly source covers. Only DTenV
    # and COA deliver here, so there is none: nothing is published,
    # and the run says what is missing.
    assert cli.main(["run"]) == 1
    out = capsys.readouterr().out
    assert "ok           raw_dtenv_vertrek" in out and "published_snapshot" not in out
    row = next(line for line in out.splitlines() if line.strip().startswith("dtenv_vertrek "))
    assert row.split()[1:6] == ["2", "1", "3", "0", "1"]  # files, new, rows, unchanged, rejected
    assert "In quarantaine" in out and "dtenv_vertrek_2025-05_fout.csv ->" in out
    assert "vrijwillig" in out
    assert "Maand 2025-05 is nog niet compleet; ontbreekt: CBS 83102NED" in out
    assert "Geen rapporteerbare maand" in out and not paths.published_db().exists()

    # --maand 2025-05 publishes an onvolledig edition naming the missing sources.
    assert cli.main(["run", "--maand", "2025-05"]) == 0
    out = capsys.readouterr().out
    assert "Verslagmaand 2025-05 (opgegeven)" in out
    assert "ok           published_snapshot " in out
    assert "(onvolledig)" in out and "Onvolledig; ontbreekt: CBS 83102NED" in out
    assert f"actueel    {paths.published_db()}" in out and "parquet    " in out
    assert (
        f"pdf        {paths.reports_output_dir() / '2025-05' / 'maandrapportage-2025-05.pdf'}"
        in out
    )
    with publish.connect_snapshot() as conn:
        assert conn.execute(
            "select partitie::varchar, volledig from rapportage.publicatie"
        ).fetchall() == [("2025-05-01", False)]
        # Every example query in docs/analisten.md runs against a published snapshot.
        queries = re.findall(
            r"```sql\n(.*?)```", (paths.DOCS_DIR / "analisten.md").read_text(), re.DOTALL
        )
        assert len(queries) >= 8
        for block in queries:
            for statement in filter(str.strip, block.split(";")):
                conn.execute(statement).fetchall()

    assert cli.main(["status"]) == 0
    status = capsys.readouterr().out
    assert "dtenv_vertrek" in status and "1 afgewezen" in status
    assert "Laatste run: maandelijkse_run 2025-05 geslaagd" in status
    assert "Actuele editie: maand 2025-05" in status and "onvolledig" in status
    # Staleness as the edition says it: against the edition's month, the snapshot's word per source.
    assert "actualiteit ten opzichte van 2025-05" in status
    rows = _status_rows(status)
    with publish.connect_snapshot() as conn:
        snapshot = dict(
            conn.execute("select bron, actueel from rapportage.datakwaliteit").fetchall()
        )
    assert {bron: row["actualiteit"].split()[0] for bron, row in rows.items()} == {
        bron: editie.actualiteit(actueel) for bron, actueel in snapshot.items()
    }
    assert rows["dtenv_vertrek"]["actualiteit"] == "actueel"
    assert rows["cbs_asielverzoeken"]["actualiteit"] == "verouderd"


def test_failed_run_exits_nonzero_writes_an_alert_and_publishes_nothing(
    ketenmonitor_env: Path, capsys, monkeypatch
) -> None:
    write_good("dtenv_vertrek", ketenmonitor_env / "landing")
    monkeypatch.delenv("KETENMONITOR_SMTP_HOST", raising=False)
    real = landingsmap.scan_landing

    def unreadable(contract, folders):
        if contract.source == "dtenv_vertrek":
            raise OSError("landingsmap onleesbaar")
        return real(contract, folders)

    monkeypatch.setattr(landingsmap, "scan_landing", unreadable)
    assert cli.main(["run", "--maand", "2025-05"]) == 1
    out = capsys.readouterr().out
    assert "mislukt      raw_dtenv_vertrek" in out and "OSError: landingsmap onleesbaar" in out
    assert "overgeslagen published_snapshot" in out
    assert not paths.published_db().exists(), "only a successful run publishes"
    alert = json.loads(next((ketenmonitor_env / "alerts").glob("*.json")).read_text())
    assert [s["step"] for s in alert["failed_steps"]] == ["raw_dtenv_vertrek"]
    assert alert["partition"] == "2025-05-01" and alert["run_id"] in out
    assert "Alert: " in out


def test_status_reads_the_snapshot_while_the_pipeline_holds_the_warehouse(
    ketenmonitor_env: Path, capsys
) -> None:
    with (
        warehouse.connect() as writer
    ):  # the pipeline writing: no reader may open the internal file
        warehouse.ensure_schema(writer)
        writer.execute(
            "insert into meta.deliveries values (1, 'dtenv_vertrek', 'dtenv_vertrek_2025-05.csv', "
            "'x', 'ab', 9, timestamp '2025-06-03 08:00', 'accepted', 3, ['2025-05'], '1.0.0', 0, "
            "0, null, null, 'r')"
        )
        publish_edition(writer, "2025-05", "r-1")
        assert cli.main(["status"]) == 0
    out = capsys.readouterr().out
    assert "uit gepubliceerde snapshot" in out
    assert "dtenv_vertrek_2025-05.csv" in out
    assert "Actuele editie: maand 2025-05" in out and "run r-1" in out


STATUS_HEADERS = (
    "bron",
    "laatste levering",
    "ontvangen",
    "periode",
    "actualiteit",
    "contract",
    "quarantaine",
)


def _status_rows(out: str) -> dict[str, dict[str, str]]:
    """The sources table of `status`, per source its cells; asserts that every cell starts exactly
    under its header (the columns align, whatever the length of the values)."""
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("  bron "))
    starts = [lines[head].index(h) for h in STATUS_HEADERS]
    rows = {}
    for line in lines[head + 1 :]:
        if not line.startswith("  ") or not line.strip():
            break
        for start in starts[1:]:
            assert line[start - 2 : start] == "  " and line[start] != " ", (
                f"column at {start} misaligned:\n{line}"
            )
        cells = [line[a:b].strip() for a, b in zip(starts, [*starts[1:], None], strict=True)]
        rows[cells[0]] = dict(zip(STATUS_HEADERS, cells, strict=True))
    assert lines[head].rstrip() == lines[head].rstrip().rstrip(), "no trailing spaces"
    return rows


def test_status_columns_fit_their_content(ketenmonitor_env: Path, capsys) -> None:
    long_name = "dtenv_vertrek_2025-05_" + "gecorrigeerd_na_overleg_met_de_afdeling_" * 3 + "v2.csv"
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        for i, name in enumerate((long_name, "coa_bezetting_2025-05.csv"), start=1):
            conn.execute(
                "insert into meta.deliveries values ($id, $source, $name, 'x', 'ab', 9, timestamp "
                "'2025-06-03 08:00', 'accepted', 3, ['2025-05'], '1.0.0', 0, 0, null, null, 'r')",
                {"id": i, "source": name.split("_2025")[0], "name": name},
            )
    assert cli.main(["status"]) == 0
    out = capsys.readouterr().out
    rows = _status_rows(out)
    assert set(rows) == set(cli_sources())
    shown = rows["dtenv_vertrek"]["laatste levering"]
    assert (
        shown.endswith("…")
        and len(shown) == cli_status.MAX_CELL
        and long_name.startswith(shown[:-1])
    )
    assert all(len(cell) <= cli_status.MAX_CELL for row in rows.values() for cell in row.values())
    assert rows["coa_bezetting"]["ontvangen"].endswith("dagen geleden)")


def cli_sources() -> tuple[str, ...]:
    from pipelines.lib.contracts import SOURCES

    return SOURCES


def test_check_results_have_one_word_per_state() -> None:
    assert voortgang.check_word("contract", True, "ERROR") == "geslaagd"
    assert voortgang.check_word("leveringen", False, "WARN") == "afgewezen"  # a rejected delivery
    assert voortgang.check_word("contract", False, "ERROR") == "mislukt"  # as a failed step
    assert voortgang.check_word("reconciliatie", False, "WARN") == "waarschuwing"
    step = voortgang.StepReport(
        "raw_dtenv_vertrek_leveringen", checks={"raw_dtenv_vertrek:leveringen": (False, "WARN")}
    )
    assert voortgang._step_detail(step) == "check leveringen: afgewezen"
    lines: list[str] = []
    outcome = voortgang.RunOutcome(
        "r",
        "2025-05-01",
        True,
        {
            "raw_dtenv_vertrek": voortgang.StepReport(
                "raw_dtenv_vertrek",
                metadata={"bestanden": 1, "geaccepteerd": 0, "rijen_geladen": 0, "afgewezen": 1},
            ),
            "raw_dtenv_vertrek_leveringen": step,
        },
        0.0,
        0.0,
    )
    draaien._sources_summary(outcome, emit=lines.append)
    row = next(line for line in lines if line.strip().startswith("dtenv_vertrek "))
    assert row.split()[-1] == "afgewezen" and "MISLUKT" not in "\n".join(lines)
    assert voortgang._step_detail(outcome.steps["raw_dtenv_vertrek"]).startswith(
        "1 bestand, 0 nieuw (0 rijen)"
    )


def test_status_into_head_ends_cleanly(ketenmonitor_env: Path) -> None:
    """`ketenmonitor status | head -1`: the reader goes away before status writes;
    no traceback, exit 0."""
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "status"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=paths.PROJECT_ROOT,
    )
    proc.stdout.close()  # before the child has written anything: every write meets a closed pipe
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 0, err
    assert "Traceback" not in err and "BrokenPipe" not in err, err


# ---------------------------------------------------------------------------- argparse in Dutch

ENGLISH_ARGPARSE = (
    "usage:",
    "options:",
    "optional arguments",
    "positional arguments",
    "show this help",
    "error:",
    "the following arguments",
    "are required",
    "invalid choice",
    "choose from",
    "unrecognized",
    "expected one argument",
    "expected at",
    "ambiguous option",
    "could match",
    "invalid ",
    " value:",
    "subcommands",
)


def _parse(argv: list[str], capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exited:
        cli.build_parser().parse_args(argv)
    captured = capsys.readouterr()
    return int(exited.value.code or 0), captured.out + captured.err


def _no_english(text: str) -> None:
    found = [phrase for phrase in ENGLISH_ARGPARSE if phrase in text.lower()]
    assert not found, f"English argparse text {found} in:\n{text}"


def test_every_help_is_dutch_and_every_argument_has_help(capsys) -> None:
    parser = cli.build_parser()
    subcommands = parser._subparsers._group_actions[0].choices
    for argv in ([], *([name] for name in subcommands)):
        code, text = _parse([*argv, "--help"], capsys)
        assert code == 0 and text.startswith("gebruik: ketenmonitor") and "opties:" in text, text
        assert "toon deze hulp en stop" in text
        _no_english(text)
    for name, sub in subcommands.items():
        for action in sub._actions:
            assert action.help and action.help.strip(), f"{name} {action.dest} has no help text"


def test_common_argument_errors_are_dutch(capsys) -> None:
    cases = {
        ("backfill", "--van", "2025-01"): "fout: de volgende argumenten zijn verplicht: --tot",
        ("backfill",): "de volgende argumenten zijn verplicht: --van, --tot",
        ("opruimen",): "ongeldige keuze: 'opruimen' (kies uit 'run'",
        (
            "backfill",
            "--van",
            "2025-01",
            "--tot",
            "2025-02",
            "--job",
            "alles",
        ): "argument --job: ongeldige keuze",
        ("run", "--maand", "mei"): "argument --maand: 'mei' is geen maand in de vorm JJJJ-MM",
        ("run", "--maand"): "argument --maand: verwacht één waarde",
        ("run", "--snel"): "onbekende argumenten: --snel",
        ("valideer",): "de volgende argumenten zijn verplicht: bestand",
        (): "de volgende argumenten zijn verplicht: opdracht",
    }
    for argv, expected in cases.items():
        code, text = _parse(list(argv), capsys)
        assert code == 2 and expected in text, (argv, text)
        assert text.startswith("gebruik: ketenmonitor"), text
        _no_english(text)


def test_the_catalogue_covers_every_string_argparse_can_show(capsys) -> None:
    """Every text argparse passes to gettext in this Python has a Dutch translation, and the less
    common errors (ambiguous option, invalid type value) read in Dutch too."""
    import argparse
    import ast
    import inspect

    from pipelines.lib import argparse_nl

    single, plural = set(), set()
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
            texts = [
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
            if node.func.id == "_" and texts:
                single.add(texts[0])
            elif node.func.id == "ngettext" and len(texts) == 2:
                plural.add(tuple(texts))
    assert "usage: " in single and len(single) >= 25
    assert not single - set(argparse_nl.CATALOGUE), single - set(argparse_nl.CATALOGUE)
    assert not plural - set(argparse_nl.PLURALS), plural - set(argparse_nl.PLURALS)
    placeholders = re.compile(r"%(?:\(\w+\))?[rsd]")
    pairs = [
        *argparse_nl.CATALOGUE.items(),
        *zip(sum(argparse_nl.PLURALS, ()), sum(argparse_nl.PLURALS.values(), ()), strict=True),
    ]
    for en, nl in pairs:  # the same placeholders, so that argparse's formatting still fits
        assert sorted(placeholders.findall(en)) == sorted(placeholders.findall(nl)), (en, nl)

    argparse_nl.install()
    parser = argparse.ArgumentParser(prog="ketenmonitor")
    parser.add_argument("--maand")
    parser.add_argument("--map")
    parser.add_argument("--aantal", type=int)
    for argv, expected in (
        (["--ma", "x"], "optie --ma is niet eenduidig, ze past op --maand, --map"),
        (["--aantal", "veel"], "ongeldige waarde voor int: 'veel'"),
    ):
        with pytest.raises(SystemExit):
            parser.parse_args(argv)
        text = capsys.readouterr().err
        assert expected in text, text
        _no_english(text)


def test_the_command_reads_settings_from_dot_env_in_the_working_directory(tmp_path: Path) -> None:
    """`ketenmonitor` reads `.env` where it is started, as `dagster dev` does (.env.example)."""
    import os
    import subprocess
    import sys

    (tmp_path / "levering-hier").mkdir()
    (tmp_path / ".env").write_text(
        "# settings of this folder\nKETENMONITOR_LANDING=levering-hier\n", encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k != "KETENMONITOR_LANDING"}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("ketenmonitor")), "status"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first.endswith(f"landing: {(tmp_path / 'levering-hier').resolve()}"), done.stdout


@pytest.mark.parametrize(
    ("args", "code", "stream", "last_line"),
    [
        (["--help"], 0, "stdout", "exporteer de gepubliceerde tabellen"),
        (["bestaat-niet"], 2, "stderr", None),
        (["valideer", "{delivery}", "--bron", "ind_zaken"], 1, "stdout", "AFGEWEZEN"),
    ],
)
def test_the_process_ends_with_the_commands_code_and_all_its_output(
    ketenmonitor_env: Path, args: list[str], code: int, stream: str, last_line: str | None
) -> None:
    """The command ends its process without the interpreter's teardown (afsluiten.py): the exit
    code is the command's, and everything it wrote reaches the reader, also through a pipe."""
    import subprocess
    import sys

    delivery = ketenmonitor_env / "ind_zaken_2026-09.csv"
    delivery.write_text("zaak_id,procedure\n00000000000000a1,asiel_eerste\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *(a.format(delivery=delivery) for a in args)],
        cwd=paths.PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == code, done.stderr
    text = getattr(done, stream)
    assert text.endswith("\n") and "Traceback" not in done.stderr, text
    if last_line is not None:
        assert last_line in text.splitlines()[-1], text
    if code == 2:
        assert "ongeldige keuze" in text, text
