"""Generate the embedded sample deliveries (``data/sample/landing``) and check their calibration.

The entry point of ``make sample``: ``.venv/bin/python tools/generate_sample.py [--help]`` from
the repository root. The generator itself is the package ``tools/sample/`` (its docstring has the
calibration approach and why the output is deterministic); the names below are its public face.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, sys.path[0] is tools/; the package is imported from this checkout's root.
_ROOT = str(Path(__file__).resolve().parents[1])
if sys.path[0] != _ROOT:
    sys.path.insert(0, _ROOT)

from pipelines.lib.contracts import SOURCES  # noqa: E402
from tools.sample.calibration import CalibrationError, check_calibration  # noqa: E402
from tools.sample.cli import main  # noqa: E402
from tools.sample.common import largest_remainder, mi_of  # noqa: E402
from tools.sample.generate import generate  # noqa: E402
from tools.sample.taakstelling import achterstand  # noqa: E402

__all__ = [
    "SOURCES",
    "CalibrationError",
    "achterstand",
    "check_calibration",
    "generate",
    "largest_remainder",
    "main",
    "mi_of",
]

if __name__ == "__main__":
    sys.exit(main())
