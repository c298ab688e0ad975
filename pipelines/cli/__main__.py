"""`python -m pipelines.cli`: the same as the `ketenmonitor` command."""

import sys

from pipelines.cli import entrypoint

sys.exit(entrypoint())
