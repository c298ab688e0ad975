"""The corpus of bad deliveries (tests/corpus/<source>/, written by tools/make_corpus.py, with what
each must produce in verwacht.toml) fed to a warehouse that has published the sample.

Invariants: every file that must be rejected is rejected whole with a message that names what is
wrong; its bytes wait in quarantine beside its reasons and its register row; raw, stg and kpi and
every published figure stay exactly as they were; the next run still publishes the current month,
with the source marked as having an open rejection. A file that must only be warned about loads
with that warning. All of it in Dutch and without machine paths.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pipelines import cli
from pipelines.lib import archief, paths, warehouse
from pipelines.lib.contracts import SOURCES, load_contract
from pipelines.lib.validation import validate_delivery
from tests import verslag
from tests.conftest import copy_sample, point_runtime
from tests.editions import snapshot_table_hashes

pytestmark = [
    pytest.mark.xdist_group("corpus"),
    pytest.mark.slow,
]  # every corpus file through a real run

CORPUS = Path(__file__).parent / "corpus"
COMPANIONS = (".Perioden.json", ".Nationaliteit.json")
# Tables of the snapshot that describe the deliveries and the publication rather than figures.
ABOUT_DELIVERIES = frozenset({"publicatie", "datakwaliteit", "leveringen"})


@dataclass(frozen=True)
class Geval:
    source: str
    file: str
    geval: str
    uitkomst: str  # afgewezen | gewaarschuwd
    melding: tuple[str, ...]

    @property
    def path(self) -> Path:
        return CORPUS / self.source / self.file


def _cases() -> list[Geval]:
    out = []
    for source in SOURCES:
        spec = tomllib.loads((CORPUS / source / "verwacht.toml").read_text(encoding="utf-8"))
        out += [
            Geval(source, f, v["geval"], v["uitkomst"], tuple(v["melding"]))
            for f, v in spec.items()
        ]
    return out


CASES = _cases()
STATUS_NL = {"rejected": "afgewezen", "accepted": "geladen"}
REJECTED = [c for c in CASES if c.uitkomst == "afgewezen"]
WARNED = [c for c in CASES if c.uitkomst == "gewaarschuwd"]


def test_the_corpus_is_complete_and_described() -> None:
    """At least forty cases over all ten sources, and every file in the corpus has
    its expectation."""
    assert len(CASES) >= 40 and {c.source for c in CASES} == set(SOURCES)
    for source in SOURCES:
        files = {
            p.name
            for p in (CORPUS / source).iterdir()
            if p.name != "verwacht.toml" and not p.name.endswith(COMPANIONS)
        }
        assert files == {c.file for c in CASES if c.source == source}, source
    assert all(c.uitkomst in ("afgewezen", "gewaarschuwd") and c.melding for c in CASES)


def _table_hashes(conn: duckdb.DuckDBPyConnection, schemas: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for schema, table in conn.execute(
        "select schema_name, table_name from duckdb_tables() "
        "where schema_name in (select unnest($s)) order by all",
        {"s": list(schemas)},
    ).fetchall():
        rows = conn.execute(f'select * from "{schema}"."{table}" order by all').fetchall()
        out[f"{schema}.{table}"] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return out


def _published_figures() -> dict[str, str]:
    return snapshot_table_hashes(paths.published_db(), skip_tables=ABOUT_DELIVERIES)


@pytest.fixture(scope="module")
def fed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The sample published; then every file of the corpus that must be rejected lands at once and a
    run goes, as the monthly schedule would."""
    root = tmp_path_factory.mktemp("corpus")
    with pytest.MonkeyPatch.context() as mp:
        landing = root / "landing"
        mp.setenv("KETENMONITOR_LANDING", str(landing))
        point_runtime(mp, root)
        copy_sample(landing)
        assert cli.main(["run"]) == 0
        month = archief.huidige_maand()
        with duckdb.connect(str(paths.warehouse_db()), read_only=True) as conn:
            before = _table_hashes(conn, ("raw", "stg", "kpi"))
        figures_before = _published_figures()

        for case in REJECTED:
            target = landing / case.source
            shutil.copyfile(case.path, target / case.file)
            for suffix in COMPANIONS:
                companion = case.path.with_name(case.path.stem + suffix)
                if companion.exists():
                    shutil.copyfile(companion, target / companion.name)
        code = cli.main(["run"])

        with duckdb.connect(str(paths.warehouse_db()), read_only=True) as conn:
            after = _table_hashes(conn, ("raw", "stg", "kpi"))
            register = {
                row[0]: row[1:]
                for row in conn.execute(
                    "select file_name, status, reasons, quarantine_path, delivery_id "
                    "from meta.deliveries"
                ).fetchall()
            }
            concerns_month = {
                source
                for (source,) in conn.execute(
                    "select distinct source from meta.deliveries, unnest(periods) as p(periode) "
                    "where status = 'rejected' and meta.periode_begin(periode) <= date '2026-10-01'"
                ).fetchall()
            }
        with duckdb.connect(str(paths.published_db()), read_only=True) as conn:
            kwaliteit = {
                r[0]: r[1:]
                for r in conn.execute(
                    "select bron, leveringen_afgewezen, openstaande_afwijzingen, "
                    "laatste_afwijzing, actueel from rapportage.datakwaliteit"
                ).fetchall()
            }
        return {
            "root": root,
            "code": code,
            "month": month,
            "month_after": archief.huidige_maand(),
            "before": before,
            "after": after,
            "figures_before": figures_before,
            "figures_after": _published_figures(),
            "register": register,
            "concerns_month": concerns_month,
            "kwaliteit": kwaliteit,
            "quarantine": paths.quarantine_dir(),
        }


