"""The embedded sample data (data/sample/landing) and its generator (tools/sample/, whose
public names tools/generate_sample.py brings together).

* the committed files meet the calibration targets the policy claims are checked against;
* the generator reproduces the committed files byte for byte (so they are not stale and the
  generator is deterministic), also when only a subset of sources is generated;
* the backlog definition and the rounding helper on hand-computed examples.

Generation only ever writes under pytest's tmp_path.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

pytestmark = pytest.mark.slow  # the whole sample generated again

REPO = Path(__file__).resolve().parents[1]
LANDING = REPO / "data" / "sample" / "landing"
REFERENCE = REPO / "data" / "reference"
REFERENCE_FILES = ("gemeenten.csv", "nationaliteiten.csv", "taskforce_regelingen.csv")


@pytest.fixture(scope="module")
def gs() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_sample", REPO / "tools" / "generate_sample.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    write_bytecode = sys.dont_write_bytecode
    sys.dont_write_bytecode = True  # no __pycache__ in the working tree
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = write_bytecode
    return module


def _digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _committed(gs: ModuleType, sources: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for source in sources:
        for rel, digest in _digests(LANDING / source).items():
            out[f"data/sample/landing/{source}/{rel}"] = digest
    for name in REFERENCE_FILES:
        out[f"data/reference/{name}"] = hashlib.sha256((REFERENCE / name).read_bytes()).hexdigest()
    return out


def _generated(root: Path) -> dict[str, str]:
    return {
        rel: digest
        for rel, digest in _digests(root).items()
        if rel.startswith(("data/sample/landing/", "data/reference/"))
    }


def test_committed_sample_meets_calibration(gs: ModuleType) -> None:
    measured = gs.check_calibration(LANDING, REFERENCE)  # raises CalibrationError on a miss
    # The policy claims of the 2026 budget, stated once more so a failure reads plainly.
    assert -0.52 <= measured["cbs_eerste_Q1_2025_vs_2024"] <= -0.48
    assert abs(measured["achterstand_2025-05"] - 12_500) <= 0.005 * 12_500
    assert 0.039 <= measured["aantoonbaar_vertrek_groei"] <= 0.041
    assert measured["groei_gedwongen"] > measured["groei_zelfstandig_onder_toezicht"]
    assert measured["taskforce_ramp"][2029] == 118_000
    assert [measured[f"OWB2025_art37_U_{y}"] for y in (2025, 2026, 2027, 2028)] == [
        9_480_898,
        9_769_219,
        2_854_239,
        1_218_804,
    ]


def test_generator_reproduces_committed_sample(gs: ModuleType, tmp_path: Path) -> None:
    gs.generate(tmp_path)
    generated = _generated(tmp_path)
    committed = _committed(gs, gs.SOURCES)
    assert sorted(generated) == sorted(committed), "file set differs: regenerate the sample"
    stale = [rel for rel in generated if generated[rel] != committed[rel]]
    assert not stale, f"committed sample differs from the generator output: {stale[:5]}"


def test_subset_generation_gives_the_same_bytes(gs: ModuleType, tmp_path: Path) -> None:
    # Each source has its own random stream, so generating a few sources alone must give the
    # same files as a full run (coa_bezetting also depends on the housing model).
    sources = ("coa_bezetting", "dtenv_vertrek", "mpp_prognose")
    gs.generate(tmp_path, sources=sources)
    assert _generated(tmp_path) == _committed(gs, sources)
    gs.check_calibration(
        tmp_path / "data" / "sample" / "landing", tmp_path / "data" / "reference", sources
    )


def test_achterstand_hand_example(gs: ModuleType) -> None:
    h1, h2 = 2022 * 2, 2022 * 2 + 1
    taak = {("G1", h1): 10, ("G1", h2): 10, ("G2", h1): 5, ("G2", h2): 0}
    m = gs.mi_of
    housed = {
        ("G1", m(2022, 1)): 2,
        ("G1", m(2022, 3)): 3,
        ("G1", m(2022, 7)): 4,
        ("G2", m(2022, 1)): 8,
    }
    months = list(range(m(2022, 1), m(2022, 8) + 1))
    national = gs.achterstand(taak, housed, ["G1", "G2"], months)
    # H1 starts from saldo 0, so no backlog yet. G1 ends H1 at 10 - 5 = 5 and houses 4 in
    # July: backlog 1 in July and August. G2's surplus (5 - 8 = -3) is not netted against G1.
    assert [national[x] for x in months] == [0, 0, 0, 0, 0, 0, 1, 1]


def test_largest_remainder(gs: ModuleType) -> None:
    assert gs.largest_remainder([1, 1, 1], 10) == [4, 3, 3]
    # Quotas 1.5 / 0.75 / 0.75: the two largest remainders (0.75) get the seats left over.
    assert gs.largest_remainder([0.5, 0.25, 0.25], 3) == [1, 1, 1]
    assert gs.largest_remainder([1, 1], 3) == [2, 1]  # ties go to the earlier index
    values = gs.largest_remainder([17_918_711 / (i + 1) for i in range(342)], 15_000)
    assert sum(values) == 15_000 and min(values) >= 0
