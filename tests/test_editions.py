"""Editions end to end: the real CLI and Dagster runs on the embedded sample, the published DuckDB
opened read-only, as an analyst, a finance reader and an operator would meet them.

One warehouse is loaded per module (the full sample, `ketenmonitor run`); each test works on its own
copy of that state, so the scenarios do not see each other's runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb
import pypdf
import pytest

from pipelines import cli
from pipelines.lib import archief, paths
from tests.conftest import point_sample_run, run_whole_sample

pytestmark = [
    pytest.mark.xdist_group("editions"),
    pytest.mark.slow,
]  # whole-sample runs in several orders

LATEST = "2026-10"
# Columns that are not about the period a figure describes: clock times of deliveries and of the
# publication, a policy date, the periods a delivery file holds, and planned budget years.
NOT_A_PERIOD = {
    ("oekraine", "rtb_einddatum"),
    ("taskforce_budget", "jaar"),
    ("taskforce_budget_regelingen", "jaar"),
    ("leveringen", "perioden"),
    ("beleidsclaims", "periode"),
}
CLOCK_COLUMNS = {
    "received_at",
    "ontvangen",
    "vorige_ontvangen",
    "laatste_levering_ontvangen",
    "gepubliceerd_op",
}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run_whole_sample(tmp_path_factory.mktemp("geladen"))


@pytest.fixture
def state(loaded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "k"
    shutil.copytree(loaded, root, symlinks=True)
    point_sample_run(monkeypatch, root)
    yield root


def _publicatie(snapshot: Path) -> dict:
    with duckdb.connect(str(snapshot), read_only=True) as conn:
        cur = conn.execute("select * from rapportage.publicatie")
        return dict(zip([d[0] for d in cur.description], cur.fetchall()[0], strict=True))


def _period_violations(snapshot: Path) -> list[str]:
    """Every value in the snapshot that places a figure after its edition month (independent of the
    product's own filter: every date, timestamp, year and period-code column is inspected)."""
    month = _publicatie(snapshot)["partitie"]
    end = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1) - dt.timedelta(days=1)
    found = []
    with duckdb.connect(str(snapshot), read_only=True) as conn:
        cols = conn.execute(
            "select table_name, column_name, data_type from duckdb_columns() "
            "where schema_name = 'rapportage'"
        ).fetchall()
        for table, column, dtype in cols:
            if (table, column) in NOT_A_PERIOD or column in CLOCK_COLUMNS:
                continue
            q = f'select distinct "{column}" from rapportage."{table}" where "{column}" is not null'
            if dtype in ("DATE", "TIMESTAMP"):
                found += [
                    f"{table}.{column}={v}"
                    for (v,) in conn.execute(q).fetchall()
                    if (v.date() if isinstance(v, dt.datetime) else v) > end
                ]
            elif column in ("jaar", "begrotingsjaar"):
                found += [
                    f"{table}.{column}={v}" for (v,) in conn.execute(q).fetchall() if v > month.year
                ]
            elif column in ("perioden", "periode", "laatste_periode"):
                found += [
                    f"{table}.{column}={v}"
                    for (v,) in conn.execute(q).fetchall()
                    if _starts_after(v, month)
                ]
    return found


def _starts_after(code: str, month: dt.date) -> bool:
    """A period code that starts after the month (a quarter or year so far is allowed)."""
    if m := re.match(r"(\d{4})(?:MM|-)(\d{2})$", code):
        return dt.date(int(m[1]), int(m[2]), 1) > month
    if m := re.match(r"(\d{4})KW0(\d)$", code):
        return dt.date(int(m[1]), 3 * int(m[2]) - 2, 1) > month
    if m := re.match(r"(\d{4})-H([12])$", code):
        return dt.date(int(m[1]), 6 * int(m[2]) - 5, 1) > month
    if m := re.match(r"(\d{4})(JJ00)?$", code):
        return int(m[1]) > month.year
    return False


