"""The asset graph as a reviewed snapshot: a change shows exactly which assets, checks and
dependencies moved. To accept a deliberate change:
KETENMONITOR_UPDATE_SNAPSHOT=1 pytest this file."""

from __future__ import annotations

import os
from pathlib import Path

from pipelines.definitions import defs

SNAPSHOT = Path(__file__).parent / "snapshots" / "asset_graph.txt"


def describe_graph() -> str:
    definitions = defs()
    graph = definitions.resolve_asset_graph()
    lines = []
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        deps = ", ".join(sorted(p.to_user_string() for p in node.parent_keys)) or "-"
        checks = ", ".join(sorted(c.name for c in node.check_keys)) or "-"
        partitioned = "maand" if node.partitions_def is not None else "geen"
        lines.append(
            f"{key.to_user_string()} [{node.group_name}; partities: {partitioned}] <- {deps}; "
            f"checks: {checks}"
        )
    jobs = sorted(j.name for j in definitions.resolve_all_job_defs() if not j.name.startswith("__"))
    lines.append(f"jobs: {', '.join(jobs)}")
    lines.append(f"schedules: {', '.join(sorted(s.name for s in definitions.schedules or []))}")
    lines.append(f"sensors: {', '.join(sorted(s.name for s in definitions.sensors or []))}")
    return "\n".join(lines) + "\n"


def test_asset_graph_matches_snapshot() -> None:
    current = describe_graph()
    if os.environ.get("KETENMONITOR_UPDATE_SNAPSHOT") == "1":
        SNAPSHOT.write_text(current, encoding="utf-8")
    assert current == SNAPSHOT.read_text(encoding="utf-8")


def test_partitions_say_what_is_computed_per_month() -> None:
    """The UI shows a month's partition only for what a run computes for that month: indicators (as
    of the month), the edition, its reports and its snapshot. Ingest and staging take every new
    delivery, whatever month it covers, and hold the whole history: they are not partitioned, so
    they do not show 58 months as "missing" that are in fact loaded."""
    graph = defs().resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        per_month = node.group_name not in ("ingest", "staging")
        assert (node.partitions_def is not None) == per_month, key.to_user_string()
