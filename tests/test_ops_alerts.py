"""Run-failure alerts: a real failing Dagster run -> the failure sensor -> an e-mail at a real local
SMTP server (aiosmtpd on 127.0.0.1) and an alert file."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import dagster as dg
import pytest
from aiosmtpd.controller import Controller

from pipelines.defs.ops.sensors import meld_mislukte_run
from pipelines.defs.shared import MONTHLY, Instellingen
from pipelines.lib import alerts


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Inbox]:
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    monkeypatch.setenv("KETENMONITOR_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KETENMONITOR_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("KETENMONITOR_ALERT_FROM", "ketenmonitor@example.test")
    monkeypatch.setenv("KETENMONITOR_ALERT_TO", "beheer@example.test, data@example.test")
    try:
        yield inbox
    finally:
        controller.stop()


def _alert() -> alerts.Alert:
    return alerts.Alert(
        run_id="0f3c9a1e-1111-2222-3333-444455556666",
        job="maandelijkse_run",
        partition="2026-10-01",
        failed_steps=(
            alerts.StepFailure(
                "kpi_opvang", "ValueError: kapot", "Traceback ...\nValueError: kapot"
            ),
        ),
        message='Execution of run for "maandelijkse_run" failed.',
    )


def test_without_smtp_host_only_the_alert_file_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KETENMONITOR_SMTP_HOST", raising=False)
    outcome = alerts.notify(_alert(), tmp_path)
    assert not outcome.mailed and outcome.mail_error is None
    data = json.loads(outcome.json_file.read_text())
    assert data["run_id"] == _alert().run_id and data["partition"] == "2026-10-01"
    assert data["failed_steps"][0]["step"] == "kpi_opvang"
    text = outcome.text_file.read_text()
    assert "kpi_opvang: ValueError: kapot" in text and "Geen e-mail" in text
    assert "Traceback" in text  # the full error is in the file, not in the mail


def test_unreachable_smtp_server_is_recorded_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KETENMONITOR_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KETENMONITOR_SMTP_PORT", str(_free_port()))  # nobody listens
    monkeypatch.setenv("KETENMONITOR_ALERT_TO", "beheer@example.test")
    outcome = alerts.notify(_alert(), tmp_path)
    assert not outcome.mailed and outcome.mail_error
    assert json.loads(outcome.json_file.read_text())["mail"]["error"] == outcome.mail_error
    assert "E-mail NIET verstuurd" in outcome.text_file.read_text()


def test_a_run_is_reported_once(tmp_path: Path, smtp_server: _Inbox) -> None:
    first = alerts.notify(_alert(), tmp_path)
    second = alerts.notify(_alert(), tmp_path)
    assert first.mailed and second.already_reported and second.json_file == first.json_file
    assert len(smtp_server.messages) == 1


def test_failed_run_sends_mail_and_writes_alert_file(
    ketenmonitor_env: Path, smtp_server: _Inbox
) -> None:
    @dg.asset(partitions_def=MONTHLY, name="kpi_kapot")
    def kpi_kapot() -> None:
        raise RuntimeError("deeltal is nul: bewust kapotte stap")

    @dg.asset(partitions_def=MONTHLY, deps=[kpi_kapot])
    def daarna() -> None:
        pass

    job = dg.define_asset_job(
        "maandelijkse_run_test", selection=[kpi_kapot, daarna], executor_def=dg.in_process_executor
    )
    resources = {"instellingen": Instellingen()}
    definitions = dg.Definitions(
        assets=[kpi_kapot, daarna],
        jobs=[job],
        sensors=[meld_mislukte_run],
        resources=resources,
    )
    sensor = definitions.resolve_sensor_def("meld_mislukte_run")

    with dg.instance_for_test() as instance:
        # First tick: the sensor starts watching from now (as the daemon does).
        first = sensor.evaluate_tick(
            dg.build_sensor_context(instance=instance, definitions=definitions, resources=resources)
        )
        result = definitions.resolve_job_def("maandelijkse_run_test").execute_in_process(
            instance=instance, partition_key="2026-10-01", raise_on_error=False
        )
        assert not result.success
        # Next tick: the daemon's evaluation of the run-failure sensor over the new events.
        tick = sensor.evaluate_tick(
            dg.build_sensor_context(
                instance=instance, cursor=first.cursor, definitions=definitions, resources=resources
            )
        )
        assert not tick.run_requests

    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    body = (
        mail.get_content()
        if hasattr(mail, "get_content")
        else mail.get_payload(decode=True).decode()
    )
    assert result.run_id[:8] in mail["Subject"] and "2026-10" in mail["Subject"]
    assert mail["X-Ketenmonitor-Run-Id"] == result.run_id
    assert smtp_server.envelopes[0] == (
        "ketenmonitor@example.test",
        ["beheer@example.test", "data@example.test"],
    )
    text = body if isinstance(body, str) else body.decode()
    assert result.run_id in text
    assert "maandelijkse_run_test" in text and "2026-10-01" in text
    assert "kpi_kapot: RuntimeError: deeltal is nul: bewust kapotte stap" in text

    files = sorted((ketenmonitor_env / "alerts").iterdir())
    assert [f.suffix for f in files] == [".json", ".txt"]
    data = json.loads(files[0].read_text())
    assert data["run_id"] == result.run_id and data["job"] == "maandelijkse_run_test"
    assert data["failed_steps"][0]["step"] == "kpi_kapot"
    assert data["mail"] == {
        "sent": True,
        "error": None,
        "to": ["beheer@example.test", "data@example.test"],
    }
    assert "E-mail verstuurd" in files[1].read_text()
