"""The analysts' snapshot as `make run` publishes it on the sample data: it opens in a DuckDB 1.x
client (the one in .venv-duckdb1/, which `make env` builds), every table and column carries a
Dutch description for analysts, and docs/datadictionary.md is that snapshot's own catalog."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from pipelines.lib import datadictionary, paths, publish
from tests.conftest import run_whole_sample

pytestmark = [
    pytest.mark.xdist_group("snapshot_sample"),
    pytest.mark.slow,
]  # a whole-sample run and a DuckDB 1.x reader

DUCKDB1_PYTHON = paths.PROJECT_ROOT / ".venv-duckdb1" / "bin" / "python"

# What an analyst's client reads: the same script runs in duckdb 2.x (here) and 1.x (subprocess).
_READ = textwrap.dedent(
    """
    import json, sys
    import duckdb

    def read(path):
        conn = duckdb.connect(path, read_only=True)
        q = lambda sql: conn.execute(sql).fetchall()
        tables = q("select table_name, comment from duckdb_tables() where schema_name = 'rapportage' "
                   "order by table_name")
        out = {
            "tables": tables,
            "columns": q("select table_name, column_name, data_type, comment from duckdb_columns() "
                         "where schema_name = 'rapportage' order by table_name, column_index"),
            "rows": {t: q(f'select count(*) from rapportage."{t}"')[0][0] for t, _ in tables},
            "values": [
                q("select editie, partitie, volledig, len(bronbestanden), bronbestanden[1].bestand "
                  "from rapportage.publicatie"),
                q("select maand, bezetting, capaciteit, kosten_per_jaar from rapportage.opvang "
                  "order by maand desc limit 3"),
                q("select jaar, aantoonbaar, groei_aantoonbaar_pct from rapportage.vertrek_jaar order by jaar"),
                q("select bron, status, count(*), sum(rijen) from rapportage.leveringen group by all order by all"),
                q("select begrotingsjaar, artikelnummer, vastgesteld, realisatie from rapportage.begroting_staten "
                  "where vuo = 'U' and begrotingsnummer = 'XX' order by all"),
            ],
        }
        conn.close()
        return json.loads(json.dumps(out, default=str))

    print(json.dumps(read(sys.argv[1])))
    """  # noqa: E501  the lines of the script as it runs
)


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The current snapshot after `ketenmonitor run` on the whole sample set
    (latest month 2026-10)."""
    root = run_whole_sample(tmp_path_factory.mktemp("voorbeeldsnapshot"))
    return (root / "warehouse" / "published" / "ketenmonitor.duckdb").resolve()


