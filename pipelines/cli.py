"""`ketenmonitor`: run, validate, inspect and publish from the command line.

    ketenmonitor run [--maand JJJJ-MM]          the monthly job in process, with readable progress
    ketenmonitor backfill --van JJJJ-MM --tot JJJJ-MM
    ketenmonitor valideer <bestand> [--bron BRON]
    ketenmonitor status
    ketenmonitor datadictionary [--check]
    ketenmonitor export (--csv MAP | --xlsx MAP)

Runs use the Dagster instance in DAGSTER_HOME (default: .dagster_home in the project, with
telemetry off), so they show up in the UI like scheduled runs. Dagster and Great Expectations
are imported only by the commands that need them.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

import dotenv

from pipelines.lib import argparse_nl, paths

if TYPE_CHECKING:
    import dagster as dg

MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
JOB_NAME = "maandelijkse_run"
WAREHOUSE_TAG = ("ketenmonitor/warehouse", "schrijver")  # = pipelines.defs.ops.jobs.WAREHOUSE_TAG
# A new DAGSTER_HOME: no telemetry, and at most one run at a time that writes the warehouse (DuckDB
# allows one writer process): the daemon queues scheduled, sensor and backfill runs behind each
# other and behind a CLI run, which carries the same tag.
DAGSTER_YAML = f"""telemetry:
  enabled: false
concurrency:
  runs:
    tag_concurrency_limits:
      - key: {WAREHOUSE_TAG[0]}
        limit: 1
"""


def _out(text: str = "") -> None:
    print(text, flush=True)


def _month(value: str) -> str:
    if not MONTH_RE.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is geen maand in de vorm JJJJ-MM")
    return value


def _prepare_environment() -> None:
    """DAGSTER_HOME inside the project unless set; no telemetry; quiet library warnings."""
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    if not os.environ.get("DAGSTER_HOME"):
        os.environ["DAGSTER_HOME"] = str(paths.PROJECT_ROOT / ".dagster_home")
    home = Path(os.environ["DAGSTER_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        (home / "dagster.yaml").write_text(DAGSTER_YAML, encoding="utf-8")
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    import dagster as dg

    for category in (dg.BetaWarning, dg.PreviewWarning, dg.SupersessionWarning):
        warnings.filterwarnings("ignore", category=category)


# ------------------------------------------------------------------------- which month


def _open_register() -> Any:
    """A read-only connection to the internal warehouse,
    or None when it is missing or held by a writer."""
    import duckdb

    if not paths.warehouse_db().exists():
        return None
    try:
        return duckdb.connect(str(paths.warehouse_db()), read_only=True)
    except duckdb.Error:
        return None


def reportable_month(tot: date) -> tuple[date | None, list[Any]]:
    """The latest month up to `tot` that every monthly source covers with accepted deliveries, and
    the later, partly covered months (editions with their missing sources)."""
    from pipelines.lib import editie

    conn = _open_register()
    if conn is None:
        return None, []
    try:
        return editie.laatste_volledige_maand(conn, tot)
    finally:
        conn.close()


# ------------------------------------------------------------------------- running


def load_definitions() -> dg.Definitions:
    from pipelines.definitions import defs

    return defs()


FAILED = "mislukt"  # a step that failed; the same word as a blocking check that failed (check_word)


@dataclass
class StepReport:
    key: str
    status: str = "bezig"
    duration_ms: float | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    checks: dict[str, tuple[bool, str]] = field(default_factory=dict)  # check -> (passed, severity)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class RunOutcome:
    run_id: str
    partition: str | None
    success: bool
    steps: dict[str, StepReport]
    started: float
    seconds: float


def _metadata_value(value: Any) -> Any:
    return getattr(value, "value", value)


class ProgressPrinter:
    """Follows a run's event log from a second thread and prints one readable line per step."""

    def __init__(
        self, instance: dg.DagsterInstance, run_id: str, emit: Callable[[str], None] = _out
    ) -> None:
        self.instance = instance
        self.run_id = run_id
        self.emit = emit
        self.steps: dict[str, StepReport] = {}
        self.total: int | None = None
        self.done = 0
        # the step-name column; widened to the longest step of the run once the plan is known
        self.width = 48
        self._cursor: str | None = None
        self.last_error: Exception | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._loop, name="ketenmonitor-progress", daemon=True
        )

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.poll()  # whatever arrived after the last tick

    def _loop(self) -> None:
        while not self._stop.wait(0.25):
            try:
                self.poll()
            except Exception as exc:  # noqa: BLE001  progress only; the final poll in __exit__ is unguarded
                self.last_error = exc

    def _step(self, key: str) -> StepReport:
        return self.steps.setdefault(key, StepReport(key))

    def _count_steps(self) -> None:
        if self.total is not None:
            return
        run = self.instance.get_run_by_id(self.run_id)
        if run is not None and run.execution_plan_snapshot_id:
            plan = self.instance.get_execution_plan_snapshot(run.execution_plan_snapshot_id)
            self.total = len(plan.step_keys_to_execute)
            self.width = max((len(k) for k in plan.step_keys_to_execute), default=self.width)

    def poll(self) -> None:
        import dagster as dg

        self._count_steps()
        while True:
            conn = self.instance.get_records_for_run(self.run_id, cursor=self._cursor, limit=500)
            self._cursor = conn.cursor
            for record in conn.records:
                self._handle(record.event_log_entry, dg)
            if not conn.has_more:
                break

    def _handle(self, entry: Any, dg: Any) -> None:
        event = entry.dagster_event
        if event is None:
            if entry.step_key and "Not executing" in entry.user_message:
                step = self._step(
                    entry.step_key
                )  # Dagster's way of saying: skipped, upstream failed
                if step.status == "bezig":
                    step.status = "overgeslagen"
                    self._line(step)
            elif entry.level >= logging.WARNING and entry.step_key:
                self._step(entry.step_key).warnings.append(entry.user_message)
                self.emit(f"        ! {entry.user_message.splitlines()[0]}")
            return
        kind = event.event_type
        step = self._step(event.step_key) if event.step_key else None
        if kind == dg.DagsterEventType.ASSET_MATERIALIZATION and step:
            mat = event.event_specific_data.materialization
            step.metadata.update({k: _metadata_value(v) for k, v in mat.metadata.items()})
        elif kind == dg.DagsterEventType.ASSET_CHECK_EVALUATION and step:
            ev = event.event_specific_data
            step.checks[f"{ev.asset_key.to_user_string()}:{ev.check_name}"] = (
                ev.passed,
                ev.severity.value,
            )
        elif kind == dg.DagsterEventType.STEP_SUCCESS and step:
            step.status = "ok"
            step.duration_ms = event.event_specific_data.duration_ms
            self._line(step)
        elif kind == dg.DagsterEventType.STEP_FAILURE and step:
            step.status = FAILED
            from pipelines.defs.ops.sensors import _root_error

            step.error = _root_error(event.step_failure_data.error)
            self._line(step)
        elif kind == dg.DagsterEventType.STEP_SKIPPED and step and step.status == "bezig":
            step.status = "overgeslagen"
            self._line(step)
        elif kind == dg.DagsterEventType.RUN_FAILURE:
            self.emit(f"  run mislukt: {entry.message}")

    def _line(self, step: StepReport) -> None:
        self.done += 1
        counter = f"[{self.done:>2}/{self.total}]" if self.total else f"[{self.done:>2}]"
        secs = f"{step.duration_ms / 1000:5.1f} s" if step.duration_ms is not None else "       "
        detail = (
            "voorgaande stap mislukt of geblokkeerd"
            if step.status == "overgeslagen"
            else _step_detail(step)
        )
        self.emit(
            f"  {counter} {step.status:<12} {step.key:<{self.width}} {secs}  {detail}".rstrip()
        )
        if step.error:
            self.emit(f"        fout: {step.error.splitlines()[0] if step.error else ''}")


