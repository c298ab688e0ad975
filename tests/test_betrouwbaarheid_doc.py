"""docs/betrouwbaarheid.md is written by the tests (`make betrouwbaarheid`); this keeps it from
going stale: every corpus case and every kill point of the suite is in it,
and it reports nothing lost."""

from __future__ import annotations

from pathlib import Path

from tests.test_breekpunten import BREEKPUNTEN, NA_STAP
from tests.test_corpus import CASES

DOC = Path(__file__).resolve().parents[1] / "docs" / "betrouwbaarheid.md"
ZERO = (
    "verloren of half geladen",
    "zonder verwachte melding",
    "gemengde edities",
    "achtergebleven tijdelijke bestanden",
    "wachten op dode runs",
    "herhalingen niet bytegelijk",
)


def test_the_reliability_report_covers_what_the_suite_tries() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [f"{c.source}: {c.geval}" for c in CASES if f"| {c.source}: {c.geval} |" not in text]
    missing += [f"na stap {s}" for s in NA_STAP if f"| na stap {s} |" not in text]
    missing += [f"breekpunt {p}" for p in BREEKPUNTEN if f"| breekpunt {p} |" not in text]
    assert not missing, f"run `make betrouwbaarheid`; not in the report: {missing}"
    for what in ZERO:
        assert f"| {what} | 0 |" in text, what
    assert f"| corpusgevallen | {len(CASES)} |" in text
    assert f"| breekpunten | {len(NA_STAP) + len(BREEKPUNTEN)} |" in text
