"""The landing sensor: new or changed deliveries start `inlezen`;
an identical re-delivery does not."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import dagster as dg

from pipelines.defs.ops.sensors import SETTLE_SECONDS, landing_sensor, scan_landing
from pipelines.defs.shared import Instellingen
from tests.deliveries import write_good


def _age(path: Path, seconds: float = SETTLE_SECONDS + 60) -> None:
    """Make a file look as if it was copied in a while ago
    (the sensor waits for files to settle)."""
    past = time.time() - seconds
    os.utime(path, (past, past))


def _tick(
    instance: dg.DagsterInstance, cursor: str | None
) -> tuple[list[dg.RunRequest], str | None, str | None]:
    context = dg.build_sensor_context(
        instance=instance, cursor=cursor, resources={"instellingen": Instellingen()}
    )
    result = landing_sensor(context)
    reason = result.skip_reason.skip_message if result.skip_reason else None
    return list(result.run_requests or []), result.cursor, reason


def test_new_file_starts_inlezen_identical_redelivery_does_not_changed_file_does(
    ketenmonitor_env: Path,
) -> None:
    landing = ketenmonitor_env / "landing"
    with dg.instance_for_test() as instance:
        requests, cursor, reason = _tick(instance, None)
        assert requests == [] and "geen nieuwe leveringen" in (reason or "")

        first = write_good("dtenv_vertrek", landing)
        _age(first)
        requests, cursor, _ = _tick(instance, cursor)
        assert len(requests) == 1
        first_run_key = requests[0].run_key
        assert requests[0].partition_key is None  # inlezen covers every month the new files hold
        assert requests[0].tags["ketenmonitor/aanleiding"] == "landing"
        state = json.loads(cursor)
        assert set(state["files"]) == {f"dtenv_vertrek/{first.name}"}

        # Nothing changed: no run.
        requests, cursor, _ = _tick(instance, cursor)
        assert requests == []

        # The same bytes again, under another name and with a new mtime: not a new delivery.
        copy = first.with_name("dtenv_vertrek_2025-05_opnieuw.csv")
        shutil.copyfile(first, copy)
        _age(copy, SETTLE_SECONDS + 10)
        os.utime(first, (time.time() - SETTLE_SECONDS - 5,) * 2)  # touched, same content
        requests, cursor, _ = _tick(instance, cursor)
        assert requests == []
        assert f"dtenv_vertrek/{copy.name}" in json.loads(cursor)["files"]

        # The file changes (a revision under the same name): a run again, with its own run key.
        first.write_text(first.read_text() + "2025-06,gedwongen,120\n")
        _age(first, SETTLE_SECONDS + 1)
        changed, cursor, _ = _tick(instance, cursor)
        assert len(changed) == 1 and changed[0].run_key != first_run_key


def test_file_still_being_copied_waits_for_the_next_tick(ketenmonitor_env: Path) -> None:
    landing = ketenmonitor_env / "landing"
    path = write_good("coa_bezetting", landing)  # mtime = now: may still be arriving
    scan = scan_landing(landing, {"version": 1, "files": {}, "seen": []})
    assert scan.new == [] and scan.settling == [f"coa_bezetting/{path.name}"]
    later = scan_landing(landing, scan.cursor, now=time.time() + SETTLE_SECONDS + 1)
    assert later.new == [f"coa_bezetting/{path.name}"]


def test_unchanged_files_are_not_hashed_again(ketenmonitor_env: Path, monkeypatch) -> None:
    landing = ketenmonitor_env / "landing"
    path = write_good("dtenv_vertrek", landing)
    _age(path)
    scan = scan_landing(landing, {"version": 1, "files": {}, "seen": []})
    assert scan.new

    def no_hashing(_: Path) -> str:
        raise AssertionError("an unchanged file was hashed again")

    monkeypatch.setattr("pipelines.lib.landingsmap.sha256_of", no_hashing)
    again = scan_landing(landing, scan.cursor)
    assert again.new == [] and again.cursor == scan.cursor
