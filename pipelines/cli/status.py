"""`ketenmonitor status`: per source what is current, the writer, the last run and publication, read
from the snapshot while the pipeline writes."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from pipelines.cli.omgeving import open_register, out, partition_keys, prepare_environment
from pipelines.lib import paths, sqlfiles


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


def table(
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

    last = date.fromisoformat(partition_keys()[-1])
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
    conn = open_register()
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
            frame = conn.sql(sqlfiles.load("cli/datakwaliteit")).pl()
            month = conn.execute(sqlfiles.load("cli/publicatie")).fetchone()[0]
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
    lines += table(
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
    prepare_environment()
    import dagster as dg

    from pipelines.lib.formatting import aantal

    bronnen = _status_frame()
    out(f"Ketenmonitor status   landing: {paths.landing_dir()}")
    for line in _status_sources(bronnen):
        out(line)
    from pipelines.defs.ops.afgebroken import afgebroken_runs, onderbroken_stap
    from pipelines.lib import schrijver

    with dg.DagsterInstance.get() as instance:
        runs = instance.get_runs(limit=1)
        stats = instance.get_run_stats(runs[0].run_id) if runs else None
        dead = [(r, onderbroken_stap(instance, r.run_id)) for r in afgebroken_runs(instance)]
    holder = schrijver.houder()
    out("")
    out(f"Schrijver: {holder.tekst if holder else 'geen (het warehouse wordt nu niet geschreven)'}")
    for run, step in dead:
        out(
            f"Afgebroken run {run.run_id} ({run.job_name}): het proces bestaat niet meer, "
            f"in stap {step or '-'}; de volgende run meldt haar als mislukt en wacht er niet op."
        )
    out("")
    if runs and stats:
        run = runs[0]
        ended = datetime.fromtimestamp(stats.end_time, UTC) if stats.end_time else None
        out(
            f"Laatste run: {run.job_name} {run.tags.get('dagster/partition', '-')[:7]} "
            f"{RUN_STATUS.get(run.status.value, run.status.value.lower())} (run "
            f"{run.run_id}{', klaar ' + ended.strftime('%Y-%m-%d %H:%M UTC') if ended else ''})"
        )
    else:
        out("Laatste run: geen")
    if paths.published_db().exists():
        from pipelines.lib import archief, publish

        with publish.connect_snapshot() as conn:
            row = conn.execute(sqlfiles.load("cli/publicatie")).fetchall()[0]
        status = "volledig" if row[5] else "onvolledig; ontbreekt: " + "; ".join(row[6])
        out(
            f"Actuele editie: maand {row[0]:%Y-%m}, editie {row[2]} ({status}), gepubliceerd "
            f"{row[1]:%Y-%m-%d %H:%M} UTC, run {row[3]}, {row[4]} tabellen"
        )
        out(f"  {paths.published_db()}")
        months = archief.gepubliceerde_maanden()
        if months:
            out(
                f"Archief: {aantal(len(months), 'maand', 'maanden')}, {months[0]} .. "
                f"{months[-1]} in {archief.edities_dir()}"
            )
    else:
        out("Laatste publicatie: geen")
    alerts_dir = paths.alerts_dir()
    latest_alert = sorted(alerts_dir.glob("*.txt"))[-1:] if alerts_dir.is_dir() else []
    if latest_alert:
        out(f"Laatste alert: {latest_alert[0]}")
    return 0