DELIVERIES_CHECK = (
    "leveringen"  # the non-blocking check that fails when a delivery of the run was rejected
)


def check_word(check: str, passed: bool, severity: str) -> str:
    """One word per state, on the step lines and in the summary table alike: `geslaagd`; `afgewezen`
    when the deliveries check saw a rejected delivery; `mislukt` for a blocking (error) check that
    failed, as for a failed step; `waarschuwing` for a warning-severity check that failed."""
    if passed:
        return "geslaagd"
    if check == DELIVERIES_CHECK:
        return "afgewezen"
    return "mislukt" if severity == "ERROR" else "waarschuwing"


def _step_detail(step: StepReport) -> str:
    from pipelines.lib.formatting import aantal

    md = step.metadata
    parts = []
    if "bestanden" in md:
        parts.append(
            f"{aantal(md['bestanden'], 'bestand', 'bestanden')}, {md.get('geaccepteerd', 0)} nieuw "
            f"({aantal(md.get('rijen_geladen', 0), 'rij', 'rijen')}), {md.get('afgewezen', 0)} "
            f"afgewezen, {md.get('ongewijzigd', 0)} ongewijzigd"
        )
    elif "rijen" in md:
        parts.append(aantal(md["rijen"], "rij", "rijen"))
    for name, (passed, severity) in step.checks.items():
        label = name.split(":", 1)[1]
        parts.append(f"check {label}: {check_word(label, passed, severity)}")
    return "; ".join(str(p) for p in parts)


def execute_partition(
    definitions: dg.Definitions,
    instance: dg.DagsterInstance,
    partition: str | None,
    job_name: str = JOB_NAME,
    emit: Callable[[str], None] = _out,
) -> RunOutcome:
    """Run the job in this process, for one reporting month (None: `inlezen`, which is not
    partitioned), printing a line per step."""
    job = definitions.resolve_job_def(job_name)
    run_id = str(uuid.uuid4())
    started = time.time()
    emit(
        f"Run {run_id} ({job_name}, partitie {partition[:7]})"
        if partition
        else f"Run {run_id} ({job_name})"
    )
    with ProgressPrinter(instance, run_id, emit) as progress:
        result = job.execute_in_process(
            partition_key=partition,
            instance=instance,
            run_id=run_id,
            raise_on_error=False,
            tags={"ketenmonitor/aanleiding": "cli"},
            run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}},
        )
    return RunOutcome(
        run_id, partition, result.success, progress.steps, started, time.time() - started
    )


