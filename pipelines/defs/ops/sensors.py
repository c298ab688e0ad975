"""Sensors: new deliveries in the landing folder start `inlezen`; a failed run raises an alert.

Landing sensor. The cursor (JSON) remembers, per file, size + mtime + sha256, and the set of
`<source>/<sha256>` already seen. A file is only hashed when its size or mtime changed, and a
run starts only for content neither seen before nor already in the deliveries register (so a
first tick on a loaded warehouse starts nothing): an identical re-delivery (same bytes, also under
another name, or a touched file) is not a new run, exactly as the warehouse treats it. Files
modified in the last `SETTLE_SECONDS` are left for the next tick (they may still be copied in).

Failure sensor. Builds an `alerts.Alert` (run id, job, partition, failed steps with their error)
and calls `alerts.notify`: always an alert file, an e-mail when SMTP is configured.
"""

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from pipelines.defs.ops.jobs import inlezen
from pipelines.defs.shared import Instellingen
from pipelines.lib import alerts, landingsmap, paths, warehouse
from pipelines.lib.contracts import all_contracts

CURSOR_VERSION = 1
SETTLE_SECONDS = 30


@dataclass
class LandingScan:
    cursor: dict
    new: list[str] = field(
        default_factory=list
    )  # "<source>/<file name>" with content not seen before
    settling: list[str] = field(default_factory=list)


def empty_cursor() -> dict:
    return {"version": CURSOR_VERSION, "files": {}, "seen": []}


def parse_cursor(text: str | None) -> dict:
    if not text:
        return empty_cursor()
    data = json.loads(text)
    if data.get("version") != CURSOR_VERSION:
        return empty_cursor()
    return data


def scan_landing(
    landing: Path,
    cursor: dict,
    *,
    now: float | None = None,
    settle_seconds: float = SETTLE_SECONDS,
    registered: set[tuple[str, str]] | None = None,
) -> LandingScan:
    """Compare the landing folder with the cursor and the register; plain Python so it is tested
    without Dagster. Content already in the register (`registered`: source, sha256) is not new."""
    now = time.time() if now is None else now
    previous: dict[str, dict] = cursor.get("files", {})
    seen = set(cursor.get("seen", []))
    files: dict[str, dict] = {}
    scan = LandingScan(cursor={})
    for contract in all_contracts():
        for path in landingsmap.delivery_files(contract, [landing]):
            key = f"{contract.source}/{path.name}"
            stat = path.stat()
            if now - stat.st_mtime < settle_seconds:
                scan.settling.append(key)
                if key in previous:
                    files[key] = previous[key]
                continue
            old = previous.get(key)
            if old and old["size"] == stat.st_size and old["mtime_ns"] == stat.st_mtime_ns:
                files[key] = old
                continue
            sha = landingsmap.sha256_of(path)
            files[key] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": sha}
            content = f"{contract.source}/{sha}"
            if content not in seen:
                seen.add(content)
                if (contract.source, sha) not in (registered or set()):
                    scan.new.append(key)
    scan.cursor = {
        "version": CURSOR_VERSION,
        "files": dict(sorted(files.items())),
        "seen": sorted(seen),
    }
    return scan


@dg.sensor(
    name="landing_sensor",
    job=inlezen,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Nieuwe of gewijzigde bestanden in de landingsmap starten 'inlezen' (alle maanden "
    "die ze dekken); een identieke herlevering (zelfde sha256) niet.",
)
def landing_sensor(
    context: dg.SensorEvaluationContext, instellingen: Instellingen
) -> dg.SensorResult:
    with instellingen.in_gebruik():
        return _landing_sensor(context)


def _landing_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    registered = warehouse.registered_contents()
    if (
        registered is None
    ):  # a run is writing the warehouse: it ingests what is there; look again later
        return dg.SensorResult(
            skip_reason=dg.SkipReason("het warehouse wordt nu geschreven; volgende keer kijken")
        )
    scan = scan_landing(paths.landing_dir(), parse_cursor(context.cursor), registered=registered)
    cursor = json.dumps(scan.cursor, sort_keys=True)
    if not scan.new:
        reason = "geen nieuwe leveringen"
        if scan.settling:
            reason += f"; nog in aanvoer: {', '.join(scan.settling)}"
        return dg.SensorResult(skip_reason=dg.SkipReason(reason), cursor=cursor)
    run_key = hashlib.sha256(
        "\n".join(
            sorted(f"{key}:{scan.cursor['files'][key]['sha256']}" for key in scan.new)
        ).encode()
    ).hexdigest()[:16]
    context.log.info(f"nieuwe leveringen: {', '.join(scan.new)}; inlezen")
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(
                run_key=run_key,
                tags={
                    "ketenmonitor/aanleiding": "landing",
                    "ketenmonitor/nieuwe_bestanden": str(len(scan.new)),
                },
            )
        ],
        cursor=cursor,
    )


def root_error(error: object) -> str:
    """The innermost cause of a Dagster error: the user's exception, not Dagster's wrapper."""
    while getattr(error, "cause", None) is not None:
        error = error.cause  # type: ignore[attr-defined]
    message = (getattr(error, "message", "") or "").strip()
    return message or str(getattr(error, "cls_name", "onbekende fout"))


def alert_for_run(
    instance: dg.DagsterInstance, run: dg.DagsterRun, message: str | None = None
) -> alerts.Alert:
    """The alert for a failed run, from its event log (also used by the CLI)."""
    steps = []
    for record in instance.get_records_for_run(
        run_id=run.run_id, of_type=dg.DagsterEventType.STEP_FAILURE
    ).records:
        event = record.event_log_entry.dagster_event
        error = event.step_failure_data.error if event and event.step_failure_data else None
        steps.append(
            alerts.StepFailure(
                step=event.step_key or "?",
                error=root_error(error) if error else "onbekende fout",
                detail=error.to_string() if error else "",
            )
        )
    if message is None:
        failures = instance.get_records_for_run(
            run_id=run.run_id, of_type=dg.DagsterEventType.RUN_FAILURE
        ).records
        message = failures[-1].event_log_entry.message if failures else "run mislukt"
    return alerts.Alert(
        run_id=run.run_id,
        job=run.job_name,
        partition=run.tags.get("dagster/partition"),
        failed_steps=tuple(steps),
        message=message or "run mislukt",
    )


@dg.run_failure_sensor(
    name="meld_mislukte_run",
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Een mislukte run schrijft een alertbestand (warehouse/alerts) en mailt via "
    "KETENMONITOR_SMTP_HOST als die is ingesteld.",
)
def meld_mislukte_run(context: dg.RunFailureSensorContext, instellingen: Instellingen) -> None:
    alert = alert_for_run(context.instance, context.dagster_run, context.failure_event.message)
    with instellingen.in_gebruik():
        outcome = alerts.notify(alert)
    if outcome.already_reported:
        context.log.info(f"run {alert.run_id} was al gemeld: {outcome.json_file}")
    elif outcome.mail_error:
        context.log.warning(
            f"alertbestand {outcome.text_file}; e-mail mislukt: {outcome.mail_error}"
        )
    else:
        context.log.info(
            f"alertbestand {outcome.text_file}; e-mail "
            f"{'verstuurd' if outcome.mailed else 'niet ingesteld'}"
        )
