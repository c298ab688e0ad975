"""What a chapter is built from, and how its template becomes part of a document.

A chapter is a template, `reports/templates/<document>/<nn>_<hoofdstuk>.html.j2`: its headings,
its fixed prose and which tables and figures appear, in reading order. Its chapter module
(`pipelines/lib/reports/<document>/<hoofdstuk>.py`) runs the chapter's named queries of
`sql/reports/` and hands the rows to the template, with what a template cannot do (a choice
between phrasings, chart geometry). The template formats figures with the filters of
`pipelines.lib.render.environment` plus the report formats below, and declares each table once:

    {% set t = tabel_van(h, "Titel", bron, rows, [
         kolom("Stand eind", "maand", "maand_jaar", breedte="20%"),
         kolom("Bezetting", "bezetting"),
       ]) %}
    {{ tabel(t) }}

`tabel_van` numbers the table in the order the template places it, builds its cells from the
columns (text for a text format, a figure with its workbook number for a number format) and
registers it for the workbook and the CSV attachments; the `tabel` macro renders it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import jinja2
from markupsafe import Markup

from pipelines.lib import charts, formatting, render
from pipelines.lib import report_model as rm
from pipelines.lib.perioden import add_months
from pipelines.lib.reports import tekst
from pipelines.lib.reports.bronnen import Bronnen, sql_rijen


@dataclass
class MaandData:
    conn: duckdb.DuckDBPyConnection
    maand: dt.date
    bronnen: Bronnen
    controles: Mapping[str, str] | None = None  # source -> outcome of the blocking contract check

    @property
    def van(self) -> dt.date:
        return add_months(self.maand, -12)

    def rows(self, name: str, **params: Any) -> list[dict[str, Any]]:
        return sql_rijen(self.conn, name, **params)


# The formats a declared column can name. A text format gives a text cell; a number format gives
# a figure that the workbook holds as the number the text shows (report_model.Weergave).
TEKSTOPMAAK: dict[str, Callable[[Any], str]] = {
    "tekst": lambda v: "" if v is None else str(v),
    "maand_jaar": formatting.maand_jaar,
    "maand_kort_jaar": tekst.maand_kort_jaar,
    "label_maand": tekst.label_maand,
    "datum": formatting.datum,
}
GETALOPMAAK: dict[str, Callable[[Any], str] | rm.Weergave] = {
    "getal": formatting.getal,
    "getal_teken": formatting.getal_teken,
    "bedrag": formatting.bedrag,
    "euro_x1000": formatting.euro_x1000,
    "procent": formatting.procent,
    "verandering": formatting.verandering,
    "pct": tekst.W_PCT,
    "vpct": tekst.W_VPCT,
    "mln": tekst.W_MLN,
    "getal_2": tekst.W_2,
}


def kolom(
    kop: str,
    veld: str = "",
    opmaak: str = "getal",
    *,
    uitlijning: str = "",
    breedte: str = "",
    symbool: str = "",
    klasse: str = "",
) -> rm.Kolom:
    """A declared column: heading, the row field it shows and its format; a text format is
    left-aligned unless told otherwise, a figure right-aligned."""
    if opmaak not in TEKSTOPMAAK and opmaak not in GETALOPMAAK:
        raise ValueError(f"kolom {kop!r}: onbekende opmaak {opmaak!r}")
    standaard = "l" if opmaak in TEKSTOPMAAK else "r"
    return rm.Kolom(kop, uitlijning or standaard, breedte, veld, opmaak, symbool, klasse)


def cel(k: rm.Kolom, rij: Mapping[str, Any]) -> rm.Cel:
    """The cell of declared column `k` in a query row."""
    value = rij[k.veld]
    if k.opmaak in TEKSTOPMAAK:
        return rm.tekst(TEKSTOPMAAK[k.opmaak](value), k.uitlijning, k.klasse)
    symbool = rij[k.symbool] if k.symbool else ""
    return rm.getal(value, GETALOPMAAK[k.opmaak], symbool=symbool or "", klasse=k.klasse)


def rijen_van(kolommen: Sequence[rm.Kolom], rows: Sequence[Any]) -> list[rm.Rij]:
    """Table rows from query rows (a mapping per row, its kind in the optional field `soort`);
    rows that are already built (rm.Rij) stay as they are."""
    out = []
    for r in rows:
        if isinstance(r, rm.Rij):
            out.append(r)
        else:
            out.append(rm.Rij([cel(k, r) for k in kolommen], r.get("soort") or ""))
    return out


def reeks(
    naam: str, rows: Sequence[Mapping[str, Any]], veld: str, *, deel: float = 1, **opties: Any
) -> charts.Reeks:
    """A chart series declared in a template: its legend name and the row field it shows (divided
    by `deel`, e.g. 1000 for € x 1.000 shown in € mln; an empty value stays empty)."""
    waarden = [r[veld] if deel == 1 or r[veld] is None else r[veld] / deel for r in rows]
    return charts.Reeks(naam, waarden, **opties)


def tabel_van(
    h: rm.Hoofdstuk,
    titel: str,
    bron: str,
    rows: Sequence[Any],
    kolommen: Sequence[rm.Kolom],
    **opties: Any,
) -> rm.Tabel:
    """A numbered table of chapter `h` from its declaration (see the module's docstring)."""
    return h.tabel(titel, kolommen, rijen_van(kolommen, rows), bron, **opties)


@functools.cache
def omgeving() -> jinja2.Environment:
    """The Jinja environment of the chapter templates: the document environment plus the report
    formats as filters and the table, column and chart helpers as globals."""
    env = render.environment()
    env.filters.update(
        pct=tekst.pct,
        vpct=tekst.vpct,
        label_maand=tekst.label_maand,
        maand_kort_jaar=tekst.maand_kort_jaar,
        maand_naam=formatting.maand_naam,
        maand_kort=formatting.maand_kort,
        aantal=formatting.aantal,
        cbs_symbool=tekst.cbs_symbool,
    )
    env.globals.update(
        kolom=kolom,
        tabel_van=tabel_van,
        Reeks=charts.Reeks,
        reeks=reeks,
        grafiek=charts.grafiek,
        kwartaal=formatting.kwartaal,
    )
    return env


def uit_sjabloon(naam: str, h: rm.Hoofdstuk, **gegevens: Any) -> rm.Hoofdstuk:
    """Chapter `h` as its template `reports/templates/<naam>` renders it with `gegevens`."""
    template = omgeving().get_template(naam)
    try:
        h.html = Markup(template.render(h=h, **gegevens))
    except jinja2.UndefinedError as exc:
        raise render.RenderError(f"{naam}: {exc}") from exc
    return h
