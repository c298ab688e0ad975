"""Maandrapportage, chapter beleidsclaims."""

from __future__ import annotations

from pipelines.lib import (
    formatting,
)
from pipelines.lib import report_model as rm
from pipelines.lib.reports.bronnen import (
    BEWERKING,
)
from pipelines.lib.reports.hoofdstuk import MaandData


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("beleidsclaims", nummer, "Toetsing beleidsclaims")
    claims = d.rows("beleidsclaims")
    telling = {
        s: sum(1 for c in claims if c["status"] == s)
        for s in ("bevestigd", "afwijkend", "geen data")
    }
    parameters = sum(1 for c in claims if c["soort"] == "beleidsparameter")
    h.alinea(
        "De begroting 2026 van Asiel en Migratie (paragraaf 2.1) onderbouwt haar prioriteiten "
        "met cijfers. De Ketenmonitor meet elke claim die in de data te toetsen is bij iedere run "
        "opnieuw, ongeacht de verslagmaand. Een claim is bevestigd als de gemeten waarde binnen "
        "de marge van de geclaimde waarde ligt (de halve afrondingseenheid van de begroting). "
        "Beleidsparameters, zoals termijnen, worden getoond maar niet gemeten."
    )
    h.alinea(
        f"Van de {len(claims)} claims zijn er {telling['bevestigd']} bevestigd en "
        f"{telling['afwijkend']} afwijkend; {telling['geen data']} hebben geen (voldoende) data"
        + (f", waarvan {parameters} beleidsparameters" if parameters else "")
        + "."
    )
    rijen = []
    for i, c in enumerate(claims, start=1):
        status = (c["status"] or "").strip()
        gemeten = c["gemeten"] if c["gemeten"] not in (None, "") else formatting.ONBEKEND
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
                    rm.Cel(
                        status
                        + (" (beleids­parameter)" if c["soort"] == "beleidsparameter" else ""),
                        status,
                        "l",
                        "status " + status.replace(" ", "-"),
                    ),
                ]
            )
        )
    h.tabel(
        "Beleidsclaims uit de begroting 2026 en wat de data laten zien",
        [
            rm.Kolom("Nr.", "l", "4%"),
            rm.Kolom("Paragraaf", "l", "14%"),
            rm.Kolom("Claim", "l", "39%"),
            rm.Kolom("Geclaimd", "r", "13%"),
            rm.Kolom("Gemeten", "r", "13%"),
            rm.Kolom("Status", "l", "17%"),
        ],
        rijen,
        "Bron: begroting 2026 Asiel en Migratie (XX), paragraaf 2.1; metingen: "
        "zie de hoofdstukken; " + BEWERKING,
        kort=False,
        legenda=any(c["voorlopig"] for c in claims),
    )
    h.kop("Toelichting en meetwijze per claim")
    h.lijst(
        [
            f"{i}. {c['toelichting'] or ''} "
            f"{('Meetwijze: ' + c['hoe_gemeten']) if c['hoe_gemeten'] else ''}".strip()
            for i, c in enumerate(claims, start=1)
        ],
        "toelichting",
    )
    return h