def test_nothing_of_the_corpus_reaches_a_figure(fed: dict) -> None:
    assert fed["code"] == 0, "the run after the corpus landed still publishes"
    assert fed["month_after"] == fed["month"] == "2026-10"
    changed = sorted(k for k in fed["before"] if fed["before"][k] != fed["after"].get(k))
    assert not changed, f"raw, stg or kpi changed: {changed}"
    assert fed["figures_after"] == fed["figures_before"], "a published figure changed"
    # A rejection that concerns the edition's month marks its source in the edition; one for a
    # later period (next year's budget table) is not part of this edition.
    assert len(fed["concerns_month"]) >= 8
    for source in SOURCES:
        afgewezen, open_, laatste, _ = fed["kwaliteit"][source]
        if source in fed["concerns_month"]:
            assert afgewezen >= 1 and open_ >= 1 and laatste, (
                f"{source} carries no mark of its open rejection"
            )
        else:
            assert afgewezen == 0, source


@pytest.mark.parametrize("case", [pytest.param(c, id=f"{c.source}-{c.geval}") for c in REJECTED])
def test_a_bad_delivery_is_rejected_kept_and_explained(fed: dict, case: Geval) -> None:
    status, reasons, quarantine_path, _delivery_id = fed["register"][case.file]
    copy = fed["quarantine"] / case.source / Path(quarantine_path).name if quarantine_path else None
    kept = copy is not None and copy.is_file() and copy.read_bytes() == case.path.read_bytes()
    explained = (
        copy.with_name(copy.name + ".redenen.txt").read_text(encoding="utf-8") if kept else ""
    )
    found = [m for m in case.melding if m in (reasons or "") and m in explained]
    verslag.noteer(
        "corpus",
        f"{case.source}: {case.geval}",
        {
            "bron": case.source,
            "bestand": case.file,
            "verwacht": case.uitkomst,
            "uitkomst": STATUS_NL.get(status, status),
            "melding_gevonden": len(found) == len(case.melding),
            "in_quarantaine": kept,
            "niets_veranderd": fed["before"] == fed["after"]
            and fed["figures_before"] == fed["figures_after"],
        },
    )
    assert status == "rejected", reasons
    assert kept, "the rejected file waits in quarantine, byte for byte"
    assert found == list(case.melding), (
        f"missing from the message: {set(case.melding) - set(found)}\n{reasons}"
    )
    assert str(fed["root"]) not in reasons and str(paths.PROJECT_ROOT) not in reasons
    assert "lever" in reasons.lower(), "the message says what to do"


@pytest.fixture
def sample_warehouse(ketenmonitor_env: Path) -> Path:
    copy_sample(ketenmonitor_env / "landing")
    return ketenmonitor_env / "landing"


