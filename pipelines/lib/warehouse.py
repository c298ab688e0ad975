"""The internal warehouse: schemas, the deliveries register, and loading a delivery.

Only the pipeline process writes `warehouse/ketenmonitor.duckdb`. A delivery is accepted
or rejected as a whole: an accepted one lands in `raw.<source>` together with its register
row in one transaction; a rejected one leaves `raw` untouched, is copied to
`warehouse/quarantine/<source>/` with a text file of its reasons, and its findings are
kept in the register. A file whose sha256 is already registered is a no-op.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from pipelines.lib import breekpunt, disclosure, paths, plausibility, sqlfiles
from pipelines.lib.bevindingen import Finding, ValidationResult
from pipelines.lib.contracts import Contract, all_contracts
from pipelines.lib.formatting import aantal
from pipelines.lib.landingsmap import (
    Refused,
    sha256_of,
)
from pipelines.lib.revisies import (
    history_findings,
    period_expr,
    periods_of,
)
from pipelines.lib.validation import iter_validated

SCHEMAS = ("raw", "stg", "editie", "ref", "kpi", "meta", "quarantine")


class WarehouseInGebruik(RuntimeError):
    """Another program holds the internal DuckDB file (DuckDB's own lock); the message says what
    to do."""


# DuckDB's own memory for the warehouse in this process (its default is 80% of the machine's
# memory). A join or aggregate over the whole of ten years of case rows (the key across months of a
# first load, staging, the indicators) spills to a temporary file beside the warehouse beyond this,
# instead of holding it all: the run's peak stays bounded while history grows.
MEMORY_LIMIT = "1GB"


@contextlib.contextmanager
def connect(
    db_path: Path | None = None, *, read_only: bool = False
) -> Iterator[duckdb.DuckDBPyConnection]:
    db_path = db_path or paths.warehouse_db()
    if not read_only:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = duckdb.connect(str(db_path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        raise WarehouseInGebruik(
            f"Het interne warehouse ({db_path.parent.name}/{db_path.name}) is geopend door een "
            "ander programma (bijvoorbeeld een DuckDB-client of notebook), zodat de pipeline "
            "het niet kan "
            + ("lezen." if read_only else "schrijven.")
            + " Analisten gebruiken warehouse/published/ (alleen-lezen); sluit de verbinding met "
            "het interne warehouse en start de run opnieuw. Er is niets veranderd."
        ) from None
    try:
        # set, not passed as config: a connection with another config to the same file in this
        # process (a read-only look at the register) would be refused
        conn.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
        yield conn
    finally:
        conn.close()


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    for schema in SCHEMAS:
        conn.execute(f"create schema if not exists {schema}")
    for name in sqlfiles.names("register"):  # the deliveries register and its views, in order
        sqlfiles.execute(conn, name)
    for name in sqlfiles.names("macros"):
        sqlfiles.execute(conn, name)
    disclosure.ensure_sql_macro(conn)  # the register's published form discloses case-level counts
    for contract in all_contracts():
        conn.execute(contract.raw_ddl())


def registered_contents(db_path: Path | None = None) -> set[tuple[str, str]] | None:
    """(source, sha256) of every registered delivery, accepted or rejected, read-only; an empty
    set when there is no warehouse yet, None when a writer holds it (try again later)."""
    db_path = db_path or paths.warehouse_db()
    if not db_path.exists():
        return set()
    try:
        conn = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error:
        return None
    try:
        return {
            (s, h) for s, h in conn.execute("select source, sha256 from meta.deliveries").fetchall()
        }
    except duckdb.CatalogException:
        return set()
    finally:
        conn.close()


@dataclass
class DeliveryOutcome:
    source: str
    file: Path
    # accepted | rejected | unchanged (identical to an accepted one) | rejected_before (identical
    # to a rejected one) | refused (never read: a symlink)
    status: str
    delivery_id: int | None = None
    rows: int = 0
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    quarantine_path: Path | None = None
    reasons: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.status in ("refused", "rejected_before"):
            return "\n".join(self.reasons)
        if self.status == "unchanged":
            return f"{self.file.name}: al geladen (zelfde sha256), niets gedaan"
        if self.status == "accepted":
            warn = (
                f", {aantal(len(self.findings), 'waarschuwing', 'waarschuwingen')}"
                if self.findings
                else ""
            )
            return "\n".join(
                [
                    f"{self.file.name}: geaccepteerd, "
                    f"{aantal(self.rows, 'rij', 'rijen')} geladen{warn}",
                    *(f"    - {line}" for line in self.reasons),
                ]
            )
        return (
            f"{self.file.name}: AFGEWEZEN, niets geladen; in quarantaine: "
            f"{quarantine_name(self.quarantine_path)}\n"
            + "\n".join(f"    - {line}" for line in self.reasons)
        )


def quarantine_name(target: Path | str | None) -> str:
    """A quarantined file as named in messages: quarantaine/<source>/<file>, without machine
    folders."""
    if target is None:
        return "-"
    target = Path(target)
    return f"quarantaine/{target.parent.name}/{target.name}"


_MONTH_IN_NAME = re.compile(r"(20\d{2}-(?:0[1-9]|1[0-2]))(?!\d)")


def claimed_periods(contract: Contract, path: Path) -> list[str]:
    """The periods a delivery says it holds, read as text from its period column, in the register's
    form (a date becomes its month). For a rejected delivery these only tell which editions report
    on the rejection: none of its values is loaded. Unreadable or unknown periods give []."""
    from pipelines.lib.leveringlezer import read_text_parts
    from pipelines.lib.perioden import periode_bereik

    column = contract.column(contract.revision_period)

    def distinct(frame: pl.DataFrame) -> pl.Series:
        """Per part as it is read: the text of a large delivery is never held whole."""
        return frame[column.header].drop_nulls().str.strip_chars().unique()

    try:
        _, parts, _ = read_text_parts(contract, path, distinct)
        values = pl.concat(parts).unique().to_list()
    except Exception:  # noqa: BLE001  the rejection reasons already say what is wrong with the file
        values = []
    if column.logical_type == "date":
        values = [v[:7] for v in values if len(v) >= 7]
    periods = sorted({v for v in values if periode_bereik(v) is not None})
    if not periods and (
        named := _MONTH_IN_NAME.search(path.name)
    ):  # e.g. coa_bezetting_2026-11.csv
        periods = [named.group(1)]
    return periods if len(periods) <= 500 else []


def _findings_frame(delivery_id: int, source: str, result: ValidationResult) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "delivery_id": delivery_id,
                "source": source,
                "file_name": f.file,
                "row_number": f.row,
                "column_name": f.column,
                "rule": f.rule,
                "severity": f.severity,
                "value": f.value,
                "message": f.message,
                "occurrences": result.counts.get(f.rule, 1),
                "line_number": f.line,
            }
            for f in result.findings
        ],
        schema={
            "delivery_id": pl.Int64,
            "source": pl.Utf8,
            "file_name": pl.Utf8,
            "row_number": pl.Int32,
            "column_name": pl.Utf8,
            "rule": pl.Utf8,
            "severity": pl.Utf8,
            "value": pl.Utf8,
            "message": pl.Utf8,
            "occurrences": pl.Int64,
            "line_number": pl.Int32,
        },
    )


def remove_unregistered_quarantine(conn: duckdb.DuckDBPyConnection, source: str) -> list[Path]:
    """Remove quarantine copies that no register row points to: a run killed between copying a
    rejected file and committing its register row left them. The file is still in the landing
    folder, so the next run judges it again and keeps a copy that is registered."""
    folder = paths.quarantine_dir() / source
    if not folder.is_dir():
        return []
    kept = {
        Path(q).name
        for (q,) in conn.execute(
            "select quarantine_path from meta.deliveries"
            " where source = $s and quarantine_path is not null",
            {"s": source},
        ).fetchall()
    }
    removed = []
    for f in folder.iterdir():
        copy = f.name.removesuffix(".redenen.txt")
        if f.is_file() and copy not in kept:
            f.unlink()
            removed.append(f)
    return removed


def _quarantine(source: str, delivery_id: int, path: Path, result: ValidationResult) -> Path:
    target_dir = paths.quarantine_dir() / source
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{delivery_id:06d}_{path.name}"
    if path.is_symlink():
        raise ValueError(f"{path.name}: een symbolische koppeling komt niet in quarantaine")
    shutil.copy2(path, target, follow_symlinks=False)
    lines = [
        f"Levering {path.name} (bron {source}) is afgewezen en niet geladen.",
        f"Origineel: {source}/{path.name} in de landingsmap",
        f"Contractversie: {result.contract_version}",
        "",
        "Redenen:",
        *(f"- {line}" for line in result.reason_lines("error")),
        "",
        "Wat te doen: lever een gecorrigeerd bestand aan onder een nieuwe naam; het wordt bij de",
        "volgende run gevalideerd. Dit bestand blijft hier bewaard voor controle.",
    ]
    target.with_name(target.name + ".redenen.txt").write_text(
        "\n".join(lines) + "\n", encoding="utf-8"
    )
    return target


@dataclass(frozen=True)
class _Known:
    delivery_id: int
    status: str
    file_name: str
    received_at: datetime
    reasons: str | None


def _known(conn: duckdb.DuckDBPyConnection, source: str, sha: str) -> _Known | None:
    row = conn.execute(
        """select delivery_id, status, file_name, received_at, reasons from meta.deliveries
           where source = $source and sha256 = $sha""",
        {"source": source, "sha": sha},
    ).fetchone()
    return _Known(*row) if row else None


def _again(contract: Contract, path: Path, known: _Known) -> DeliveryOutcome:
    """A file identical to one registered before: a no-op that says what happened to it then."""
    if known.status == "accepted":
        return DeliveryOutcome(contract.source, path, "unchanged", delivery_id=known.delivery_id)
    same = "" if known.file_name == path.name else f" als {known.file_name}"
    head = (
        f"{path.name}: eerder afgewezen op {known.received_at:%Y-%m-%d}{same} "
        f"(zelfde inhoud, sha256); niets gedaan en niet geladen. De redenen van toen:"
    )
    earlier = [f"  {r}" for r in (known.reasons or "").splitlines()]
    advice = (
        "Lever een gecorrigeerd bestand aan; dezelfde inhoud onder een andere naam blijft "
        "afgewezen."
    )
    return DeliveryOutcome(
        contract.source,
        path,
        "rejected_before",
        delivery_id=known.delivery_id,
        reasons=[head, *earlier, advice],
    )


def load_delivery(
    conn: duckdb.DuckDBPyConnection, contract: Contract, path: Path, *, run_id: str | None = None
) -> DeliveryOutcome:
    """Validate one delivery and load it whole, or quarantine it whole; a known file is a no-op."""
    return load_deliveries(conn, contract, [path], run_id=run_id)[0]


def load_deliveries(
    conn: duckdb.DuckDBPyConnection,
    contract: Contract,
    files: list[Path],
    *,
    run_id: str | None = None,
) -> list[DeliveryOutcome]:
    """`load_delivery` for several files of one source, in the given order, validated in one pass.

    Each file is still accepted or rejected on its own and committed in its own transaction.
    """
    remove_unregistered_quarantine(conn, contract.source)
    outcomes: list[DeliveryOutcome | None] = [None] * len(files)
    new: list[tuple[int, str]] = []
    later: list[tuple[int, str]] = []
    seen: set[str] = set()
    for i, path in enumerate(files):
        if path.is_symlink():
            # checked again right before the first read: a file may have been swapped since the scan
            outcomes[i] = DeliveryOutcome(
                contract.source,
                path,
                "refused",
                reasons=[
                    Refused(
                        contract.source,
                        f"{contract.source}/{path.name}",
                        "het is een symbolische koppeling (symlink); de "
                        "landingsmap is een grens en koppelingen worden niet gevolgd.",
                    ).message
                ],
            )
            continue
        sha = sha256_of(path)
        known = _known(conn, contract.source, sha)
        if known is not None:
            outcomes[i] = _again(contract, path, known)
        elif sha in seen:
            later.append(
                (i, sha)
            )  # the same content twice in one scan: judged once, then like a re-send
        else:
            new.append((i, sha))
            seen.add(sha)
    # stored as each batch is validated: memory stays bounded by a batch, not by the whole scan
    results = iter_validated(contract, [files[i] for i, _ in new])
    with _checkpoints_every(conn, CHECKPOINT_THRESHOLD if new else None):
        for (i, sha), result in zip(new, results, strict=True):
            outcomes[i] = _store(conn, contract, files[i], sha, result, run_id)
            result.data = None  # stored; the frame is not needed any more
    for i, sha in later:
        outcomes[i] = _again(contract, files[i], _known(conn, contract.source, sha))  # type: ignore[arg-type]
    return [o for o in outcomes if o is not None]


# While a scan's deliveries are stored, DuckDB writes its log to the database file (a checkpoint)
# once it holds this much instead of its default 16 MB: a first load of years of monthly files then
# checkpoints a few times, not after every few files. Each file is still committed on its own and
# durable in the log; memory stays bounded by DuckDB's memory limit.
CHECKPOINT_THRESHOLD = "256MB"


@contextlib.contextmanager
def _checkpoints_every(conn: duckdb.DuckDBPyConnection, threshold: str | None) -> Iterator[None]:
    if threshold is None:
        yield
        return
    (before,) = conn.execute("select current_setting('checkpoint_threshold')").fetchone()
    conn.execute(f"set checkpoint_threshold = '{threshold}'")
    try:
        yield
    finally:
        conn.execute(f"set checkpoint_threshold = '{before}'")


def _store(
    conn: duckdb.DuckDBPyConnection,
    contract: Contract,
    path: Path,
    sha: str,
    result: ValidationResult,
    run_id: str | None,
) -> DeliveryOutcome:
    received = datetime.now(UTC).replace(tzinfo=None)
    notes: list[str] = []
    if result.accepted:
        against_history = history_findings(conn, contract, path, result, received.date())
        result.add(against_history.findings, against_history.counts)
        notes = [f.message for f in result.findings if f.kind in ("plausibility", "order")]
    delivery_id = conn.execute("select nextval('meta.delivery_id_seq')").fetchone()[0]
    findings = _findings_frame(delivery_id, contract.source, result)
    base = {
        "delivery_id": delivery_id,
        "source": contract.source,
        "file_name": path.name,
        "file_path": str(path),
        "sha256": sha,
        "size_bytes": path.stat().st_size,
        "received": received,
        "contract_version": contract.version,
        "run_id": run_id,
        "warnings": result.occurrences(result.warnings),
    }
    insert_register = (
        """
        insert into meta.deliveries values (
            $delivery_id, $source, $file_name, $file_path, $sha256, $size_bytes, $received, $status,
            $rows, $periods, $contract_version, $errors, $warnings, $reasons,"""
        """ $quarantine_path, $run_id)
    """
    )
    if result.accepted:
        data: pl.DataFrame = result.data  # type: ignore[assignment]
        with transaction(conn):
            conn.execute(
                insert_register,
                {
                    **base,
                    "status": "accepted",
                    "rows": data.height,
                    "errors": 0,
                    "reasons": None,
                    "periods": periods_of(contract, data),
                    "quarantine_path": None,
                },
            )
            for start in range(0, data.height, INSERT_ROWS):
                _insert_frame(
                    conn,
                    contract.raw_table,
                    data.slice(start, INSERT_ROWS).with_columns(
                        pl.lit(delivery_id, pl.Int64).alias("_delivery_id"),
                        pl.int_range(start + 1, start + pl.len() + 1, dtype=pl.Int32).alias(
                            "_row_number"
                        ),
                        period_expr(contract).alias("_periode"),
                    ),
                )
            breekpunt.punt("inlezen.in_transactie")
            _insert_frame(conn, "meta.delivery_findings", findings)
            plausibility.remember(conn, contract, delivery_id)
        return DeliveryOutcome(
            contract.source,
            path,
            "accepted",
            delivery_id,
            data.height,
            result.warnings,
            result.counts,
            reasons=notes,
        )

    target = _quarantine(contract.source, delivery_id, path, result)
    breekpunt.punt("inlezen.na_quarantaine")
    with transaction(conn):
        conn.execute(
            insert_register,
            {
                **base,
                "status": "rejected",
                "rows": 0,
                "periods": claimed_periods(contract, path),
                "errors": result.occurrences(result.errors),
                "reasons": "\n".join(result.reason_lines("error")),
                "quarantine_path": str(target),
            },
        )
        _insert_frame(conn, "meta.delivery_findings", findings)
    return DeliveryOutcome(
        contract.source,
        path,
        "rejected",
        delivery_id,
        0,
        result.findings,
        result.counts,
        target,
        result.reason_lines("error"),
    )


@contextlib.contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[None]:
    conn.execute("begin transaction")
    try:
        yield
    except BaseException:
        conn.execute("rollback")
        raise
    conn.execute("commit")


# An accepted delivery goes into raw this many rows at a time (one transaction still): the columns
# added for raw exist for one slice at a time, not for the whole delivery.
INSERT_ROWS = 1_000_000


def _insert_frame(conn: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Append a frame by column name; `table` comes from code constants, never from data."""
    if frame.is_empty():
        return
    cols = ", ".join(f'"{c}"' for c in frame.columns)
    # Arrow string views: DuckDB reads Polars' own buffers, no copy of the text columns. The frame
    # is named for this one statement: a view registered on the connection would stay referenced,
    # with its buffers, until the transaction ends (a slice of a large delivery each).
    conn.from_arrow(frame.to_arrow(compat_level=pl.CompatLevel.newest())).query(
        "incoming_frame", f"insert into {table} ({cols}) select {cols} from incoming_frame"
    )


def rejected_in_run(conn: duckdb.DuckDBPyConnection, source: str, run_id: str) -> pl.DataFrame:
    return conn.sql(
        """select file_name, error_count, reasons, quarantine_path from meta.deliveries
           where source = $source and run_id = $run_id and status = 'rejected'"""
        """ order by delivery_id""",
        params={"source": source, "run_id": run_id},
    ).pl()
