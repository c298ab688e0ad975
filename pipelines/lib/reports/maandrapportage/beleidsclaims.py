"""Maandrapportage, chapter beleidsclaims."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipelines.lib import formatting
from pipelines.lib import report_model as rm
from pipelines.lib.reports.bronnen import BEWERKING
from pipelines.lib.reports.hoofdstuk import MaandData, uit_sjabloon


def claim_rijen(claims: Sequence[dict[str, Any]]) -> list[rm.Rij]:
    """The rows of the claims table: the measured value keeps its own CSV text (empty when
    unknown) and its provisional mark, the status cell a class per status."""
    rijen = []
    for i, c in enumerate(claims, start=1):
        status = (c["status"] or "").strip()
        gemeten = c["gemeten"] if c["gemeten"] not in (None, "") else formatting.ONBEKEND
        parameter = " (beleids\u00adparameter)" if c["soort"] == "beleidsparameter" else ""
        rijen.append(
            rm.Rij(
                [
                    rm.tekst(str(i)),
                    rm.tekst(c["paragraaf"], klasse="afbreken"),
                    rm.tekst(f"{c['claim']} ({c['periode']})" if c["periode"] else c["claim"]),
                    rm.tekst(c["geclaimd"], "r"),
                    rm.Cel(
                        gemeten,
                        c["gemeten"] or "",
                        "r",
                        symbool=formatting.VOORLOPIG if c["voorlopig"] else "",
                    ),
                    rm.Cel(status + parameter, status, "l", "status " + status.replace(" ", "-")),
                ]
            )
        )
    return rijen


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    claims = d.rows("beleidsclaims")
    return uit_sjabloon(
        "maandrapportage/09_beleidsclaims.html.j2",
        rm.Hoofdstuk("beleidsclaims", nummer, "Toetsing beleidsclaims"),
        claims=claims,
        telling={
            s: sum(1 for c in claims if c["status"] == s)
            for s in ("bevestigd", "afwijkend", "geen data")
        },
        parameters=sum(1 for c in claims if c["soort"] == "beleidsparameter"),
        rijen=claim_rijen(claims),
        bewerking=BEWERKING,
    )