def _partition_keys() -> list[str]:
    from pipelines.defs.shared import MONTHLY

    return MONTHLY.get_partition_keys()


def _sources_summary(outcome: RunOutcome, emit: Callable[[str], None] = _out) -> None:
    from pipelines.lib.contracts import SOURCES

    emit("")
    emit("Bronnen (deze run)")
    rows = []
    for source in SOURCES:
        step = outcome.steps.get(f"raw_{source}")
        md = step.metadata if step else {}
        checks: dict[str, str] = {}
        for s in outcome.steps.values():
            for name, (passed, severity) in s.checks.items():
                if name.startswith(f"raw_{source}:"):
                    label = name.split(":", 1)[1]
                    checks[label] = check_word(label, passed, severity)
        rows.append(
            [
                source,
                *(
                    md.get(k, "-")
                    for k in (
                        "bestanden",
                        "geaccepteerd",
                        "rijen_geladen",
                        "ongewijzigd",
                        "afgewezen",
                    )
                ),
                checks.get("contract", "-"),
                checks.get(DELIVERIES_CHECK, "-"),
            ]
        )
    for line in _table(
        [
            "bron",
            "bestanden",
            "nieuw",
            "rijen",
            "ongewijzigd",
            "afgewezen",
            "contract",
            "leveringen",
        ],
        rows,
        numeric=range(1, 6),
    ):
        emit(line)
    quarantined = _rejected_in_run(outcome.run_id)
    if quarantined:
        emit("")
        emit("In quarantaine (niet geladen; de rest van de run ging door):")
        for source, file_name, quarantine_path, reasons in quarantined:
            emit(f"  - {source}/{file_name} -> {_in_warehouse(quarantine_path)}")
            for reason in (reasons or "").splitlines()[:5]:
                emit(f"      {reason}")


def _in_warehouse(path: str | None) -> str:
    """A path under the warehouse folder as `warehouse/...`-relative text
    (no machine paths in output)."""
    if not path:
        return "-"
    try:
        return str(Path(path).relative_to(paths.warehouse_dir().parent))
    except ValueError:
        return Path(path).name


def _rejected_in_run(run_id: str) -> list[tuple[str, str, str, str]]:
    import duckdb

    if not paths.warehouse_db().exists():
        return []
    try:
        conn = duckdb.connect(str(paths.warehouse_db()), read_only=True)
    except duckdb.Error:
        return []
    try:
        return conn.execute(
            "select source, file_name, quarantine_path, reasons from meta.deliveries "
            "where run_id = $run_id and status = 'rejected' order by delivery_id",
            {"run_id": run_id},
        ).fetchall()
    except duckdb.Error:
        return []
    finally:
        conn.close()


def _report_failure(instance: dg.DagsterInstance, run_id: str) -> None:
    from pipelines.defs.ops.sensors import alert_for_run
    from pipelines.lib import alerts

    run = instance.get_run_by_id(run_id)
    if run is None:
        return
    outcome = alerts.notify(alert_for_run(instance, run))
    mail = (
        "e-mail verstuurd"
        if outcome.mailed
        else (
            f"e-mail mislukt: {outcome.mail_error}"
            if outcome.mail_error
            else "geen e-mail (SMTP niet ingesteld)"
        )
    )
    _out(f"Alert: {outcome.text_file} ({mail})")


def _edition_lines(outcome: RunOutcome) -> list[str]:
    step = outcome.steps.get("published_snapshot")
    md = step.metadata if step else {}
    ed = outcome.steps.get("editie")
    lines = []
    if md:
        lines.append(f"Editie {md.get('editie')} ({md.get('status')}): {md.get('toelichting')}.")
    if ed and ed.metadata.get("ontbrekend") not in (None, "geen"):
        lines.append(f"  Onvolledig; ontbreekt: {ed.metadata['ontbrekend']}")
    return lines


def _edition_files(month: str) -> list[tuple[str, Path]]:
    """What readers of the month's edition open: the PDFs and HTML twins, the month's snapshot
    and Parquet, and current."""
    from pipelines.lib import archief

    out: list[tuple[str, Path]] = []
    reports = archief.rapportmap_uitvoer(month)
    if reports.is_dir():
        for suffix in ("pdf", "html", "xlsx"):
            out += [(suffix, f) for f in sorted(reports.glob(f"*.{suffix}"))]
    out.append(("editie", archief.maandmap(month)))
    current = archief.huidige_maand()
    out.append(("actueel", paths.published_db()))
    out.append(("parquet", paths.published_dir() / "parquet"))
    if current != month:
        out.append(("let op", Path(f"actueel blijft {current}: een nieuwere maand")))
    return out


