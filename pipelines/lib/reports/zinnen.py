"""The shared sentences of the documents, from `reports/templates/_zinnen.txt.j2`.

They are plain text, not markup: the same source line stands under a table in the PDF and in the
workbook, so the document templates escape it where they place it."""

from __future__ import annotations

import functools
from typing import Any

import jinja2

from pipelines.lib import formatting, paths


@functools.cache
def _zinnen() -> Any:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(paths.TEMPLATES_DIR)),
        autoescape=False,  # plain text; escaped where a template places it
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )
    env.filters.update(datum=formatting.datum, maand_jaar=formatting.maand_jaar)
    return env.get_template("_zinnen.txt.j2").module


def zin(naam: str, *args: Any, **kwargs: Any) -> str:
    """The sentence `naam` of _zinnen.txt.j2 with these values."""
    return str(getattr(_zinnen(), naam)(*args, **kwargs))
