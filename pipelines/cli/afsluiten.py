"""The end of a `ketenmonitor` process, without the interpreter's teardown.

When a command has ended, the interpreter would free every module and object one by one (Dagster,
Great Expectations, pandas, WeasyPrint): 1 to 1,5 s after a run, with nothing left to write. So once
every exit handler has run, the process ends at once with the command's exit code. Everything the
command wrote is closed by then: the warehouse's and Dagster's connections are closed where they
are opened, and the exit handlers of the libraries (DuckDB's, Polars', temporary files) have run;
logging and stdout/stderr are flushed here.

The handler is registered when `pipelines.cli` is imported, before the libraries it imports
register theirs, so that it runs after them (exit handlers run last-in, first-out). It acts only
when `entrypoint` has set a code; a command that ends in an exception other than SystemExit, Ctrl-C
included, ends as Python ends it, and so does any other use of the package (tests).
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import sys

_code: list[int] = []


def na_afloop(code: int) -> None:
    """End the process with `code` once every exit handler has run."""
    _code[:] = [code]


def _end() -> None:
    if not _code:
        return
    logging.shutdown()  # registered before this handler, so it would not run any more
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(_code[0])


atexit.register(_end)