def _run_failed(instance: dg.DagsterInstance, outcome: RunOutcome) -> int:
    failed = [s.key for s in outcome.steps.values() if s.status == FAILED]
    _out(
        f"Run {outcome.run_id} mislukt na {outcome.seconds:.1f} s; "
        f"{'mislukte stap' if len(failed) == 1 else 'mislukte stappen'}: {', '.join(failed) or '-'}"
    )
    if "editie" in failed:
        _out("Er is niets gepubliceerd; de vorige editie blijft actueel.")
    _report_failure(instance, outcome.run_id)
    return 1


def _as_writer(what: str, body: Callable[[dg.DagsterInstance], int]) -> int:
    """Run `body` holding the writer lock (waiting for another writer, at most the setting), after
    marking runs whose process died as failed; a busy or foreign-held warehouse is
    a clear refusal."""
    import dagster as dg

    from pipelines.defs.ops.afgebroken import herstel_afgebroken_runs
    from pipelines.lib import schrijver, warehouse

    try:
        with schrijver.schrijver(what, emit=_out), dg.DagsterInstance.get() as instance:
            with (
                warehouse.connect()
            ):  # someone else holding the DuckDB file: say so before any run starts
                pass
            for alert in herstel_afgebroken_runs(instance, emit=_out):
                _out(f"  (alert gestuurd voor de afgebroken run {alert.run_id})")
            return body(instance)
    except (schrijver.WarehouseBezet, warehouse.WarehouseInGebruik) as exc:
        _out(str(exc))
        return 3


def cmd_run(args: argparse.Namespace) -> int:
    _prepare_environment()
    from pipelines.lib import editie

    last = date.fromisoformat(_partition_keys()[-1])
    if args.maand:  # refused before anything waits or opens
        month = date.fromisoformat(args.maand + "-01")
        if (refusal := editie.controleer_maand(month, last)) is not None:
            _out(refusal)
            return 2
    return _as_writer(
        f"ketenmonitor run{' --maand ' + args.maand if args.maand else ''}",
        lambda instance: _run(args, instance, last),
    )


def _run(args: argparse.Namespace, instance: dg.DagsterInstance, last: date) -> int:
    from pipelines.lib import editie, warehouse
    from pipelines.lib.formatting import aantal

    _out(f"Ketenmonitor: maandelijkse run   landing: {paths.landing_dir()}")
    _out(f"  warehouse: {paths.warehouse_db()}")
    definitions: dg.Definitions | None = (
        None  # loaded (with Great Expectations) only when work is due
    )
    ingested = False
    try:  # read once per run: unregistered files (to ingest) and refused ones (reported every run)
        new, refused = warehouse.landing_waiting()
        readable = True
    except OSError:  # an unreadable landing folder: the run's ingest step reports why
        new, refused, readable = [], [], False
    if args.maand:
        month, why = date.fromisoformat(args.maand + "-01"), "opgegeven"
    else:
        if new or _cbs_fetch_due():
            _out(
                "Eerst inlezen en controleren: "
                f"{aantal(len(new), 'nieuw bestand', 'nieuwe bestanden')} in de landingsmap."
            )
            _out("")
            definitions = load_definitions()  # against the instance _as_writer entered
            outcome = execute_partition(definitions, instance, None, job_name="inlezen")
            _sources_summary(outcome)
            _out("")
            if not outcome.success:
                return _run_failed(instance, outcome)
            ingested = True
        found, later = reportable_month(last)
        for ed in later:
            _out(
                f"Maand {ed.maand:%Y-%m} is nog niet compleet; ontbreekt: "
                f"{editie.ontbrekend_tekst(ed)}"
            )
        if found is None:
            _out(
                "Geen rapporteerbare maand: geen maand waarvoor elke maandbron geaccepteerde "
                "gegevens heeft. Er is niets gepubliceerd. Lever de maandgegevens aan in de "
                "landingsmap en draai opnieuw, of kies een maand met --maand JJJJ-MM."
            )
            return 1
        month, why = found, "de laatste maand die elke maandbron dekt"
    partition = month.isoformat()
    _out(f"Verslagmaand {month:%Y-%m} ({why})")
    _out("")
    nothing_waiting = readable and not new and not refused and not _cbs_fetch_due()
    if nothing_waiting and (known := _already_published(month)) is not None:
        _out(
            "Niets nieuw: geen nieuwe levering en dezelfde code, dus geen run gestart; "
            f"editie {known} was al gepubliceerd; niets veranderd."
        )
        for label, path in _edition_files(partition[:7]):
            _out(f"  {label:<10} {path}")
        return 0
    outcome = execute_partition(definitions or load_definitions(), instance, partition)
    if not ingested:
        _sources_summary(outcome)
    _out("")
    if not outcome.success:
        return _run_failed(instance, outcome)
    for line in _edition_lines(outcome):
        _out(line)
    _out(f"Run {outcome.run_id} geslaagd in {outcome.seconds:.1f} s. Te lezen:")
    for label, path in _edition_files(partition[:7]):
        _out(f"  {label:<10} {path}")
    return 0


