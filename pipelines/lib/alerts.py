"""Run-failure alerts: always an alert file (JSON + text), and an e-mail when SMTP is configured.

Plain Python (smtplib, email.message); the Dagster run-failure sensor and the CLI both build
an `Alert` and call `notify`. Configuration comes from the environment:

- `KETENMONITOR_SMTP_HOST`   SMTP relay; unset or empty = no e-mail (the alert file is
                             still written)
- `KETENMONITOR_SMTP_PORT`   default 25
- `KETENMONITOR_ALERT_FROM`  sender, default `ketenmonitor@<hostname>`
- `KETENMONITOR_ALERT_TO`    recipients, comma-separated
- `KETENMONITOR_ALERT_DIR`   where alert files go (`paths.alerts_dir()`)

`notify` is idempotent per run id: a run that is reported twice (the CLI and the sensor both
see the same failure) gives one alert file and one e-mail.
"""

from __future__ import annotations

import json
import os
import smtplib
import socket
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from pipelines.lib import paths
from pipelines.lib.instellingen import waarde

SMTP_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class StepFailure:
    step: str
    error: str
    detail: str = ""  # the error with its stack trace, for the alert file


@dataclass(frozen=True)
class Alert:
    run_id: str
    job: str
    partition: str | None
    failed_steps: tuple[StepFailure, ...]
    message: str  # the run-level failure message
    failed_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def subject(self) -> str:
        month = f" {self.partition[:7]}" if self.partition else ""
        return f"[Ketenmonitor] Run mislukt: {self.job}{month} (run {self.run_id[:8]})"

    def text(self) -> str:
        lines = [
            "De Ketenmonitor-pipeline is mislukt.",
            "",
            f"Run id:    {self.run_id}",
            f"Job:       {self.job}",
            f"Partitie:  {self.partition or '-'}",
            f"Tijdstip:  {self.failed_at.isoformat(timespec='seconds')}",
            "",
            f"Melding:   {self.message}",
            "",
        ]
        if self.failed_steps:
            lines.append("Mislukte stap(pen):")
            for step in self.failed_steps:
                lines += [f"- {step.step}: {step.error}"]
        else:
            lines.append(
                "Geen mislukte stap gevonden: de run faalde buiten een stap (zie het runlog)."
            )
        lines += [
            "",
            "Wat te doen: open de run in de Dagster UI (make ui, Runs) of lees het alertbestand in",
            f"{paths.alerts_dir()} voor de volledige foutmelding; herstel en start de "
            "partitie opnieuw",
            "(ketenmonitor run --maand JJJJ-MM of opnieuw uitvoeren vanuit de UI).",
        ]
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["failed_at"] = self.failed_at.isoformat()
        data["subject"] = self.subject
        return data


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    recipients: tuple[str, ...]


def smtp_settings_from_env() -> SmtpSettings | None:
    """The SMTP settings, or None when `KETENMONITOR_SMTP_HOST` is not set (no e-mail)."""
    host = waarde("KETENMONITOR_SMTP_HOST")
    if not host:
        return None
    port = int(waarde("KETENMONITOR_SMTP_PORT") or 25)
    sender = waarde("KETENMONITOR_ALERT_FROM") or f"ketenmonitor@{socket.getfqdn()}"
    recipients = tuple(r.strip() for r in waarde("KETENMONITOR_ALERT_TO").split(",") if r.strip())
    return SmtpSettings(host, port, sender, recipients)


def build_message(alert: Alert, settings: SmtpSettings) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = alert.subject
    msg["From"] = settings.sender
    msg["To"] = ", ".join(settings.recipients)
    msg["Date"] = format_datetime(alert.failed_at)
    msg["Message-ID"] = make_msgid(idstring=alert.run_id, domain="ketenmonitor")
    msg["X-Ketenmonitor-Run-Id"] = alert.run_id
    msg.set_content(alert.text())
    return msg


def send_mail(alert: Alert, settings: SmtpSettings) -> None:
    if not settings.recipients:
        raise ValueError(
            "KETENMONITOR_ALERT_TO is niet ingesteld: geen ontvangers voor de alertmail"
        )
    with smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
        smtp.send_message(build_message(alert, settings))


@dataclass(frozen=True)
class AlertOutcome:
    json_file: Path
    text_file: Path
    mailed: bool
    mail_error: str | None
    already_reported: bool = False


def _existing(directory: Path, run_id: str) -> Path | None:
    found = sorted(directory.glob(f"*_{run_id}.json")) if directory.is_dir() else []
    return found[0] if found else None


def notify(alert: Alert, directory: Path | None = None) -> AlertOutcome:
    """Write the alert files, then mail if SMTP is configured. Never raises on a mail problem:
    the failure to mail is written into the alert file instead."""
    directory = directory or paths.alerts_dir()
    directory.mkdir(parents=True, exist_ok=True)
    previous = _existing(directory, alert.run_id)
    if previous is not None:
        data = json.loads(previous.read_text(encoding="utf-8"))
        return AlertOutcome(
            previous,
            previous.with_suffix(".txt"),
            bool(data.get("mail", {}).get("sent")),
            data.get("mail", {}).get("error"),
            already_reported=True,
        )

    stem = f"{alert.failed_at.astimezone(UTC):%Y%m%dT%H%M%SZ}_{alert.job}_{alert.run_id}"
    json_file, text_file = directory / f"{stem}.json", directory / f"{stem}.txt"
    settings = smtp_settings_from_env()
    mail: dict[str, object] = {
        "sent": False,
        "error": None,
        "to": list(settings.recipients) if settings else [],
    }
    # The file first, so that a hanging or crashing SMTP relay still leaves a trace.
    pending = {**mail, "error": "wordt verstuurd"} if settings is not None else mail
    _write(json_file, text_file, alert, pending)
    if settings is not None:
        try:
            send_mail(alert, settings)
            mail["sent"] = True
        except (OSError, smtplib.SMTPException, ValueError) as exc:
            mail["error"] = f"{type(exc).__name__}: {exc}"
        _write(json_file, text_file, alert, mail)
    return AlertOutcome(json_file, text_file, bool(mail["sent"]), mail["error"])  # type: ignore[arg-type]


def _write(json_file: Path, text_file: Path, alert: Alert, mail: dict[str, object]) -> None:
    if mail.get("sent"):
        status = f"E-mail verstuurd aan {', '.join(mail['to'])}."  # type: ignore[arg-type]
    elif mail.get("error"):
        status = f"E-mail NIET verstuurd: {mail['error']}"
    else:
        status = "Geen e-mail: KETENMONITOR_SMTP_HOST is niet ingesteld."
    details = "".join(f"\n--- {s.step} ---\n{s.detail or s.error}\n" for s in alert.failed_steps)
    text = (
        alert.text()
        + f"\n{status}\n"
        + (f"\nVolledige foutmeldingen:\n{details}" if details else "")
    )
    for target, content in (
        (
            json_file,
            json.dumps(alert.to_json() | {"mail": mail}, ensure_ascii=False, indent=2) + "\n",
        ),
        (text_file, text),
    ):
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, target)
