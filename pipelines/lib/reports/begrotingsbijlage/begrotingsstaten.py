"""Begrotingsbijlage, chapter begrotingsstaten."""

from __future__ import annotations

from typing import Any

import duckdb

from pipelines.lib import (
    charts,
    formatting,
)
from pipelines.lib import report_model as rm
from pipelines.lib.charts import Reeks
from pipelines.lib.formatting import (
    euro_kort,
    verandering,
)
from pipelines.lib.reports.begrotingsbijlage.budgettaire_gevolgen import HOOFDSTUK_AENM
from pipelines.lib.reports.bronnen import (
    Bronnen,
    sql_rijen,
)
from pipelines.lib.reports.tekst import (
    W_VPCT,
    relatieve_verandering,
)


def hoofdstuk(conn: duckdb.DuckDBPyConnection, b: Bronnen, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("begrotingsstaten", nummer, "Begrotingsstaten: realisatie en begroting")
    bron = b.regel("rijksfinancien_begrotingsstaten")
    h.waarschuwingen(b.waarschuwingen("rijksfinancien_begrotingsstaten"))
    jaar_rij = sql_rijen(conn, "begrotingsstaten_jaar", hoofdstuk=HOOFDSTUK_AENM, maand=b.maand)
    jaar = jaar_rij[0]["begrotingsjaar"] if jaar_rij else None
    if jaar is None:
        h.alinea("Er zijn nog geen begrotingsstaten met realisatie van hoofdstuk XX geleverd.")
    else:
        staten = sql_rijen(conn, "begrotingsstaten", hoofdstuk=HOOFDSTUK_AENM, begrotingsjaar=jaar)
        u = [r for r in staten if r["vuo"] == "U"]
        tot_real = sum(r["realisatie"] or 0 for r in u)
        tot_vast = sum(r["vastgesteld"] or 0 for r in u)
        h.alinea(
            f"In {jaar} gaf Asiel en Migratie {euro_kort(tot_real * 1000)} uit, "
            f"tegen {euro_kort(tot_vast * 1000)} in de vastgestelde begroting: een verschil van "
            f"{euro_kort((tot_real - tot_vast) * 1000)} "
            f"({verandering(relatieve_verandering(tot_real, tot_vast))}). "
            "De tabel volgt de opbouw van de begrotingsstaat in het jaarverslag (model 3.22d): "
            "per artikel de standen van de begroting, de realisatie en het verschil met de "
            "vastgestelde begroting."
        )
        rijen = []
        for soort_code, soort_label in (
            ("V", "Verplichtingen"),
            ("U", "Uitgaven"),
            ("O", "Ontvangsten"),
        ):
            rows = [r for r in staten if r["vuo"] == soort_code]
            if not rows:
                continue
            rijen.append(rm.Rij([rm.tekst(soort_label), *(rm.leeg() for _ in range(7))], "groep"))
            for r in rows:
                rijen.append(
                    rm.Rij(
                        [
                            rm.tekst(f"{r['artikelnummer']} {r['artikel']}"),
                            rm.getal(r["ontwerp"], formatting.bedrag),
                            rm.getal(r["vastgesteld"], formatting.bedrag),
                            rm.getal(r["eerste_suppletoire"], formatting.bedrag),
                            rm.getal(r["tweede_suppletoire"], formatting.bedrag),
                            rm.getal(r["realisatie"], formatting.bedrag),
                            rm.getal(r["verschil"], formatting.bedrag),
                            rm.getal(r["verschil_pct"], W_VPCT),
                        ],
                        "inspring",
                    )
                )

            def _som(key: str, rows: list[dict[str, Any]] = rows) -> int | None:
                values = [r[key] for r in rows]
                return None if any(v is None for v in values) else sum(values)

            som_vast, som_real = _som("vastgesteld"), _som("realisatie")
            rijen.append(
                rm.Rij(
                    [
                        rm.tekst(f"Totaal {soort_label.lower()}"),
                        rm.getal(_som("ontwerp"), formatting.bedrag),
                        rm.getal(som_vast, formatting.bedrag),
                        rm.getal(_som("eerste_suppletoire"), formatting.bedrag),
                        rm.getal(_som("tweede_suppletoire"), formatting.bedrag),
                        rm.getal(som_real, formatting.bedrag),
                        rm.getal(
                            None if som_vast is None or som_real is None else som_real - som_vast,
                            formatting.bedrag,
                        ),
                        rm.getal(
                            None
                            if not som_vast or som_real is None
                            else 100.0 * (som_real - som_vast) / som_vast,
                            W_VPCT,
                        ),
                    ],
                    "totaal",
                )
            )
        h.tabel(
            f"Begrotingsstaat hoofdstuk XX Asiel en Migratie {jaar}",
            [
                rm.Kolom("Artikel", "l", "24%"),
                rm.Kolom("Ontwerp­begroting", "r", "11%"),
                rm.Kolom("Vastgestelde begroting", "r", "11%"),
                rm.Kolom("1e supple­toire", "r", "11%"),
                rm.Kolom("2e supple­toire", "r", "11%"),
                rm.Kolom("Realisatie", "r", "11%"),
                rm.Kolom("Verschil", "r", "11%"),
                rm.Kolom("Verschil %", "r", "10%"),
            ],
            rijen,
            bron,
            eenheid=formatting.BEDRAGEN_X1000,
            kort=False,
            klein=True,
            noot="Verschil = realisatie min vastgestelde begroting. Een . betekent: "
            "(nog) niet bekend.",
        )
    reeks = sql_rijen(conn, "begrotingsstaten_reeks", artikel=37, maand=b.maand)
    if reeks:
        h.kop("Artikel 37 Migratie over de jaren", in_inhoud=True)
        h.alinea(
            "Tot en met 2024 was migratie artikel 37 van de begroting van Justitie en Veiligheid "
            "(hoofdstuk VI); sinds 2025 is het artikel 37 van de begroting Asiel en Migratie "
            "(hoofdstuk XX)."
        )
        laatste = max((i for i, r in enumerate(reeks) if r["realisatie"] is not None), default=None)
        gerealiseerd = reeks[: laatste + 1] if laatste is not None else []
        if gerealiseerd:
            h.figuur(
                "Uitgaven artikel 37 Migratie: vastgestelde begroting en realisatie",
                charts.grafiek(
                    titel="Uitgaven artikel 37 Migratie: vastgestelde begroting en realisatie",
                    samenvatting=(
                        "Staven voor de realisatie en een lijn voor de vastgestelde "
                        f"begroting per jaar van {gerealiseerd[0]['begrotingsjaar']} "
                        f"tot en met {gerealiseerd[-1]['begrotingsjaar']}, in € mln; "
                        f"realisatie {gerealiseerd[-1]['begrotingsjaar']}: "
                        f"{euro_kort(gerealiseerd[-1]['realisatie'] * 1000)}"
                        + (
                            f"""; geen realisatie bekend voor {
                                ", ".join(
                                    str(r["begrotingsjaar"])
                                    for r in gerealiseerd
                                    if r["realisatie"] is None
                                )
                            }"""
                            if any(r["realisatie"] is None for r in gerealiseerd)
                            else ""
                        )
                        + "."
                    ),
                    categorieen=[str(r["begrotingsjaar"]) for r in gerealiseerd],
                    reeksen=[
                        Reeks(
                            "Realisatie",
                            [
                                None if r["realisatie"] is None else r["realisatie"] / 1000
                                for r in gerealiseerd
                            ],
                        ),
                        Reeks(
                            "Vastgestelde begroting",
                            [
                                None if r["vastgesteld"] is None else r["vastgesteld"] / 1000
                                for r in gerealiseerd
                            ],
                            soort="lijn",
                            kleur="#a90061",
                        ),
                    ],
                    as_label="€ mln",
                ),
                bron,
            )
        h.tabel(
            "Uitgaven artikel 37 Migratie per jaar",
            [
                rm.Kolom("Jaar", "l"),
                rm.Kolom("Hoofdstuk", "l"),
                rm.Kolom("Ontwerp­begroting"),
                rm.Kolom("Vastgestelde begroting"),
                rm.Kolom("Realisatie"),
                rm.Kolom("Verschil"),
                rm.Kolom("Verschil %"),
            ],
            [
                rm.Rij(
                    [
                        rm.tekst(str(r["begrotingsjaar"])),
                        rm.tekst(r["begrotingsnummer"]),
                        rm.getal(r["ontwerp"], formatting.bedrag),
                        rm.getal(r["vastgesteld"], formatting.bedrag),
                        rm.getal(r["realisatie"], formatting.bedrag),
                        rm.getal(r["verschil"], formatting.bedrag),
                        rm.getal(r["verschil_pct"], W_VPCT),
                    ]
                )
                for r in reeks
            ],
            bron,
            eenheid=formatting.BEDRAGEN_X1000,
            kort=False,
        )
    return h