def _cbs_fetch_due() -> bool:
    return bool(os.environ.get("KETENMONITOR_CBS_ODATA_URL", "").strip())


def _already_published(month: date) -> str | None:
    """The edition id when `month`'s edition, as the register and the code are now, is published and
    visible as that month's edition (and as current when it is the newest month): then a run would
    change nothing."""
    from pipelines.lib import archief, editie, warehouse

    if not paths.warehouse_db().is_file():
        return None
    with warehouse.connect(read_only=True) as conn:
        ed = editie.bepaal(conn, month)
    maand = f"{month:%Y-%m}"
    if not archief.is_gepubliceerd(ed.id) or archief.maand_editie(maand) != ed.id:
        return None
    current = archief.huidige_maand()
    if current is None or current < maand or not paths.published_db().is_file():
        return None
    reports = archief.rapportmap_uitvoer(maand)
    if not reports.is_dir() or not all(any(reports.glob(f"*.{s}")) for s in ("pdf", "xlsx")):
        return None  # readers could not find the PDFs or the workbooks
    return ed.id


def cmd_backfill(args: argparse.Namespace) -> int:
    _prepare_environment()
    if args.van > args.tot:
        _out("--van ligt na --tot")
        return 2
    keys = [k for k in _partition_keys() if args.van <= k[:7] <= args.tot]
    if not keys:
        _out(f"Geen partities tussen {args.van} en {args.tot}.")
        return 2
    if args.job == JOB_NAME:
        _out(
            f"Backfill {keys[0][:7]} .. {keys[-1][:7]}: {len(keys)} maanden, job {args.job}, "
            "na elkaar in dit proces"
        )
    else:
        _out(
            f"Backfill {keys[0][:7]} .. {keys[-1][:7]}, job {args.job}: inlezen geldt alle maanden "
            "tegelijk, dus één run"
        )
    results: list[RunOutcome] = []

    def months(instance: dg.DagsterInstance) -> int:
        definitions = load_definitions()
        for key in keys if args.job == JOB_NAME else [None]:  # inlezen covers all months at once
            _out("")
            outcome = execute_partition(definitions, instance, key, job_name=args.job)
            results.append(outcome)
            if not outcome.success:
                _report_failure(instance, outcome.run_id)
        return 0

    if (refused := _as_writer(f"ketenmonitor backfill {args.van} .. {args.tot}", months)) != 0:
        return refused
    _out("")
    _out("Backfill samengevat:")
    for r in results:
        published = r.steps.get("published_snapshot")
        md = published.metadata if published else {}
        edition = (
            f"  editie {md['editie']} ({md.get('status')}, {md.get('publicatie')})"
            if "editie" in md
            else ""
        )
        _out(
            f"  {(r.partition or 'alles')[:7]:7}  {'geslaagd' if r.success else 'mislukt '}  run "
            f"{r.run_id}  {r.seconds:.1f} s{edition}"
        )
    from pipelines.lib import archief

    if args.job == JOB_NAME and archief.huidige_maand():
        _out(f"Actueel: {archief.huidige_maand()} ({paths.published_db()})")
    return 0 if all(r.success for r in results) else 1


# ------------------------------------------------------------------------- validate


def _history_note(contract: Any, path: Path, result: Any) -> str:
    """Add the warnings against the source's history (plausibility, definitive periods, older
    deliveries), read from the internal warehouse when no run holds it; returns a note when not."""
    import duckdb

    from pipelines.lib import warehouse
    from pipelines.lib.validation import arrival_today

    if not result.accepted:
        return ""
    if not paths.warehouse_db().exists():
        return "nog geen warehouse: niet vergeleken met eerdere leveringen"
    try:
        with warehouse.connect(read_only=True) as conn:
            found = warehouse.history_findings(conn, contract, path, result, arrival_today())
    except duckdb.IOException:
        return "het warehouse is in gebruik door een run: niet vergeleken met eerdere leveringen"
    except duckdb.CatalogException:  # a warehouse of an older version, not yet opened by a run
        return (
            "het warehouse is van een oudere versie: niet vergeleken met eerdere leveringen "
            "(draai eerst een run)"
        )
    result.add(found.findings, found.counts)
    return ""


def cmd_valideer(args: argparse.Namespace) -> int:
    from pipelines.lib.contracts import SOURCES, load_contract
    from pipelines.lib.validation import validate_delivery

    given = Path(args.bestand).expanduser()
    if given.is_symlink():
        # the pipeline never follows a link in the landing folder; valideer says the same
        from pipelines.lib.warehouse import Refused

        source = args.bron or given.parent.name
        _out(
            Refused(
                source,
                f"{source}/{given.name}",
                "het is een symbolische koppeling (symlink); de "
                "landingsmap is een grens en koppelingen worden niet gevolgd.",
            ).message
        )
        return 1
    path = given.resolve()
    if not path.is_file():
        _out(f"Bestand niet gevonden: {path}")
        return 2
    source = args.bron or path.parent.name
    if source not in SOURCES:
        _out(
            f"Kan de bron niet afleiden uit de map {path.parent.name!r}; geef --bron, een van: "
            f"{', '.join(SOURCES)}"
        )
        return 2
    contract = load_contract(source)
    result = validate_delivery(contract, path)
    history = _history_note(contract, path, result)
    _out(f"{source} (contract v{contract.version}): {result.summary()}")
    for line in result.reason_lines("error") + result.reason_lines("warning"):
        _out(f"  - {line}")
    if history:
        _out(f"  ({history})")
    if not result.accepted:
        _out("Deze levering zou worden AFGEWEZEN: niets geladen, bestand in quarantaine.")
        return 1
    _out("Deze levering zou worden geaccepteerd.")
    return 0


