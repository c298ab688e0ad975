"""``python -m tools.sample``: the same as ``python tools/generate_sample.py``."""

import sys

from tools.sample.cli import main

sys.exit(main())
