"""`ketenmonitor run` and `ketenmonitor backfill`: the jobs in process, the summary per source, the
edition and the files to read, and what a failed run leaves."""

from __future__ import annotations

import argparse
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.cli import gebeurtenislog
from pipelines.cli.omgeving import (
    JOB_NAME,
    load_definitions,
    open_register,
    out,
    partition_keys,
    prepare_environment,
    reportable_month,
)
from pipelines.cli.status import table
from pipelines.cli.voortgang import (
    DELIVERIES_CHECK,
    FAILED,
    ProgressPrinter,
    RunOutcome,
    check_word,
)
from pipelines.lib import instellingen, paths

if TYPE_CHECKING:
    import dagster as dg


def execute_partition(
    definitions: dg.Definitions,
    instance: dg.DagsterInstance,
    partition: str | None,
    job_name: str = JOB_NAME,
    emit: Callable[[str], None] = out,
    assets: Sequence[dg.AssetKey] | None = None,
) -> RunOutcome:
    """Run the job in this process, for one reporting month (None: `inlezen`, which is not
    partitioned), printing a line per step; `assets`: only these assets and their checks."""
    job = definitions.resolve_job_def(job_name)
    run_id = str(uuid.uuid4())
    started = time.time()
    emit(
        f"Run {run_id} ({job_name}, partitie {partition[:7]})"
        if partition
        else f"Run {run_id} ({job_name})"
    )
    with (
        gebeurtenislog.open_for_run(instance, run_id),
        ProgressPrinter(instance, run_id, emit) as progress,
    ):
        result = job.execute_in_process(
            partition_key=partition,
            asset_selection=assets,
            instance=instance,
            run_id=run_id,
            raise_on_error=False,
            tags={"ketenmonitor/aanleiding": "cli"},
            run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}},
        )
    return RunOutcome(
        run_id, partition, result.success, progress.steps, started, time.time() - started
    )


