"""A key rule (primary_key, unique) is checked by Great Expectations on 64-bit hashes of its text
columns (`verwachtingen.suite_unexpected`), not on the text. The rows it reports must be exactly the
rows whose key occurs more than once in their delivery, as a chain partner counts them: whatever the
hash, a missing value included, and never a row whose hash only collides with another's.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from pipelines.lib import verwachtingen
from pipelines.lib.bevindingen import MAX_FINDINGS_PER_RULE, ValidationResult
from pipelines.lib.contracts import load_contract
from pipelines.lib.validation import validate_deliveries

ARRIVAL = date(2026, 11, 5)
RULE = "ind_zaken.primary_key"
EVENTS = ["aanvraag", "inwilliging", "afwijzing", "intrekking"]


def _deliveries(folder: Path, seed: int) -> list[tuple[Path, list[tuple[str, str]]]]:
    """Three IND deliveries whose keys repeat within a file and across files, some without a
    zaak_id or gebeurtenis; with each file's (zaak_id, gebeurtenis) per row as delivered."""
    rng = random.Random(seed)
    pool = [f"{rng.getrandbits(64):016x}" for _ in range(40)]
    written = []
    for month in (7, 8, 9):
        keys = [
            (
                "" if rng.random() < 0.05 else rng.choice(pool),
                "" if rng.random() < 0.05 else rng.choice(EVENTS),
            )
            for _ in range(rng.randint(30, 120))
        ]
        path = folder / f"ind_zaken_2026-{month:02d}.csv"
        pl.DataFrame(
            {
                "zaak_id": [k[0] for k in keys],
                "procedure": ["asiel_eerste"] * len(keys),
                "nationaliteit": ["SYR"] * len(keys),
                "gebeurtenis": [k[1] for k in keys],
                "datum": [f"2026-{month:02d}-15"] * len(keys),
            }
        ).write_csv(path)
        written.append((path, keys))
    return written


def _expected_rows(keys: list[tuple[str, str]]) -> list[int]:
    """The 1-based rows whose key occurs more than once in the file; an empty cell is missing, and
    two missing values are equal (as Great Expectations compares them)."""
    counts = Counter(keys)
    return [row for row, key in enumerate(keys, start=1) if counts[key] > 1]


def _key_rows(result: ValidationResult) -> tuple[int, list[int | None]]:
    return result.counts.get(RULE, 0), [f.row for f in result.findings if f.rule == RULE]


def _always_collides(typed: pl.DataFrame, columns: list[str]) -> pl.Expr:
    """A hash under which every key collides with every other."""
    missing = pl.all_horizontal(pl.col(c).is_null() for c in columns)
    return pl.when(missing).then(None).otherwise(pl.lit(7, pl.UInt64))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_key_rule_reports_exactly_the_rows_whose_key_repeats_in_their_delivery(
    tmp_path: Path, seed: int
) -> None:
    contract = load_contract("ind_zaken")
    deliveries = _deliveries(tmp_path, seed)
    results = validate_deliveries(contract, [p for p, _ in deliveries], arrival=ARRIVAL)
    for (path, keys), result in zip(deliveries, results, strict=True):
        expected = _expected_rows(keys)
        assert expected, "the generator makes repeated keys in every file"
        count, rows = _key_rows(result)
        assert count == len(expected), path.name
        assert rows == expected[:MAX_FINDINGS_PER_RULE], path.name
        assert not result.accepted
        shown = next(f for f in result.findings if f.rule == RULE)
        # the finding shows the key as delivered, under the delivered headers, not its hash
        zaak, gebeurtenis = keys[shown.row - 1]
        assert zaak in (shown.value or "") and gebeurtenis in (shown.value or "")
        assert "__" not in (shown.value or "")


@pytest.mark.parametrize("suite_rows", [None, 17])
def test_a_colliding_hash_changes_no_judgement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suite_rows: int | None
) -> None:
    """Under a hash where every key collides, every row is a candidate; only the rows with an
    equal key remain, also when the suite checks the frame in parts."""
    contract = load_contract("ind_zaken")
    files = [p for p, _ in _deliveries(tmp_path, 4)]
    if suite_rows:
        monkeypatch.setattr(verwachtingen, "SUITE_ROWS", suite_rows)
    honest = validate_deliveries(contract, files, arrival=ARRIVAL)
    monkeypatch.setattr(verwachtingen, "_key_code", _always_collides)
    colliding = validate_deliveries(contract, files, arrival=ARRIVAL)
    for a, b in zip(honest, colliding, strict=True):
        assert (a.accepted, a.findings, a.counts, a.values) == (
            b.accepted,
            b.findings,
            b.counts,
            b.values,
        )


def test_a_large_frame_with_two_key_rules_is_still_checked_in_parts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two key rules, each checked on the hash of its own key, share the columns of their keys:
    a large frame is still split (memory stays bounded), and rows with an equal key on those
    columns land in the same part, so each part's duplicates are the frame's."""
    gx, gxe, _ = verwachtingen._gx()
    monkeypatch.setattr(verwachtingen, "SUITE_ROWS", 5)
    rng = random.Random(5)
    frame = pl.DataFrame(
        {
            "zaak_id": [rng.choice(["a", "b", "c", "d", "e", None]) for _ in range(40)],
            "gebeurtenis": [rng.choice(EVENTS) for _ in range(40)],
            verwachtingen.GROUP_COLUMN: [rng.randint(0, 2) for _ in range(40)],
        }
    )
    hashed = {
        "__sleutel_0": ["zaak_id", "gebeurtenis", verwachtingen.GROUP_COLUMN],
        "__sleutel_1": ["zaak_id", verwachtingen.GROUP_COLUMN],
    }
    suite = gx.ExpectationSuite(name="twee-sleutels")
    for column in hashed:
        suite.add_expectation(gxe.ExpectColumnValuesToBeUnique(column=column))
    frame = frame.with_columns(
        verwachtingen._key_code(frame, columns).alias(code) for code, columns in hashed.items()
    )
    parts = verwachtingen._parts(suite, frame, hashed)
    assert parts is not None and len(parts) > 1
    assert sorted(i for p in parts for i in p.to_list()) == list(range(frame.height))
    part_of = {i: n for n, p in enumerate(parts) for i in p.to_list()}
    shared = list(zip(frame["zaak_id"], frame[verwachtingen.GROUP_COLUMN], strict=True))
    for i in range(frame.height):
        for j in range(frame.height):
            if shared[i] == shared[j]:
                assert part_of[i] == part_of[j], (i, j, shared[i])