def _read_with(python: Path | str, path: Path) -> dict:
    done = subprocess.run(
        [str(python), "-c", _READ, str(path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"{python} cannot read the snapshot:\n{done.stderr[-2000:]}"
    return json.loads(done.stdout)


def test_the_snapshot_opens_read_only_in_duckdb_1x_with_the_same_tables_rows_values_and_comments(
    request: pytest.FixtureRequest,
) -> None:
    if not DUCKDB1_PYTHON.exists():  # before the snapshot is built: a missing client fails at once
        pytest.fail(
            f"De DuckDB 1.x-client ontbreekt ({DUCKDB1_PYTHON.relative_to(paths.PROJECT_ROOT)}); "
            "`make env` bouwt hem (tools/duckdb1/requirements.txt)."
        )
    snapshot: Path = request.getfixturevalue("snapshot")
    version = subprocess.run(
        [str(DUCKDB1_PYTHON), "-c", "import duckdb; print(duckdb.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert version.startswith("1."), f".venv-duckdb1 has duckdb {version}, not 1.x"
    old = _read_with(DUCKDB1_PYTHON, snapshot)
    new = _read_with(sys.executable, snapshot)  # the same script in this environment's duckdb 2.x

    assert [t for t, _ in old["tables"]] == [t for t, _ in new["tables"]]
    assert {"leveringen", "publicatie", "opvang", "ind_afhandeling"} <= {
        t for t, _ in old["tables"]
    }
    assert old["rows"] == new["rows"] and old["rows"]["leveringen"] == 310
    assert old["values"] == new["values"] and old["values"][0][0][2] is True
    assert old["columns"] == new["columns"]  # names, types and comments, column for column
    assert all(comment for _, comment in old["tables"]) and all(c[3] for c in old["columns"])
    # written in the storage format of DuckDB 1.0 (publish.STORAGE_VERSION), not 2.x's own
    with duckdb.connect() as conn:
        conn.execute(f"attach '{snapshot}' as s (read_only)")
        tags = conn.execute(
            "select tags from duckdb_databases() where database_name = 's'"
        ).fetchall()[0][0]
    assert tags.get("storage_version") == publish.STORAGE_VERSION + "+"


# What no analyst text may contain: internal schemas and tables, SQL parameters, repository paths
# and source files, the English of the SQL headers, and the fixed text of an undeclared column.
FORBIDDEN = re.compile(
    r"kpi\.|stg\.|raw\.|meta\.|\$|data/|sql/|reports/|pipelines|\.sql\b|\.py\b|\.yaml\b"
    r"|\b(?:the|and|when|only|with|from|which|same|earlier|grain|null|rows?|computed|otherwise|january"
    r"|year-to-date|run-rate|per month)\b"
    r"|nog zonder beschrijving|geen eigen beschrijving",
    re.IGNORECASE,
)


def test_every_table_and_column_has_a_dutch_description_for_analysts(snapshot: Path) -> None:
    with publish.connect_snapshot(snapshot) as conn:
        texts = [
            (f"rapportage.{t}", c)
            for t, c in conn.execute("select table_name, comment from duckdb_tables()").fetchall()
        ]
        texts += [
            (f"rapportage.{t}.{c}", x)
            for t, c, x in conn.execute(
                "select table_name, column_name, comment from duckdb_columns() "
                "where schema_name = 'rapportage'"
            ).fetchall()
        ]
    assert len(texts) > 300
    assert [where for where, text in texts if not (text or "").strip()] == []
    bad = {where: FORBIDDEN.findall(text) for where, text in texts if FORBIDDEN.search(text)}
    assert bad == {}, "internal names or English in the analysts' comments"


def test_commentaar_yaml_declares_exactly_what_the_snapshot_holds(snapshot: Path) -> None:
    declared = publish.comments()
    catalog = datadictionary.snapshot_catalog(snapshot)
    tables = {t for t, _, _ in catalog}
    assert sorted(tables - set(declared.tables)) == [], (
        "tables without a description in commentaar.yaml"
    )
    assert sorted(set(declared.tables) - tables) == [], (
        "commentaar.yaml describes tables the snapshot lacks"
    )
    missing = [
        f"{t}.{c}" for t, _, cols in catalog for c, _, _ in cols if not declared.column(t, c)
    ]
    assert missing == [], "columns without a description in commentaar.yaml"
    present = {(t, c) for t, _, cols in catalog for c, _, _ in cols}
    stale = [
        f"{t}.{c}" for t, cols in declared.columns.items() for c in cols if (t, c) not in present
    ]
    assert stale == [], "commentaar.yaml describes columns the snapshot lacks"
    used = {c for _, c in present}
    assert sorted(set(declared.general) - used) == [], "unused entries under algemeen"


def test_leveringen_has_dutch_column_names_and_values(snapshot: Path) -> None:
    with publish.connect_snapshot(snapshot) as conn:
        columns = [
            c
            for (c,) in conn.execute(
                "select column_name from duckdb_columns() where table_name = 'leveringen' "
                "order by column_index"
            ).fetchall()
        ]
        statuses = {
            s
            for (s,) in conn.execute("select distinct status from rapportage.leveringen").fetchall()
        }
    assert columns == [
        "leveringsnummer",
        "bron",
        "bestand",
        "sha256",
        "grootte_bytes",
        "ontvangen",
        "status",
        "rijen",
        "perioden",
        "contractversie",
        "fouten",
        "waarschuwingen",
        "geschonden_regels",
        "run_id",
    ]
    assert statuses <= {"geaccepteerd", "afgewezen"} and "geaccepteerd" in statuses


def _dictionary_tables(markdown: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(table, [(column, type)]) in the order docs/datadictionary.md lists them."""
    out: list[tuple[str, list[tuple[str, str]]]] = []
    for line in markdown.splitlines():
        if line.startswith("## rapportage."):
            out.append((line.removeprefix("## rapportage."), []))
        elif out and (m := re.match(r"^\| `([a-z0-9_]+)` \| (.+?) \| ", line)):
            out[-1][1].append((m.group(1), m.group(2).replace("\\|", "|")))
    return out


def test_datadictionary_is_the_catalog_of_the_sample_snapshot(snapshot: Path) -> None:
    committed = datadictionary.datadictionary_path()
    assert committed.exists(), "maak docs/datadictionary.md met: ketenmonitor datadictionary"
    text = committed.read_text(encoding="utf-8")
    assert text == datadictionary.datadictionary_markdown(snapshot), (
        "docs/datadictionary.md wijkt af van de snapshot op de voorbeelddata: draai `make run` en "
        "`ketenmonitor datadictionary`"
    )
    with publish.connect_snapshot(snapshot) as conn:
        expected = {}
        for t, c, data_type in conn.execute(
            "select table_name, column_name, data_type from duckdb_columns() "
            "where schema_name = 'rapportage' order by table_name, column_index"
        ).fetchall():
            expected.setdefault(t, []).append((c, data_type))
    assert _dictionary_tables(text) == sorted(expected.items())
    assert "rijen" in dict(expected["leveringen"]) and "file_name" not in text


def test_every_gemeente_carries_the_name_of_the_reference_list(snapshot: Path) -> None:
    """Names come from data/reference/gemeenten.csv, not from whichever delivery named the code."""
    namen = {
        r["gemeentecode"]: r["gemeentenaam"]
        for r in csv.DictReader((paths.REFERENCE_DIR / "gemeenten.csv").open(encoding="utf-8"))
    }
    with duckdb.connect(str(snapshot), read_only=True) as conn:
        for table in ("taakstelling_achterstand", "taakstelling_achterstand_top10"):
            found = conn.execute(
                f"select distinct gemeentecode, gemeentenaam from rapportage.{table}"
            ).fetchall()
            assert found, table
            afwijkend = [(code, naam) for code, naam in found if namen.get(code) != naam]
            assert not afwijkend, (table, afwijkend[:5])