def _sources_summary(outcome: RunOutcome, emit: Callable[[str], None] = out) -> None:
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
    for line in table(
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

    conn = open_register()
    if conn is None:
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
    out(f"Alert: {outcome.text_file} ({mail})")


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

    bestanden: list[tuple[str, Path]] = []
    reports = archief.rapportmap_uitvoer(month)
    if reports.is_dir():
        for suffix in ("pdf", "html", "xlsx"):
            bestanden += [(suffix, f) for f in sorted(reports.glob(f"*.{suffix}"))]
    bestanden.append(("editie", archief.maandmap(month)))
    current = archief.huidige_maand()
    bestanden.append(("actueel", paths.published_db()))
    bestanden.append(("parquet", paths.published_dir() / "parquet"))
    if current != month:
        bestanden.append(("let op", Path(f"actueel blijft {current}: een nieuwere maand")))
    return bestanden


def _run_failed(instance: dg.DagsterInstance, outcome: RunOutcome) -> int:
    failed = [s.key for s in outcome.steps.values() if s.status == FAILED]
    out(
        f"Run {outcome.run_id} mislukt na {outcome.seconds:.1f} s; "
        f"{'mislukte stap' if len(failed) == 1 else 'mislukte stappen'}: {', '.join(failed) or '-'}"
    )
    if "editie" in failed:
        out("Er is niets gepubliceerd; de vorige editie blijft actueel.")
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
        with schrijver.schrijver(what, emit=out), dg.DagsterInstance.get() as instance:
            with (
                warehouse.connect()
            ):  # someone else holding the DuckDB file: say so before any run starts
                pass
            for alert in herstel_afgebroken_runs(instance, emit=out):
                out(f"  (alert gestuurd voor de afgebroken run {alert.run_id})")
            return body(instance)
    except (schrijver.WarehouseBezet, warehouse.WarehouseInGebruik) as exc:
        out(str(exc))
        return 3


def cmd_run(args: argparse.Namespace) -> int:
    prepare_environment()
    from pipelines.lib import editie

    last = date.fromisoformat(partition_keys()[-1])
    if args.maand:  # refused before anything waits or opens
        month = date.fromisoformat(args.maand + "-01")
        if (refusal := editie.controleer_maand(month, last)) is not None:
            out(refusal)
            return 2
    return _as_writer(
        f"ketenmonitor run{' --maand ' + args.maand if args.maand else ''}",
        lambda instance: _run(args, instance, last),
    )


def _run(args: argparse.Namespace, instance: dg.DagsterInstance, last: date) -> int:
    from pipelines.lib import editie, landingsmap
    from pipelines.lib.formatting import aantal

    out(f"Ketenmonitor: maandelijkse run   landing: {paths.landing_dir()}")
    out(f"  warehouse: {paths.warehouse_db()}")
    definitions: dg.Definitions | None = (
        None  # loaded (with Great Expectations) only when work is due
    )
    ingested = False
    try:  # read once per run: unregistered files (to ingest) and refused ones (reported every run)
        new, refused = landingsmap.landing_waiting()
        readable = True
    except OSError:  # an unreadable landing folder: the run's ingest step reports why
        new, refused, readable = [], [], False
    if args.maand:
        month, why = date.fromisoformat(args.maand + "-01"), "opgegeven"
    else:
        if new or _cbs_fetch_due():
            out(
                "Eerst inlezen en controleren: "
                f"{aantal(len(new), 'nieuw bestand', 'nieuwe bestanden')} in de landingsmap."
            )
            out("")
            definitions = load_definitions()  # against the instance _as_writer entered
            outcome = execute_partition(definitions, instance, None, job_name="inlezen")
            _sources_summary(outcome)
            out("")
            if not outcome.success:
                return _run_failed(instance, outcome)
            ingested = True
        found, later = reportable_month(last)
        for ed in later:
            out(
                f"Maand {ed.maand:%Y-%m} is nog niet compleet; ontbreekt: "
                f"{editie.ontbrekend_tekst(ed)}"
            )
        if found is None:
            out(
                "Geen rapporteerbare maand: geen maand waarvoor elke maandbron geaccepteerde "
                "gegevens heeft. Er is niets gepubliceerd. Lever de maandgegevens aan in de "
                "landingsmap en draai opnieuw, of kies een maand met --maand JJJJ-MM."
            )
            return 1
        month, why = found, "de laatste maand die elke maandbron dekt"
    partition = month.isoformat()
    out(f"Verslagmaand {month:%Y-%m} ({why})")
    out("")
    nothing_waiting = readable and not new and not refused and not _cbs_fetch_due()
    if nothing_waiting and (known := _already_published(month)) is not None:
        out(
            "Niets nieuw: geen nieuwe levering en dezelfde code, dus geen run gestart; "
            f"editie {known} was al gepubliceerd; niets veranderd."
        )
        for label, path in _edition_files(partition[:7]):
            out(f"  {label:<10} {path}")
        return 0
    definitions = definitions or load_definitions()
    # Right after `inlezen` in this process the month's run starts after staging: ingest, its
    # checks and staging have just run over the same landing folder and register.
    outcome = execute_partition(
        definitions,
        instance,
        partition,
        assets=_after_staging(definitions) if ingested else None,
    )
    if not ingested:
        _sources_summary(outcome)
    out("")
    if not outcome.success:
        return _run_failed(instance, outcome)
    for line in _edition_lines(outcome):
        out(line)
    out(f"Run {outcome.run_id} geslaagd in {outcome.seconds:.1f} s. Te lezen:")
    for label, path in _edition_files(partition[:7]):
        out(f"  {label:<10} {path}")
    return 0


def _after_staging(definitions: dg.Definitions) -> list[dg.AssetKey]:
    """The assets of the monthly job after ingest and staging: edition, indicators, reports and
    publication."""
    import dagster as dg

    selection = dg.AssetSelection.all() - dg.AssetSelection.groups("ingest", "staging")
    return sorted(selection.resolve(definitions.resolve_asset_graph()))


def _cbs_fetch_due() -> bool:
    return bool(instellingen.waarde("KETENMONITOR_CBS_ODATA_URL"))


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
    prepare_environment()
    if args.van > args.tot:
        out("--van ligt na --tot")
        return 2
    keys = [k for k in partition_keys() if args.van <= k[:7] <= args.tot]
    if not keys:
        out(f"Geen partities tussen {args.van} en {args.tot}.")
        return 2
    if args.job == JOB_NAME:
        out(
            f"Backfill {keys[0][:7]} .. {keys[-1][:7]}: {len(keys)} maanden, job {args.job}, "
            "na elkaar in dit proces"
        )
    else:
        out(
            f"Backfill {keys[0][:7]} .. {keys[-1][:7]}, job {args.job}: inlezen geldt alle maanden "
            "tegelijk, dus één run"
        )
    results: list[RunOutcome] = []

    def months(instance: dg.DagsterInstance) -> int:
        definitions = load_definitions()
        for key in keys if args.job == JOB_NAME else [None]:  # inlezen covers all months at once
            out("")
            outcome = execute_partition(definitions, instance, key, job_name=args.job)
            results.append(outcome)
            if not outcome.success:
                _report_failure(instance, outcome.run_id)
        return 0

    if (refused := _as_writer(f"ketenmonitor backfill {args.van} .. {args.tot}", months)) != 0:
        return refused
    out("")
    out("Backfill samengevat:")
    for r in results:
        published = r.steps.get("published_snapshot")
        md = published.metadata if published else {}
        edition = (
            f"  editie {md['editie']} ({md.get('status')}, {md.get('publicatie')})"
            if "editie" in md
            else ""
        )
        out(
            f"  {(r.partition or 'alles')[:7]:7}  {'geslaagd' if r.success else 'mislukt '}  run "
            f"{r.run_id}  {r.seconds:.1f} s{edition}"
        )
    from pipelines.lib import archief

    if args.job == JOB_NAME and archief.huidige_maand():
        out(f"Actueel: {archief.huidige_maand()} ({paths.published_db()})")
    return 0 if all(r.success for r in results) else 1
