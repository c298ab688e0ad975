"""The analysts' snapshot of an edition: what is published, what never is, documentation, and the
switch to a new edition while another process reads the old one."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest

from pipelines.lib import archief, export, paths, publish, warehouse
from tests.editions import publish_edition

# Tables as the indicator assets write them (shape only; the figures are made up).
KPI_TABLES = {
    "instroom": "select '2026MM10' as perioden, 'maand' as periode_soort, 2100 as eerste, "
    "180 as volgende, 640 as nareizigers, 2920 as totaal, true as voorlopig",
    "opvang": "select date '2026-10-01' as maand, 96000 as bezetting, 101000 as capaciteit, "
    "95.0 as bezettingsgraad_pct, 3200000000.0 as kosten_per_jaar",
    "taakstelling_achterstand": "select date '2026-10-01' as maand, 'GM0363' as gemeentecode, "
    "'Amsterdam' as gemeentenaam, 1200 as achterstand",
    "vertrek": "select date '2026-10-01' as maand, 210 as gedwongen, "
    "320 as zelfstandig_onder_toezicht, 530 as aantoonbaar",
    "taskforce_budget": "select 2029 as jaar, 118000 as totaal",
    "ind_afhandeling": "select date '2026-10-01' as maand, 'asiel_eerste' as procedure, "
    "1234 as aanvragen, 7 as intrekkingen",
    "ind_afhandeling_openbaar": "select date '2026-10-01' as maand, 'asiel_eerste' as procedure, "
    "1230 as aanvragen, null::integer as intrekkingen",
    "oekraine": "select date '2026-10-01' as maand, 30000 as opvangplekken, 27000 as bezetting",
    "realisatie_vs_prognose": "select date '2026-10-01' as maand, 28000 as instroom_ytd, "
    "34000 as midden",
    "begroting": "select 2026 as begrotingsjaar, 'XX' as hoofdstuk, 37 as artikel, "
    "'U' as vuo, 1000 as t",
    "beleidsclaims": "select 'instroom_q1' as id, 'bevestigd' as status, 'x' as iets_zonder_uitleg",
}
CASE_LEVEL = "select '0a1b2c3d4e5f6071' as zaak_id, date '2026-10-03' as datum"


def _fill(conn: duckdb.DuckDBPyConnection, bezetting: int = 96000) -> None:
    for name, sql in KPI_TABLES.items():
        conn.execute(f"create or replace table kpi.{name} as {sql}")
    conn.execute(f"update kpi.opvang set bezetting = {int(bezetting)}")
    conn.execute(f"create or replace table kpi.ind_zaken_per_zaak as {CASE_LEVEL}")
    conn.execute(
        "create or replace view kpi.zaken_uit_raw as select count(*) as n from raw.ind_zaken"
    )
    conn.execute(
        "comment on column kpi.beleidsclaims.status is 'bevestigd, afwijkend of geen data'"
    )


@pytest.fixture
def internal(ketenmonitor_env: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The internal warehouse with kpi tables and a few registered deliveries; yields the writer."""
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        _fill(conn)
        conn.execute(
            """insert into meta.deliveries values
               (1, 'coa_bezetting', 'coa_2026-10.csv', '/landing/coa_bezetting/coa_2026-10.csv', 'aa', 10,
                timestamp '2026-11-03 08:00', 'accepted', 6, ['2026-10'], '1.0.0', 0, 0, null, null, 'r0'),
               (2, 'ind_zaken', 'ind_2026-10.csv', '/landing/ind_zaken/ind_2026-10.csv', 'bb', 10,
                timestamp '2026-11-04 08:00', 'rejected', 0, [], '1.0.0', 1, 0,
                'ind_2026-10.csv, rij 2, kolom ''zaak_id'' waarde ''0a1b2c3d4e5f6071'': fout', '/q/x', 'r0')"""  # noqa: E501  test rows kept whole
        )
        conn.execute(
            """insert into meta.delivery_findings values
               (2, 'ind_zaken', 'ind_2026-10.csv', 2, 'zaak_id', 'ind_zaken.zaak_id.pattern', 'error',
                '0a1b2c3d4e5f6071', 'fout', 1, 3)"""  # noqa: E501  test rows kept whole
        )
        yield conn


