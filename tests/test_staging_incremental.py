"""Case-level data is staged and checked per month: a new month touches that month only, and the
result is always the same as building everything again from raw."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from pipelines.lib import consistency, staging, warehouse
from pipelines.lib.contracts import load_contract

pytestmark = pytest.mark.slow  # months of case-level data staged step by step

IND = load_contract("ind_zaken")

# The definition staging had when it rebuilt everything each run: the latest delivery per period
# by its own date (meta.delivery_order), revisies = the number of deliveries of the period.
FULL_REBUILD = (
    """
    with latest as (
        select r._periode, max_by(r._delivery_id, o.volgorde) as _delivery_id,
               count(distinct r._delivery_id) as revisies
        from raw.ind_zaken r join meta.delivery_order o on o.delivery_id = r._delivery_id
        group by r._periode
    )
    select r.zaak_id, r.procedure, r.nationaliteit, r.gebeurtenis, r.datum,
           cast(date_trunc('month', r.datum) as date) as maand, l.revisies, """
    """r._delivery_id, r._periode
    from raw.ind_zaken r join latest l using (_periode, _delivery_id)
    order by all
"""
)


def ind_delivery(
    landing: Path, month: str, delivered: str, zaken: list[str], *, decided: int = 0
) -> Path:
    """A delivery of one month: an aanvraag per zaak, and a decision for the first `decided`."""
    folder = landing / "ind_zaken"
    folder.mkdir(parents=True, exist_ok=True)
    rows = [(z, "asiel_eerste", "SYR", "aanvraag", f"{month}-03") for z in zaken]
    rows += [(z, "asiel_eerste", "SYR", "inwilliging", f"{month}-20") for z in zaken[:decided]]
    frame = pl.DataFrame(
        rows, schema=["zaak_id", "procedure", "nationaliteit", "gebeurtenis", "datum"], orient="row"
    )
    path = folder / f"ind_zaken_{month}_{delivered}.parquet"
    frame.with_columns(pl.col("datum").str.to_date()).write_parquet(path)
    return path


def zaken(prefix: str, n: int) -> list[str]:
    return [f"{prefix}{i:015x}"[:16] for i in range(n)]


def load(conn, path: Path) -> None:
    outcome = warehouse.load_delivery(conn, IND, path)
    assert outcome.status == "accepted", outcome.describe()


def staged(conn) -> list[tuple]:
    return conn.execute("select * from stg.ind_zaken order by all").fetchall()


def test_per_month_staging_equals_a_full_rebuild_at_every_step(ketenmonitor_env: Path) -> None:
    landing = ketenmonitor_env / "landing"
    steps = [
        ("2025-01", "2025-02-05", zaken("a", 30), 10, ["2025-01"]),
        ("2025-02", "2025-03-05", zaken("b", 40), 5, ["2025-02"]),
        ("2025-03", "2025-04-05", zaken("c", 20), 0, ["2025-03"]),
        # a correction of January, dated later: replaces January only
        ("2025-01", "2025-04-20", zaken("a", 25), 25, ["2025-01"]),
        # an older file of February arriving now: kept in raw, does not replace the February
        # figures; only the period's count of deliveries changes
        ("2025-02", "2025-03-01", zaken("b", 12), 0, ["2025-02"]),
    ]
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        for i, (month, delivered, ids, decided, expected) in enumerate(steps):
            load(conn, ind_delivery(landing, month, delivered, ids, decided=decided))
            result = staging.stage(conn, "ind_zaken")
            assert result.full == (i == 0)
            assert result.periods == expected
            assert staged(conn) == conn.execute(FULL_REBUILD).fetchall()
        again = staging.stage(conn, "ind_zaken")
        assert (again.periods, again.full) == ([], False), "nothing new: nothing staged again"
        january = conn.execute(
            "select count(*), max(revisies) from stg.ind_zaken where maand = '2025-01-01'"
        ).fetchone()
        assert january == (50, 2)
        february = conn.execute(
            "select count(*), max(revisies) from stg.ind_zaken where maand = '2025-02-01'"
        ).fetchone()
        assert february == (45, 2)


def test_a_changed_definition_or_a_lost_table_stages_everything_again(
    ketenmonitor_env: Path,
) -> None:
    landing = ketenmonitor_env / "landing"
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        for month, delivered in (("2025-01", "2025-02-05"), ("2025-02", "2025-03-05")):
            load(conn, ind_delivery(landing, month, delivered, zaken(month[-1], 8)))
        staging.stage(conn, "ind_zaken")
        conn.execute("update meta.stg_perioden set definitie = 'vorige'")
        result = staging.stage(conn, "ind_zaken")
        assert (result.full, result.periods) == (True, ["2025-01", "2025-02"])
        conn.execute("drop table stg.ind_zaken")
        result = staging.stage(conn, "ind_zaken")
        assert result.full and result.rows == 16
        assert staged(conn) == conn.execute(FULL_REBUILD).fetchall()


def test_the_contract_check_looks_at_the_new_month_only_and_still_catches_a_key_from_another_month(
    ketenmonitor_env: Path,
) -> None:
    landing = ketenmonitor_env / "landing"
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        load(conn, ind_delivery(landing, "2025-01", "2025-02-05", zaken("a", 30), decided=10))
        first = consistency.check_source(conn, IND)
        assert first.passed and (first.rows_checked, first.suite_rows) == (40, 0), (
            "validated whole by this contract when accepted: only the key across months is checked"
        )
        load(conn, ind_delivery(landing, "2025-02", "2025-03-05", zaken("b", 20)))
        second = consistency.check_source(conn, IND)
        assert second.passed and second.rows_checked == 20, "only February is looked at"
        assert consistency.check_source(conn, IND).rows_checked == 0

        # March repeats three January aanvragen: each delivery is valid on its own, the whole is not
        load(conn, ind_delivery(landing, "2025-03", "2025-04-05", zaken("a", 3) + zaken("c", 5)))
        report = consistency.check_source(conn, IND)
        assert not report.passed
        key = [f for f in report.errors if f.kind == "primary_key"]
        assert report.counts[key[0].rule] == 3
        assert {(f.file, f.row) for f in key} == {
            ("ind_zaken_2025-03_2025-04-05.parquet", r) for r in (1, 2, 3)
        }
        assert all(f.value is None for f in key), "case-level keys are not shown"
        # a failed check remembers nothing: the next check looks at March again
        assert consistency.check_source(conn, IND).rows_checked == 8


def test_a_new_contract_version_checks_every_month_again_in_bounded_chunks(
    ketenmonitor_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    landing = ketenmonitor_env / "landing"
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        for i, month in enumerate(("2025-01", "2025-02", "2025-03", "2025-04")):
            load(
                conn,
                ind_delivery(
                    landing, month, f"{month[:5]}{int(month[5:]) + 1:02d}-05", zaken("abcd"[i], 10)
                ),
            )
        assert consistency.check_source(conn, IND).rows_checked == 40
        # as if these deliveries had been accepted and checked under an earlier contract
        conn.execute("update meta.contract_perioden set contract_version = '0.9.0'")
        conn.execute("update meta.deliveries set contract_version = '0.9.0'")
        sizes: list[int] = []
        real = consistency.run_suite
        monkeypatch.setattr(consistency, "CHUNK_ROWS", 20)
        monkeypatch.setattr(
            consistency, "run_suite", lambda c, f, n: (sizes.append(f.height), real(c, f, n))[1]
        )
        report = consistency.check_source(conn, IND)
        assert report.passed and (report.rows_checked, report.suite_rows) == (40, 40)
        assert sizes == [20, 20], (
            "the suite runs again over whole months, at most CHUNK_ROWS rows at a time"
        )
        conn.execute(
            "update meta.deliveries set contract_version = '0.9.0' "
            "where file_name like 'ind_zaken_2025-04%'"
        )
        conn.execute(
            "update meta.contract_perioden set contract_version = '0.9.0' where periode = '2025-04'"
        )
        sizes.clear()
        assert consistency.check_source(conn, IND).suite_rows == 10 and sizes == [10]


def test_rows_that_no_longer_meet_a_changed_contract_are_found_in_their_file_and_row(
    ketenmonitor_env: Path,
) -> None:
    landing = ketenmonitor_env / "landing"
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        for month, delivered in (("2025-01", "2025-02-05"), ("2025-02", "2025-03-05")):
            load(conn, ind_delivery(landing, month, delivered, zaken(month[-1], 6)))
        assert consistency.check_source(conn, IND).passed
        # accepted under an earlier contract that still allowed this procedure
        conn.execute(
            "update raw.ind_zaken set procedure = 'verlenging' where _periode = '2025-02' "
            "and _row_number = 4"
        )
        conn.execute(
            "update meta.deliveries set contract_version = '0.9.0' "
            "where file_name like 'ind_zaken_2025-02%'"
        )
        conn.execute(
            "update meta.contract_perioden set contract_version = '0.9.0' where periode = '2025-02'"
        )
        report = consistency.check_source(conn, IND)
        assert not report.passed and report.suite_rows == 6
        [finding] = report.errors
        assert (finding.file, finding.row, finding.column) == (
            "ind_zaken_2025-02_2025-03-05.parquet",
            4,
            "procedure",
        )


def test_a_first_load_in_batches_judges_every_file_as_one_pass_would(
    ketenmonitor_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Years of files go through the suite a batch at a time; each file's verdict, findings and
    counts are those of validating everything in one pass."""
    from pipelines.lib import validation

    landing = ketenmonitor_env / "landing"
    files = [
        ind_delivery(
            landing, f"2025-{m:02d}", f"2025-{m + 1:02d}-05", zaken("abcdef"[m - 1], 5 + m)
        )
        for m in range(1, 6)
    ]
    frame = pl.read_parquet(files[2])
    # a duplicated key and a value outside the list in March, an unknown procedure in May
    broken = pl.concat([frame, frame.head(1)]).with_columns(
        pl.when(pl.int_range(pl.len()) == 2)
        .then(pl.lit("onbekend"))
        .otherwise(pl.col("gebeurtenis"))
        .alias("gebeurtenis")
    )
    broken.write_parquet(files[2])
    may = pl.read_parquet(files[4])
    may.with_columns(
        pl.when(pl.int_range(pl.len()) == 0)
        .then(pl.lit("verlenging"))
        .otherwise(pl.col("procedure"))
        .alias("procedure")
    ).write_parquet(files[4])

    def verdicts() -> list[tuple]:
        return [
            (r.accepted, sorted((f.row, f.rule, f.value) for f in r.findings), r.counts)
            for r in validation.validate_deliveries(IND, files)
        ]

    whole = verdicts()
    monkeypatch.setattr(validation, "BATCH_ROWS", 10)
    assert verdicts() == whole
    assert [accepted for accepted, _, _ in whole] == [True, True, False, True, False]


def test_a_first_load_batch_stays_within_batch_rows(
    ketenmonitor_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch closes before the file that would take it over BATCH_ROWS (one row over, and the
    suite checks it in two parts); a larger file goes alone."""
    from pipelines.lib import validation

    landing = ketenmonitor_env / "landing"
    files = [
        ind_delivery(
            landing, f"2025-{m:02d}", f"2025-{m + 1:02d}-05", zaken("abcdef"[m - 1], 5 + m)
        )
        for m in range(1, 6)
    ]
    heights = [pl.read_parquet(f).height for f in files]
    batches: list[list[int]] = []
    judge = validation._validate_batch

    def recorded(contract, prepared):
        batches.append([p.typed.height for p in prepared])
        return judge(contract, prepared)

    monkeypatch.setattr(validation, "_validate_batch", recorded)
    monkeypatch.setattr(validation, "BATCH_ROWS", heights[0] + heights[1])
    results = validation.validate_deliveries(IND, files)
    assert [r.accepted for r in results] == [True] * 5
    assert [h for batch in batches for h in batch] == heights
    assert all(len(b) == 1 or sum(b) <= heights[0] + heights[1] for b in batches)
    assert batches[0] == heights[:2]
