"""The colofon of both documents: what the edition rests on."""

from __future__ import annotations

from typing import Any

from pipelines.lib import (
    catalogus,
)
from pipelines.lib import report_model as rm
from pipelines.lib.editie import invoer_hash
from pipelines.lib.reports.bronnen import (
    BEWERKING,
    Bronnen,
    opgemaakt,
    volledigheid,
)
from pipelines.lib.reports.hoofdstuk import uit_sjabloon
from pipelines.lib.reports.instellingen import organisatie
from pipelines.lib.versioning import code_version


def invoer(b: Bronnen, document: str) -> list[dict[str, Any]]:
    """Per source of `document`: its deliveries (accepted and rejected), the last one and the
    hash over all of them; `laatste` is None when the source has not delivered."""
    rows = []
    for source in catalogus.DOCUMENTEN[document].bronnen:
        st = b.status[source]
        levs = st.geaccepteerd + st.afgewezen
        rows.append(
            {
                "bron": st.info.naam,
                "leveringen": len(levs),
                "laatste": st.laatste.file_name if st.laatste else None,
                "sha256_laatste": st.laatste.sha256 if st.laatste else "",
                "sha256_alle": invoer_hash(levs) if levs else "",
            }
        )
    return rows


def colofon(b: Bronnen, nummer: str, document: str, titel: str) -> rm.Hoofdstuk:
    return uit_sjabloon(
        "_colofon.html.j2",
        rm.Hoofdstuk(
            "colofon",
            nummer,
            "Verantwoording en colofon",
            klasse="colofon",
            kopnummer=f"Bijlage {nummer}",
        ),
        titel=titel,
        uitgave=organisatie(),
        maand=b.maand,
        editie=b.editie_id,
        volledigheid=volledigheid(b, document),
        versie=code_version(),
        opgemaakt=opgemaakt(b),
        invoer=invoer(b, document),
        bewerking=BEWERKING,
    )