# ------------------------------------------------------------------------- status


def _age(ts: datetime | None) -> str:
    from pipelines.lib.formatting import aantal

    if ts is None:
        return "-"
    days = (datetime.now(UTC).replace(tzinfo=None) - ts).days
    return (
        f"{ts:%Y-%m-%d %H:%M} "
        f"({'vandaag' if days <= 0 else aantal(days, 'dag', 'dagen') + ' geleden'})"
    )


MAX_CELL = 60  # a longer value (a file name) is cut with … so a row stays readable


def _cell(value: Any) -> str:
    text = "-" if value is None or value == "" else str(value)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    indent: str = "  ",
    numeric: Sequence[int] = (),
) -> list[str]:
    """Columns as wide as their widest value (tabulate), two spaces apart; numbers right-aligned."""
    import tabulate as tabulate_module
    from tabulate import tabulate

    tabulate_module.MIN_PADDING = 0  # the header is as wide as its text, not two more
    align = ["right" if i in numeric else "left" for i in range(len(headers))]
    text = tabulate(
        [[_cell(v) for v in row] for row in rows],
        headers=list(headers),
        tablefmt="plain",
        colalign=align,
        disable_numparse=True,
    )
    return [indent + line.rstrip() for line in text.splitlines()]


@dataclass(frozen=True)
class StatusBronnen:
    frame: Any  # rapportage.datakwaliteit, one row per source
    origin: str  # where it was read
    month: date | None  # the reporting month staleness is judged against
    why: str
    later: list[Any] = field(default_factory=list)  # later, partly covered months (editions)


def _status_month(conn: Any) -> tuple[date, str, list[Any]]:
    """The month status judges staleness against, as `run` would choose it: the latest month every
    monthly source covers; else the current edition's month; else the last complete month."""
    from pipelines.lib import archief, editie

    last = date.fromisoformat(_partition_keys()[-1])
    found, later = editie.laatste_volledige_maand(conn, last)
    if found is not None:
        return found, "de laatste maand die elke maandbron dekt", later
    if (current := archief.huidige_maand()) is not None:
        return date.fromisoformat(current + "-01"), "de maand van de actuele editie", later
    return last, "de laatste afgesloten maand", later


def _status_frame() -> StatusBronnen:
    """datakwaliteit per source over the whole register, judged against the reporting month a run
    would take (the same coverage rules as the reports and the snapshot); from the internal
    warehouse (read-only), else from the current snapshot (its edition's month)."""
    import duckdb

    from pipelines.lib import editie, publish

    checks = _check_status()
    conn = _open_register()
    if conn is not None:
        try:
            month, why, later = _status_month(conn)
            ed = editie.bepaal(conn, month)
            frame = publish.datakwaliteit(conn, ed, checks, hele_register=True)
        except duckdb.CatalogException:  # a warehouse without a register yet
            frame = None
        finally:
            conn.close()
        if frame is not None:
            return StatusBronnen(frame, "intern warehouse (alleen-lezen)", month, why, later)
    if paths.published_db().exists():
        with publish.connect_snapshot() as conn:
            frame = conn.sql("select * from rapportage.datakwaliteit").pl()
            month = conn.execute("select partitie from rapportage.publicatie").fetchone()[0]
        return StatusBronnen(
            frame,
            "gepubliceerde snapshot (het interne warehouse is bezet of ontbreekt)",
            month,
            "de maand van de actuele editie",
        )
    return StatusBronnen(None, "geen warehouse en geen snapshot: nog nooit gedraaid", None, "")


def _actualiteit(row: dict[str, Any]) -> str:
    from pipelines.lib import editie
    from pipelines.lib.formatting import aantal

    word = editie.actualiteit(bool(row["actueel"]))
    behind = row["maanden_achter"]
    if not row["actueel"] and behind:
        return f"{word} ({aantal(behind, 'maand', 'maanden')} achter)"
    return word


