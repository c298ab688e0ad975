"""Maandrapportage, chapter bijstellingen."""

from __future__ import annotations

from typing import Any

from pipelines.lib import report_model as rm
from pipelines.lib import vergelijking
from pipelines.lib.catalogus import BRONNEN
from pipelines.lib.formatting import maand_jaar
from pipelines.lib.perioden import add_months, periode_bereik
from pipelines.lib.reports.bronnen import BEWERKING
from pipelines.lib.reports.hoofdstuk import MaandData, uit_sjabloon
from pipelines.lib.reports.tekst import geleverde_waarde


def _naam(bron: str) -> str:
    return BRONNEN[bron].naam if bron in BRONNEN else bron


def _periode_label(periode: str) -> str:
    bereik = periode_bereik(periode)
    return maand_jaar(bereik[0]) if bereik and bereik[0] == bereik[1] else periode


def _editie(d: MaandData) -> dict[str, Any] | None:
    """This edition's figures against the previous month's edition (None without an edition):
    the previous edition, how many figures changed and the first 25 of them."""
    ed = d.bronnen.editie
    if ed is None:
        return None
    changed, vorige = vergelijking.vergelijk(d.conn, ed)
    return {
        "vorige_maand": add_months(d.maand, -1),
        "vorige": vorige,
        "aantal": changed.height,
        "rijen": [
            r | {"periode_label": _periode_label(r["periode"])}
            for r in changed.head(25).iter_rows(named=True)
        ],
    }


def _overig(r: dict[str, Any]) -> dict[str, Any]:
    """A changed value of another source: its old and new value as delivered, or the word for a
    new or a dropped line. Without the field `soort`, which would be taken for the row's kind."""
    soort = r.pop("soort")
    gewijzigd = soort == "gewijzigd"
    return r | {
        "naam": _naam(r["bron"]),
        "kolom_tekst": r["kolom"] or soort,
        "was": geleverde_waarde(r["oud"])
        if gewijzigd
        else ("" if soort == "nieuw" else "vervallen"),
        "nu": geleverde_waarde(r["nieuw"]) if gewijzigd else ("nieuw" if soort == "nieuw" else ""),
    }


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    m = d.maand
    gegevens: dict[str, Any] = {
        "editie": _editie(d),
        "samenvatting": [
            r | {"naam": _naam(r["bron"])} for r in d.rows("bijstellingen_samenvatting", maand=m)
        ],
        "bewerking": BEWERKING,
        "waarschuwing": rm.Waarschuwing,
    }
    if gegevens["samenvatting"]:
        herzien = [
            r for r in d.rows("opvallend", max=50) if r["rule"].endswith(".definitief_herzien")
        ]
        gegevens |= {
            "herzien": [
                r | {"naam": _naam(r["source"])}
                for r in {r["delivery_id"]: r for r in herzien}.values()
            ],
            "cbs": d.rows("bijstellingen_instroom", van=d.van, maand=m),
            "bron_cbs": d.bronnen.regel("cbs_asielverzoeken"),
            "overig": [_overig(r) for r in d.rows("bijstellingen_overig", max=25, maand=m)],
        }
    return uit_sjabloon(
        "maandrapportage/10_bijstellingen.html.j2",
        rm.Hoofdstuk("bijstellingen", nummer, "Bijstellingen t.o.v. vorige editie"),
        **gegevens,
    )