def _publish(
    conn: duckdb.DuckDBPyConnection, run_id: str, checks: dict[str, str] | None = None
) -> tuple[publish.PublishResult | None, archief.Schakeling]:
    return publish_edition(conn, "2026-10", run_id, checks)


def _new_delivery(conn: duckdb.DuckDBPyConnection, delivery_id: int) -> None:
    """Another accepted delivery for October: the inputs change, so the edition does."""
    conn.execute(
        "insert into meta.deliveries values ($id, 'coa_bezetting', $name, '/landing/x.csv', "
        "$sha, 10, timestamp '2026-11-05 08:00', 'accepted', 6, ['2026-10'], '1.0.0', 0, 0, "
        "null, null, 'r0')",
        {
            "id": delivery_id,
            "name": f"coa_2026-10_v{delivery_id}.csv",
            "sha": f"{delivery_id:064x}",
        },
    )


def _reader() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(paths.published_db()), read_only=True)


def test_snapshot_has_every_kpi_table_only_aggregates_and_comments_everywhere(internal) -> None:
    result, schakeling = _publish(internal, "run-1", {"coa_bezetting": "geslaagd"})
    assert result is not None and schakeling.nieuw and schakeling.huidig == "2026-10"
    expected = (set(KPI_TABLES) - {"ind_afhandeling_openbaar"}) | {
        "leveringen",
        "datakwaliteit",
        "bijstellingen_editie",
        "publicatie",
    }
    assert set(result.tables) == expected
    assert "ind_zaken_per_zaak" in result.skipped and "zaken_uit_raw" in result.skipped

    with _reader() as conn:
        tables = {
            r[0]
            for r in conn.execute(
                "select table_name from information_schema.tables where table_schema = 'rapportage'"
            ).fetchall()
        }
        assert tables == expected
        assert "beleidsclaims" in tables
        schemas = {
            r[0]
            for r in conn.execute("select distinct schema_name from duckdb_tables()").fetchall()
        }
        assert schemas == {"rapportage"}
        assert conn.execute(
            "select count(*) from information_schema.columns where lower(column_name) = 'zaak_id'"
        ).fetchall() == [(0,)]
        undocumented = conn.execute(
            "select table_name, column_name from duckdb_columns() where schema_name = 'rapportage' "
            "and (comment is null or comment = '')"
        ).fetchall()
        assert undocumented == []
        assert conn.execute(
            "select count(*) from duckdb_tables() where schema_name = 'rapportage' "
            "and (comment is null or comment = '')"
        ).fetchall() == [(0,)]
        comments = {
            (t, c): x
            for t, c, x in conn.execute(
                "select table_name, column_name, comment from duckdb_columns() "
                "where schema_name = 'rapportage'"
            ).fetchall()
        }
        # The analysts' texts of commentaar.yaml (per table, then `algemeen`), else the fixed text.
        assert comments[("beleidsclaims", "status")] == "bevestigd, afwijkend of geen data."
        assert comments[("opvang", "maand")] == publish.comments().general["maand"]
        assert (
            comments[("beleidsclaims", "iets_zonder_uitleg")]
            == "Iets zonder uitleg; nog zonder beschrijving."
        )
        tables = dict(conn.execute("select table_name, comment from duckdb_tables()").fetchall())
        assert tables["opvang"].startswith("COA-opvang per maand")
        # Case-derived figures only in their disclosed form.
        assert conn.execute(
            "select aanvragen, intrekkingen from rapportage.ind_afhandeling"
        ).fetchall() == [(1230, None)]
        # The register without paths and without delivered values.
        lev_cols = {
            r[0]
            for r in conn.execute(
                "select column_name from information_schema.columns where table_name = 'leveringen'"
            ).fetchall()
        }
        assert not lev_cols & {"file_path", "quarantine_path", "reasons"}
        assert conn.execute(
            "select status, geschonden_regels from rapportage.leveringen where leveringsnummer = 2"
        ).fetchall() == [("afgewezen", ["ind_zaken.zaak_id.pattern"])]
        assert "0a1b2c3d4e5f6071" not in json.dumps(
            conn.execute("select * from rapportage.leveringen").fetchall(), default=str
        )
        pub = conn.execute(
            "select run_id, partitie::varchar, editie, len(bronbestanden) "
            "from rapportage.publicatie"
        ).fetchall()
        assert pub == [("run-1", "2026-10-01", result.edition, 1)]
        dq = dict(
            conn.execute("select bron, contractcheck from rapportage.datakwaliteit").fetchall()
        )
        assert dq["coa_bezetting"] == "geslaagd" and dq["ind_zaken"] == "onbekend"

    parquet = paths.published_dir() / "parquet"
    assert sorted(p.stem for p in parquet.glob("*.parquet")) == sorted(expected)
    assert pl.read_parquet(parquet / "opvang.parquet")["bezetting"].to_list() == [96000]
    assert not [
        p for p in paths.published_dir().rglob("*") if p.name.endswith((".tmp", ".link", ".wal"))
    ]
    assert not (archief.edities_dir() / archief.BOUW).exists()
    # The same inputs and code: the same edition, nothing written again.
    again, schakeling = _publish(internal, "run-2")
    assert again is None and not schakeling.nieuw and schakeling.editie_id == result.edition