def _status_sources(bronnen: StatusBronnen) -> list[str]:
    from pipelines.lib import editie
    from pipelines.lib.formatting import aantal

    lines = [f"Bronnen (uit {bronnen.origin}):"]
    if bronnen.frame is None:
        return lines
    lines[0] = (
        f"Bronnen (uit {bronnen.origin}); actualiteit ten opzichte van {bronnen.month:%Y-%m}, "
        f"{bronnen.why}:"
    )
    rows = []
    for row in bronnen.frame.iter_rows(named=True):
        quarantine = aantal(row["leveringen_afgewezen"], "afgewezen", "afgewezen")
        if row["openstaande_afwijzingen"]:
            quarantine += (
                f", {row['openstaande_afwijzingen']} open (laatste: {row['laatste_afwijzing']})"
            )
        rows.append(
            [
                row["bron"],
                row["laatste_levering"],
                _age(row["laatste_levering_ontvangen"]),
                row["laatste_periode"],
                _actualiteit(row),
                row["contractcheck"],
                quarantine,
            ]
        )
    lines += _table(
        [
            "bron",
            "laatste levering",
            "ontvangen",
            "periode",
            "actualiteit",
            "contract",
            "quarantaine",
        ],
        rows,
    )
    for ed in bronnen.later:
        lines.append(
            f"Maand {ed.maand:%Y-%m} is nog niet compleet; ontbreekt: {editie.ontbrekend_tekst(ed)}"
        )
    return lines


def _check_status() -> dict[str, str]:
    import dagster as dg

    from pipelines.defs.shared import contract_check_status

    try:
        return contract_check_status(dg.DagsterInstance.get())
    except Exception:  # noqa: BLE001  no usable instance: the checks are simply unknown
        return {}


RUN_STATUS = {
    "SUCCESS": "geslaagd",
    "FAILURE": "mislukt",
    "STARTED": "bezig",
    "STARTING": "start",
    "QUEUED": "in de wachtrij",
    "NOT_STARTED": "niet gestart",
    "CANCELING": "wordt geannuleerd",
    "CANCELED": "geannuleerd",
    "MANAGED": "extern beheerd",
}


def cmd_status(args: argparse.Namespace) -> int:
    _prepare_environment()
    import dagster as dg

    from pipelines.lib.formatting import aantal

    bronnen = _status_frame()
    _out(f"Ketenmonitor status   landing: {paths.landing_dir()}")
    for line in _status_sources(bronnen):
        _out(line)
    from pipelines.defs.ops.afgebroken import afgebroken_runs, onderbroken_stap
    from pipelines.lib import schrijver

    with dg.DagsterInstance.get() as instance:
        runs = instance.get_runs(limit=1)
        stats = instance.get_run_stats(runs[0].run_id) if runs else None
        dead = [(r, onderbroken_stap(instance, r.run_id)) for r in afgebroken_runs(instance)]
    holder = schrijver.houder()
    _out("")
    _out(
        f"Schrijver: {holder.tekst if holder else 'geen (het warehouse wordt nu niet geschreven)'}"
    )
    for run, step in dead:
        _out(
            f"Afgebroken run {run.run_id} ({run.job_name}): het proces bestaat niet meer, "
            f"in stap {step or '-'}; de volgende run meldt haar als mislukt en wacht er niet op."
        )
    _out("")
    if runs and stats:
        run = runs[0]
        ended = datetime.fromtimestamp(stats.end_time, UTC) if stats.end_time else None
        _out(
            f"Laatste run: {run.job_name} {run.tags.get('dagster/partition', '-')[:7]} "
            f"{RUN_STATUS.get(run.status.value, run.status.value.lower())} (run "
            f"{run.run_id}{', klaar ' + ended.strftime('%Y-%m-%d %H:%M UTC') if ended else ''})"
        )
    else:
        _out("Laatste run: geen")
    if paths.published_db().exists():
        from pipelines.lib import archief, publish

        with publish.connect_snapshot() as conn:
            row = conn.execute(
                "select partitie, gepubliceerd_op, editie, run_id, len(tabellen), volledig, "
                "ontbrekende_bronnen from rapportage.publicatie"
            ).fetchall()[0]
        status = "volledig" if row[5] else "onvolledig; ontbreekt: " + "; ".join(row[6])
        _out(
            f"Actuele editie: maand {row[0]:%Y-%m}, editie {row[2]} ({status}), gepubliceerd "
            f"{row[1]:%Y-%m-%d %H:%M} UTC, run {row[3]}, {row[4]} tabellen"
        )
        _out(f"  {paths.published_db()}")
        months = archief.gepubliceerde_maanden()
        if months:
            _out(
                f"Archief: {aantal(len(months), 'maand', 'maanden')}, {months[0]} .. "
                f"{months[-1]} in {archief.edities_dir()}"
            )
    else:
        _out("Laatste publicatie: geen")
    alerts_dir = paths.alerts_dir()
    latest_alert = sorted(alerts_dir.glob("*.txt"))[-1:] if alerts_dir.is_dir() else []
    if latest_alert:
        _out(f"Laatste alert: {latest_alert[0]}")
    return 0


# ------------------------------------------------------------------------- documentation and export