def _tables(snapshot: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, except the publication's own clock and run id."""
    out = {}
    with duckdb.connect(str(snapshot), read_only=True) as conn:
        for (name,) in conn.execute(
            "select table_name from duckdb_tables() where schema_name = 'rapportage'"
        ).fetchall():
            cols = [
                c
                for (c,) in conn.execute(
                    "select column_name from duckdb_columns() where schema_name = 'rapportage' "
                    "and table_name = $t order by column_index",
                    {"t": name},
                ).fetchall()
            ]
            out[name] = sorted(
                map(repr, conn.execute(f'select * from rapportage."{name}"').fetchall())
            )
            out[name + ":cols"] = cols
    return out


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pdf_text(path: Path, pages: int = 1) -> str:
    reader = pypdf.PdfReader(path)
    return " ".join(re.sub(r"\s+", " ", p.extract_text() or "") for p in reader.pages[:pages])


# --------------------------------------------------------------------------- the invariants


def test_the_loaded_edition_is_current_complete_and_ends_at_its_month(
    loaded: Path, monkeypatch
) -> None:
    point_sample_run(monkeypatch, loaded)
    pub = _publicatie(paths.published_db())
    assert (
        pub["partitie"] == dt.date(2026, 10, 1)
        and pub["volledig"]
        and pub["ontbrekende_bronnen"] == []
    )
    assert pub["editie"].startswith("2026-10-") and archief.maand_editie(LATEST) == pub["editie"]
    assert _period_violations(paths.published_db()) == []
    pdf = paths.reports_output_dir() / LATEST / "maandrapportage-2026-10.pdf"
    cover = _pdf_text(pdf)
    assert pub["editie"] in _pdf_text(pdf, 40) and "Volledigheid volledig" in cover
    assert "Peildatum 31 oktober 2026" in cover


def test_running_twice_gives_the_same_edition_and_says_nothing_changed(state: Path, capsys) -> None:
    pdfs = sorted((paths.reports_output_dir() / LATEST).glob("*.pdf"))
    before = {p.name: _sha(p) for p in pdfs}
    tables = _tables(paths.published_db())
    edition = _publicatie(paths.published_db())["editie"]
    with dg.DagsterInstance.get() as instance:
        runs_before = len(instance.get_run_records())
    capsys.readouterr()
    assert cli.main(["run"]) == 0
    out = capsys.readouterr().out
    assert f"editie {edition} was al gepubliceerd; niets veranderd" in out
    assert "Niets nieuw" in out
    with dg.DagsterInstance.get() as instance:
        assert len(instance.get_run_records()) == runs_before, (
            "nothing new: no run is started at all"
        )
    assert "Eerst inlezen" not in out  # nothing new in the landing folder: no separate ingest run
    assert {p.name: _sha(p) for p in pdfs} == before
    assert _tables(paths.published_db()) == tables
    assert _publicatie(paths.published_db())["editie"] == edition


def test_nothing_new_still_repairs_what_readers_cannot_reach(state: Path, capsys) -> None:
    """A deleted report link is not "nothing new": the run puts the month's PDFs back in view."""
    reports = paths.reports_output_dir() / LATEST
    before = sorted(p.name for p in reports.iterdir())
    reports.unlink()
    capsys.readouterr()
    assert cli.main(["run"]) == 0
    out = capsys.readouterr().out
    assert "Niets nieuw" not in out and "niets veranderd" in out
    assert sorted(p.name for p in reports.iterdir()) == before


def test_rejected_files_for_a_new_month_publish_nothing_new(state: Path, capsys) -> None:
    landing = state / "landing"
    for source, name, text in (
        ("coa_bezetting", "coa_bezetting_2026-11.csv", "peildatum;opvangsoort\nniet;goed\n"),
        (
            "dtenv_vertrek",
            "dtenv_vertrek_2026-11.csv",
            "maand,vertreksoort,aantal\n2026-11,gedwongen,-5\n",
        ),
        (
            "huisvesting_realisatie",
            "huisvesting_2026-11.csv",
            "maand,gemeentecode,gehuisvest\n2026-11,GM9999,x\n",
        ),
    ):
        (landing / source / name).write_text(text, encoding="utf-8")
    before = _publicatie(paths.published_db())
    assert cli.main(["run"]) == 0
    out = capsys.readouterr().out
    assert "AFGEWEZEN" in out or "In quarantaine" in out
    assert "Verslagmaand 2026-10" in out
    assert archief.huidige_maand() == LATEST and not archief.maandmap("2026-11").exists()
    after = _publicatie(paths.published_db())
    assert after["partitie"] == before["partitie"] and after["editie"] == before["editie"]
    assert _period_violations(paths.published_db()) == []


def test_a_month_without_data_is_refused_and_publishes_nothing(state: Path, capsys) -> None:
    before = _publicatie(paths.published_db())["editie"]
    assert cli.main(["run", "--maand", "2026-11"]) == 1
    out = capsys.readouterr().out
    assert "Maand 2026-11 (november 2026) is niet rapporteerbaar" in out
    assert "mislukt      editie" in out and "niets gepubliceerd" in out
    assert not archief.maandmap("2026-11").exists() and archief.huidige_maand() == LATEST
    assert _publicatie(paths.published_db())["editie"] == before
    alert = json.loads(next((state / "alerts").glob("*.json")).read_text(encoding="utf-8"))
    assert "niet rapporteerbaar" in json.dumps(alert, ensure_ascii=False)
    with duckdb.connect(
        str(paths.warehouse_db()), read_only=True
    ) as conn:  # nothing computed for it either
        assert conn.execute(
            "select count(*) from kpi.ind_afhandeling where maand > date '2026-10-01'"
        ).fetchall() == [(0,)]

    # Then October again: the same edition, and still nothing after October anywhere.
    assert cli.main(["run", "--maand", "2026-10"]) == 0
    assert _publicatie(paths.published_db())["editie"] == before
    assert _period_violations(paths.published_db()) == []


@pytest.mark.parametrize("maand", ["2027-03", "2021-12"])
def test_future_months_and_months_before_the_series_are_refused(
    state: Path, capsys, maand: str
) -> None:
    runs_before = len(dg.DagsterInstance.get().get_runs())
    assert cli.main(["run", "--maand", maand]) == 2
    out = capsys.readouterr().out
    assert ("in de toekomst" in out) if maand > LATEST else ("voor het begin van de reeks" in out)
    assert len(dg.DagsterInstance.get().get_runs()) == runs_before


def test_backfill_fills_the_archive_and_never_moves_current_back(state: Path, capsys) -> None:
    current = _publicatie(paths.published_db())["editie"]
    assert cli.main(["backfill", "--van", "2026-07", "--tot", "2026-09"]) == 0
    assert _publicatie(paths.published_db())["editie"] == current
    assert archief.huidige_maand() == LATEST
    for month in ("2026-07", "2026-08", "2026-09"):
        snapshot = archief.snapshot_van(month)
        pub = _publicatie(snapshot)
        assert pub["partitie"] == dt.date.fromisoformat(month + "-01") and pub["editie"].startswith(
            month
        )
        assert _period_violations(snapshot) == [], month
        pdf = paths.reports_output_dir() / month / f"maandrapportage-{month}.pdf"
        text = _pdf_text(pdf, 40)
        assert pub["editie"] in text
        if month == "2026-07":  # no later month is reported on (deliveries keep their own dates)
            assert "september 2026" not in text and "sep '26" not in text
        with duckdb.connect(str(snapshot), read_only=True) as conn:
            assert (
                conn.execute("select max(maand) from rapportage.opvang")
                .fetchall()[0][0]
                .isoformat()[:7]
                == month
            )
    # The archive of one month is one edition with its own reports beside it.
    assert sorted(archief.gepubliceerde_maanden()) == ["2026-07", "2026-08", "2026-09", LATEST]


def test_an_onvolledig_edition_names_its_missing_sources(state: Path, capsys) -> None:
    # The sample's Oekraïne series starts in March 2022: an edition of February 2022 lacks it.
    assert cli.main(["run", "--maand", "2022-02"]) == 0
    out = capsys.readouterr().out
    assert "(onvolledig)" in out and "Gemeentelijke opvang ontheemden uit Oekraïne" in out
    pub = _publicatie(archief.snapshot_van("2022-02"))
    assert pub["volledig"] is False
    # The sample's budget tables start with 2025 and its MPP editions in 2023:
    # those are missing too.
    assert [b.rsplit(" (", 1)[0] for b in pub["ontbrekende_bronnen"]] == [
        "Rijksbegroting, budgettaire gevolgen van beleid",
        "Gemeentelijke opvang ontheemden uit Oekraïne",
        "Meerjaren Productie Prognose (MPP)",
    ]
    pdf = paths.reports_output_dir() / "2022-02" / "maandrapportage-2022-02.pdf"
    cover = _pdf_text(pdf)
    assert (
        "onvolledig; ontbreekt:" in cover
        and "Gemeentelijke opvang ontheemden uit Oekraïne" in cover
    )
    assert "Deze editie is onvolledig" in _pdf_text(pdf, 40)
    assert archief.huidige_maand() == LATEST  # an older month never becomes current
    with duckdb.connect(str(archief.snapshot_van("2022-02")), read_only=True) as conn:
        actueel = dict(
            conn.execute("select bron, actueel from rapportage.datakwaliteit").fetchall()
        )
    assert actueel["oekraine_opvang"] is False and actueel["coa_bezetting"] is True


def test_no_published_ind_figure_gives_back_an_exact_count(loaded: Path, monkeypatch) -> None:
    """Try to recover the exact case counts from every published IND table: a share must equal the
    ratio of the published (rounded) counts, every count must be a multiple of ten or suppressed,
    and no published value may equal an exact ratio that differs from the rounded one."""
    point_sample_run(monkeypatch, loaded)
    with duckdb.connect(str(paths.warehouse_db()), read_only=True) as conn:
        exact = {
            (m, p): (i, b, n, k)
            for m, p, i, b, n, k in conn.execute(
                "select maand, procedure, inwilligingen, beslissingen, doorlooptijd_n, "
                "binnen_termijn from kpi.ind_afhandeling"
            ).fetchall()
        }
    with duckdb.connect(str(paths.published_db()), read_only=True) as conn:
        cur = conn.execute("select * from rapportage.ind_afhandeling")
        rows = [dict(zip([d[0] for d in cur.description], r, strict=True)) for r in cur.fetchall()]
    assert rows
    leaks = []
    for r in rows:
        i, b, n, k = exact[(r["maand"], r["procedure"])]
        for col in (
            "aanvragen",
            "inwilligingen",
            "afwijzingen",
            "intrekkingen",
            "beslissingen",
            "voorraad",
        ):
            if r[col] is not None and r[col] % 10:
                leaks.append(f"{r['maand']} {r['procedure']} {col}={r[col]}")
        for pct, num, den, exact_num, exact_den in (
            ("inwilligingspercentage", "inwilligingen", "beslissingen", i, b),
            ("binnen_termijn_pct", None, None, k, n),
        ):
            value = r[pct]
            if value is None:
                continue
            if num and r[num] and r[den]:
                assert value == pytest.approx(100 * r[num] / r[den]), (
                    r["maand"],
                    r["procedure"],
                    pct,
                )
            exact_share = 100 * exact_num / exact_den if exact_den else None
            rounded_away = (exact_num % 10, exact_den % 10) != (0, 0)
            if exact_share is not None and rounded_away and abs(value - exact_share) < 1e-9:
                leaks.append(
                    f"{r['maand']} {r['procedure']} {pct}={value} = {exact_num}/{exact_den}"
                )
        for dur in ("doorlooptijd_mediaan_dagen", "doorlooptijd_p90_dagen"):
            if r[dur] is not None and r[dur] != int(r[dur]):
                leaks.append(f"{r['maand']} {r['procedure']} {dur}={r[dur]}")
    assert leaks == []


def test_the_landing_sensor_starts_nothing_on_a_loaded_warehouse(state: Path) -> None:
    from pipelines.defs.ops.sensors import landing_sensor
    from pipelines.defs.shared import Instellingen

    with dg.DagsterInstance.get() as instance:
        result = landing_sensor(
            dg.build_sensor_context(
                instance=instance, cursor=None, resources={"instellingen": Instellingen()}
            )
        )
    assert not result.run_requests
    assert "geen nieuwe leveringen" in result.skip_reason.skip_message
    # A genuinely new file is still noticed.
    target = state / "landing" / "dtenv_vertrek" / "dtenv_vertrek_2026-11.csv"
    target.write_text("maand,vertreksoort,aantal\n2026-11,gedwongen,120\n", encoding="utf-8")
    old = dt.datetime.now().timestamp() - 3600
    os.utime(target, (old, old))
    with dg.DagsterInstance.get() as instance:
        result = landing_sensor(
            dg.build_sensor_context(
                instance=instance, cursor=None, resources={"instellingen": Instellingen()}
            )
        )
    assert [r.tags["ketenmonitor/nieuwe_bestanden"] for r in result.run_requests] == ["1"]


def test_the_schedule_skips_a_month_without_data_and_alerts(state: Path) -> None:
    from pipelines.definitions import defs
    from pipelines.defs.shared import Instellingen

    definitions = defs()
    schedule = definitions.resolve_schedule_def("maandelijkse_run_schedule")
    when = dt.datetime(
        2026, 12, 10, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )  # for November
    context = dg.build_schedule_context(
        scheduled_execution_time=when,
        repository_def=definitions.get_repository_def(),
        resources={"instellingen": Instellingen()},
    )
    result = schedule.evaluate_tick(context)
    assert not result.run_requests and "niet rapporteerbaar" in result.skip_message
    alert = json.loads(next((state / "alerts").glob("*.json")).read_text(encoding="utf-8"))
    assert alert["partition"] == "2026-11-01" and "niet rapporteerbaar" in alert["message"]
    when = dt.datetime(2026, 11, 10, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))  # for October
    context = dg.build_schedule_context(
        scheduled_execution_time=when,
        repository_def=definitions.get_repository_def(),
        resources={"instellingen": Instellingen()},
    )
    assert [r.partition_key for r in schedule.evaluate_tick(context).run_requests] == ["2026-10-01"]