def test_nothing_is_published_when_a_rule_is_broken(
    internal, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = _publish(internal, "run-1")
    before = paths.published_db().read_bytes()

    def leak(conn, database, plan):
        raise publish.PublicationError("zaakniveau-kolommen in de publicatie: rapportage.x.zaak_id")

    monkeypatch.setattr(publish, "assert_aggregates_only", leak)
    _new_delivery(internal, 3)
    with pytest.raises(publish.PublicationError):
        _publish(internal, "run-2")
    assert paths.published_db().read_bytes() == before
    assert archief.maand_editie("2026-10") == first.edition
    assert not [
        p
        for p in archief.edities_dir().rglob("*")
        if p.name == archief.SNAPSHOT_NAME and archief.VERSIES not in p.parts
    ]


def test_the_case_level_guard_itself(internal) -> None:
    internal.execute("attach ':memory:' as lek")
    internal.execute("create schema lek.rapportage")
    internal.execute("create table lek.rapportage.x as select 'a' as ZAAK_ID")
    with pytest.raises(publish.PublicationError, match="(?i)zaak_id"):
        publish.assert_aggregates_only(internal, "lek", [])
    internal.execute("detach lek")
    with pytest.raises(publish.PublicationError, match="stg.ind_zaken"):
        publish.assert_aggregates_only(
            internal, "memory", [publish.PlannedTable("x", "ind_zaken", schema="stg")]
        )
    with pytest.raises(publish.PublicationError, match="kpi.ind_afhandeling"):
        publish.assert_aggregates_only(
            internal, "memory", [publish.PlannedTable("ind_afhandeling", "ind_afhandeling")]
        )


_READER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    import duckdb
    conn = duckdb.connect(sys.argv[1], read_only=True)
    stop = Path(sys.argv[2])
    seen, reads = set(), 0
    print("klaar", flush=True)
    deadline = time.time() + 120
    while not stop.exists() and time.time() < deadline:
        rows = conn.execute(
            "select p.editie, o.bezetting from rapportage.publicatie p, rapportage.opvang o").fetchall()
        seen.update(rows)
        reads += 1
        time.sleep(0.005)
    print(json.dumps({"seen": sorted(seen), "reads": reads}), flush=True)
    """  # noqa: E501  the lines of the script as it runs
)


def test_reader_in_another_process_keeps_its_snapshot_while_three_editions_publish(
    internal, tmp_path: Path
) -> None:
    first, _ = _publish(internal, "run-0")
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", _READER, str(paths.published_db()), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "klaar"
        for run, bezetting in enumerate([97000, 98000, 99000], start=1):
            _fill(internal, bezetting=bezetting)
            _new_delivery(internal, 10 + run)
            result, _ = _publish(internal, f"run-{run}")
            with _reader() as fresh:  # a new connection sees the new edition
                assert fresh.execute("select bezetting from rapportage.opvang").fetchall() == [
                    (bezetting,)
                ]
                assert fresh.execute(
                    "select run_id, editie from rapportage.publicatie"
                ).fetchall() == [(f"run-{run}", result.edition)]
            assert pl.read_parquet(paths.published_dir() / "parquet" / "opvang.parquet")[
                "bezetting"
            ].to_list() == [bezetting]
        stop.touch()
        out, err = reader.communicate(timeout=60)
    finally:
        if reader.poll() is None:
            reader.kill()
    assert reader.returncode == 0, err
    report = json.loads(out.strip().splitlines()[-1])
    assert report["reads"] > 0
    assert report["seen"] == [[first.edition, 96000]], (
        "the open reader kept reading its own snapshot"
    )
    versions = [p for p in (archief.edities_dir() / archief.VERSIES).iterdir() if p.is_dir()]
    assert len(versions) == 2, "the new edition and the one an open reader may still be in"


def test_csv_export_neutralises_formulas(internal, tmp_path: Path) -> None:
    internal.execute(
        "create or replace table kpi.beleidsclaims as select '=HYPERLINK(\"http://x\")' as id, "
        "'+31 6' as paragraaf, '@SUM(A1)' as status, -5 as afwijking, '-kort' as toelichting"
    )
    _publish(internal, "run-1")
    written = export.export_csv(tmp_path / "csv")
    text = (tmp_path / "csv" / "beleidsclaims.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[1] == """"'=HYPERLINK(""http://x"")";'+31 6;'@SUM(A1);-5;'-kort"""
    assert {p.stem for p in written} >= {"beleidsclaims", "leveringen", "publicatie"}
    assert export.csv_safe("normaal") == "normaal" and export.csv_safe(5) == 5


def test_csv_export_reads_in_dutch_excel(internal, tmp_path: Path) -> None:
    """Decimal comma, rounded as the reports publish, ja/nee, readable lists, UTF-8 with BOM."""
    internal.execute(
        "create or replace table kpi.opvang as select date '2026-10-01' as maand, "
        "96000 as bezetting, 93.82993781911935 as bezettingsgraad_pct, -0.04 as groei_pct, "
        "3129977200.0 as kosten_per_jaar, 70.999 as kostprijs_per_plek_per_dag, "
        "0.1 + 0.2 as factor, true as voorlopig, false as dure_opvang, "
        "['coa_bezetting', 'ind_zaken'] as bronnen, timestamp '2026-11-03 08:00:00' as ontvangen"
    )
    _publish(internal, "run-1")
    export.export_csv(tmp_path / "csv")
    raw = (tmp_path / "csv" / "opvang.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM, so Excel reads UTF-8"
    header, row = raw.decode("utf-8-sig").splitlines()
    assert header.split(";")[:3] == ["maand", "bezetting", "bezettingsgraad_pct"]
    assert (
        row == "2026-10-01;96000;93,8;0,0;3129977200;71,00;0,3;ja;nee;"
        "coa_bezetting, ind_zaken;2026-11-03 08:00:00"
    )
    for text in (tmp_path / "csv").glob("*.csv"):
        content = text.read_text(encoding="utf-8-sig")
        assert "True" not in content and "False" not in content and "[" not in content, text.name
        assert not re.search(r"\d\.\d{5,}", content), f"float noise in {text.name}"


def test_xlsx_export_has_a_sheet_per_table_with_typed_cells(internal, tmp_path: Path) -> None:
    internal.execute(
        "create or replace table kpi.opvang as select date '2026-10-01' as maand, "
        "96000 as bezetting, 93.82993781911935 as bezettingsgraad_pct, true as voorlopig, "
        "['coa_bezetting', 'ind_zaken'] as bronnen"
    )
    internal.execute(
        "create or replace table kpi.taakstelling_achterstand as select 'GM0363' as gemeentecode, "
        "'=HYPERLINK(\"http://x\")' as gemeentenaam, 1200 as achterstand"
    )
    _publish(internal, "run-1")
    target = export.export_xlsx(tmp_path / "xlsx")
    assert target.read_bytes() == export.export_xlsx(tmp_path / "nog een keer").read_bytes()
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames[0] == "Inhoud" and {"opvang", "leveringen", "publicatie"} <= set(
        wb.sheetnames
    )
    assert all(len(n) <= 31 for n in wb.sheetnames)
    ws = wb["opvang"]
    assert [c.value for c in ws[1]] == [
        "maand",
        "bezetting",
        "bezettingsgraad_pct",
        "voorlopig",
        "bronnen",
    ]
    maand, bezetting, graad, voorlopig, bronnen = ws[2]
    assert maand.is_date and maand.value.date().isoformat() == "2026-10-01"
    assert bezetting.value == 96000 and graad.value == 93.8 and graad.number_format == "#,##0.0"
    assert (voorlopig.value, bronnen.value) == ("ja", "coa_bezetting, ind_zaken")
    naam = wb["taakstelling_achterstand"]["B2"]
    assert naam.data_type == "s" and naam.value == '=HYPERLINK("http://x")'
    assert ws.freeze_panes == "A2"
    assert export._excel_tekst("x" * 40_000).endswith("staat in de snapshot)")
    assert len(export._excel_tekst("x" * 40_000)) == 32_767


def test_export_values() -> None:
    assert export.export_waarde(-12.345, export.export_decimalen("verschil_pct")) == "-12,3"
    assert export.export_waarde(1234567) == 1234567
    assert export.export_waarde(0.30000000000000004) == "0,3"
    assert export.export_waarde(float("nan")) == ""
    assert (
        export.export_waarde([{"bron": "coa", "bestand": "a.csv"}]) == "(bron: coa; bestand: a.csv)"
    )
    assert export.export_decimalen("totaal_mln") == 1 and export.export_decimalen("mpp_midden") == 0
    assert export.csv_safe("-49,6") == "-49,6" and export.csv_safe("-kort") == "'-kort"


def test_column_comment_sources() -> None:
    """The table's own entry, then `algemeen`, then the suppression rule, then the fixed text."""
    assert publish.column_comment("opvang", "bezetting") == "Bewoners op de peildatum (personen)."
    assert (
        publish.column_comment("vertrek_jaar", "jaar") == "Kalenderjaar."
    )  # its own, not algemeen's
    assert publish.column_comment("x", "maand") == publish.comments().general["maand"]
    assert publish.column_comment("x", "aantal_onderdrukt").startswith("Waar als aantal onderdrukt")
    assert publish.column_comment("x", "iets_raars") == "Iets raars; nog zonder beschrijving."
    assert publish.table_comment("x") == "Tabel x van Ketenmonitor; nog zonder beschrijving."


def test_published_snapshot_waits_for_every_indicator_and_report_asset() -> None:
    """The snapshot is made only after every indicator and every document: each kpi_* and
    report_* asset of the graph is upstream of published_snapshot."""
    import dagster as dg

    from pipelines.definitions import defs

    with dg.instance_for_test():  # load against a live instance, whatever earlier tests left behind
        graph = defs().get_repository_def().asset_graph
    keys = {k.to_user_string(): k for k in graph.get_all_asset_keys()}
    materializable = {name for name, k in keys.items() if graph.get(k).is_materializable}
    upstream = {k.to_user_string() for k in graph.upstream_key_iterator(keys["published_snapshot"])}
    for prefix, minimum in (("kpi_", 11), ("report_", 2)):
        present = {name for name in materializable if name.startswith(prefix)}
        assert len(present) >= minimum, present
        assert present <= upstream, f"not waited for: {present - upstream}"