def cmd_datadictionary(args: argparse.Namespace) -> int:
    """docs/datadictionary.md from the current published snapshot (its own tables, columns, types
    and comments), or with --check whether the file still matches that snapshot."""
    from pipelines.lib import publish

    snapshot = paths.published_db()
    if not snapshot.exists():
        _out(
            "Er is nog geen gepubliceerde snapshot om de datadictionary uit te maken; "
            "draai eerst: ketenmonitor run"
        )
        return 1
    target = publish.datadictionary_path()
    text = publish.datadictionary_markdown(snapshot)
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            _out(
                f"{target} wijkt af van de gepubliceerde snapshot; maak hem opnieuw met: "
                "ketenmonitor datadictionary"
            )
            return 1
        _out(f"{target} is actueel.")
        return 0
    publish.write_datadictionary(target, snapshot)
    _out(f"Geschreven: {target} (uit {snapshot})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pipelines.lib import publish

    if not (args.csv or args.xlsx):
        _out(
            "Geef een map met --csv MAP (CSV voor Nederlandse Excel) of --xlsx MAP (één "
            "Excel-werkboek), of beide."
        )
        return 2
    if not paths.published_db().exists():
        _out("Er is nog geen gepubliceerde snapshot; draai eerst: ketenmonitor run")
        return 1
    if args.csv:
        for path in publish.export_csv(Path(args.csv).expanduser().resolve()):
            _out(f"  {path}")
    if args.xlsx:
        _out(f"  {publish.export_xlsx(Path(args.xlsx).expanduser().resolve())}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    from pipelines.lib.contracts import SOURCES

    argparse_nl.install()
    parser = argparse.ArgumentParser(
        prog="ketenmonitor", description="Ketenmonitor Asiel en Migratie"
    )
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="opdracht", title="opdrachten"
    )
    run = sub.add_parser(
        "run",
        help="de maandelijkse run voor één maand (standaard: de laatste maand in de leveringen)",
        description="Lees nieuwe leveringen in en maak de editie van één verslagmaand.",
    )
    run.add_argument(
        "--maand",
        type=_month,
        metavar="JJJJ-MM",
        help="verslagmaand (standaard: de laatste maand die elke maandbron dekt)",
    )
    run.set_defaults(handler=cmd_run)
    backfill = sub.add_parser(
        "backfill",
        help="de maandelijkse run voor een reeks maanden, na elkaar",
        description="Draai de job voor elke maand van --van tot en met --tot, na elkaar.",
    )
    backfill.add_argument(
        "--van", type=_month, required=True, metavar="JJJJ-MM", help="de eerste maand"
    )
    backfill.add_argument(
        "--tot", type=_month, required=True, metavar="JJJJ-MM", help="de laatste maand (tot en met)"
    )
    backfill.add_argument(
        "--job",
        choices=(JOB_NAME, "inlezen"),
        default=JOB_NAME,
        help=f"de job per maand (standaard {JOB_NAME}; inlezen = alleen inlezen en staging)",
    )
    backfill.set_defaults(handler=cmd_backfill)
    valideer = sub.add_parser(
        "valideer",
        help="controleer een levering tegen haar datacontract zonder te laden",
        description="Controleer een bestand tegen het datacontract van zijn bron, zoals de "
        "pijplijn het zou doen, zonder iets te laden.",
    )
    valideer.add_argument("bestand", help="het bestand dat u wilt aanleveren")
    valideer.add_argument(
        "--bron",
        metavar="BRON",
        help="de bron (standaard: de naam van de map van het bestand); een van: "
        + ", ".join(SOURCES),
    )
    valideer.set_defaults(handler=cmd_valideer)
    status = sub.add_parser(
        "status",
        help="leveringen, checks, quarantaine, actualiteit, laatste run en publicatie",
        description="Per bron de laatste levering, controles, quarantaine en actualiteit; "
        "daarna de laatste run, de actuele editie en het archief.",
    )
    status.set_defaults(handler=cmd_status)
    dd = sub.add_parser(
        "datadictionary",
        help="schrijf docs/datadictionary.md uit de gepubliceerde snapshot",
        description="Schrijf docs/datadictionary.md uit de catalogus van de actuele snapshot: "
        "elke tabel en kolom met type en toelichting.",
    )
    dd.add_argument(
        "--check", action="store_true", help="alleen controleren of het bestand actueel is"
    )
    dd.set_defaults(handler=cmd_datadictionary)
    export = sub.add_parser(
        "export",
        help="exporteer de gepubliceerde tabellen",
        description="Exporteer de tabellen van de actuele snapshot, als CSV voor Nederlandse "
        "Excel of als één Excel-werkboek.",
    )
    export.add_argument(
        "--csv", metavar="MAP", help="map voor de CSV-bestanden (voor Nederlandse Excel)"
    )
    export.add_argument(
        "--xlsx", metavar="MAP", help="map voor één Excel-werkboek met alle tabellen"
    )
    export.set_defaults(handler=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = int(args.handler(args))
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # The reader stopped reading (`ketenmonitor status | head -1`): not an error of ours. Point
        # stdout at /dev/null so that the interpreter's final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def entrypoint() -> int:
    """The `ketenmonitor` command: settings from a `.env` file in the working directory first, the
    way `dagster dev` reads them (variables already set in the environment win), then `main`."""
    dotenv.load_dotenv(Path.cwd() / ".env", override=False)
    return main()


if __name__ == "__main__":
    sys.exit(entrypoint())