@pytest.mark.parametrize("case", [pytest.param(c, id=f"{c.source}-{c.geval}") for c in WARNED])
def test_a_doubtful_delivery_loads_with_its_warning(sample_warehouse: Path, case: Geval) -> None:
    contract = load_contract(case.source)
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        for f in sorted((sample_warehouse / case.source).iterdir()):
            if not f.name.endswith(COMPANIONS):
                assert warehouse.load_delivery(conn, contract, f).status == "accepted"
        target = sample_warehouse / case.source / case.file
        shutil.copyfile(case.path, target)
        for suffix in COMPANIONS:
            companion = case.path.with_name(case.path.stem + suffix)
            if companion.exists():
                shutil.copyfile(companion, target.with_name(companion.name))
        outcome = warehouse.load_delivery(conn, contract, target)
        stored = "\n".join(
            m
            for (m,) in conn.execute(
                "select message from meta.delivery_findings where delivery_id = $id "
                "and severity = 'warning'",
                {"id": outcome.delivery_id},
            ).fetchall()
        )
    found = [m for m in case.melding if m in stored]
    verslag.noteer(
        "corpus",
        f"{case.source}: {case.geval}",
        {
            "bron": case.source,
            "bestand": case.file,
            "verwacht": case.uitkomst,
            "uitkomst": STATUS_NL.get(outcome.status, outcome.status),
            "melding_gevonden": len(found) == len(case.melding),
            "in_quarantaine": None,
            "niets_veranderd": None,
        },
    )
    assert outcome.status == "accepted", outcome.describe()
    assert found == list(case.melding), (
        f"missing from the warnings: {set(case.melding) - set(found)}\n{stored}"
    )


def test_a_large_delivery_with_one_bad_value_in_its_last_row(ketenmonitor_env: Path) -> None:
    """300 000 IND events, all good but the last: the delivery is rejected at that row, nothing is
    loaded, and the file waits in quarantine whole."""
    import polars as pl

    rows = 300_000
    frame = pl.DataFrame(
        {
            "zaak_id": [f"{i:016x}" for i in range(rows)],
            "procedure": ["asiel_eerste"] * rows,
            "nationaliteit": ["SYR"] * (rows - 1) + ["QQQ"],
            "gebeurtenis": ["aanvraag"] * rows,
            "datum": [date(2026, 10, 1 + i % 28) for i in range(rows)],
        }
    )
    path = ketenmonitor_env / "landing" / "ind_zaken" / "ind_zaken_2026-10.parquet"
    path.parent.mkdir(parents=True)
    frame.write_parquet(path)
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        outcome = warehouse.load_delivery(conn, load_contract("ind_zaken"), path)
        loaded = conn.execute("select count(*) from raw.ind_zaken").fetchone()[0]
    rows_at = sorted({f.row for f in outcome.findings if f.severity == "error"})
    kept = (
        outcome.quarantine_path is not None
        and outcome.quarantine_path.read_bytes() == path.read_bytes()
    )
    verslag.noteer(
        "groot",
        f"IND-levering van {rows:_} rijen, fout in de laatste rij".replace("_", "."),
        {
            "uitkomst": STATUS_NL.get(outcome.status, outcome.status),
            "rij_van_de_fout": rows_at,
            "geladen_rijen": loaded,
            "in_quarantaine": kept,
        },
    )
    assert outcome.status == "rejected" and rows_at == [rows]
    assert loaded == 0 and kept


ENGLISH_TYPES = re.compile(r"\b(number|integer|string|boolean|timestamp|date)\b")


@pytest.mark.parametrize("case", [pytest.param(c, id=f"{c.source}-{c.geval}") for c in CASES])
def test_every_finding_is_dutch_in_file_order_and_a_warning_asks_no_redelivery(case: Geval) -> None:
    """What a chain partner reads for each corpus file: no Great Expectations names or English type
    names, findings in the order of the file, and a warning
    (the file loads) never asks to deliver again."""
    result = validate_delivery(load_contract(case.source), case.path)
    lines = result.reason_lines("error") + result.reason_lines("warning")
    text = "\n".join([result.summary(), *lines])
    assert "expect_" not in text and "great" not in text.lower(), text
    assert not ENGLISH_TYPES.search(re.sub(r"'[^']*'", "", text)), text  # values as delivered aside
    for f in result.warnings:
        assert "opnieuw aan" not in f.message and not re.search(
            r"\blever\b", f.message, re.IGNORECASE
        ), f.message
    for severity in ("error", "warning"):
        places = [(f.row or 0) for f in result.findings if f.severity == severity]
        assert places == sorted(places), [f.message for f in result.findings]
    if case.path.suffix == ".csv":
        assert all(
            f.line == f.row + 1 for f in result.findings if f.row is not None and f.kind != "file"
        )
        assert not re.search(r"\brij \d", text), (
            text
        )  # a text file names lines, as an editor shows them
