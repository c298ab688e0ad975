"""Maandrapportage, chapter ind."""

from __future__ import annotations

from pipelines.lib import (
    charts,
    formatting,
)
from pipelines.lib import report_model as rm
from pipelines.lib.charts import Reeks
from pipelines.lib.formatting import (
    getal,
    maand_jaar,
)
from pipelines.lib.reports.hoofdstuk import MaandData
from pipelines.lib.reports.tekst import (
    OPENBAAR_NOOT,
    PROCEDURES,
    W_PCT,
    label_maand,
    pct,
)


def hoofdstuk(d: MaandData, nummer: str) -> rm.Hoofdstuk:
    h = rm.Hoofdstuk("ind-afhandeling", nummer, "IND-afhandeling")
    m = d.maand
    bron = d.bronnen.regel("ind_zaken")
    h.waarschuwingen(d.bronnen.waarschuwingen("ind_zaken"))
    rows = d.rows("ind_afhandeling", van=d.van, maand=m)
    tot = [r for r in rows if r["procedure"] == "totaal"]
    if not tot:
        h.alinea("Er zijn geen IND-zaakgegevens in de verslagperiode.")
        return h
    cur = tot[-1]
    cur_m = cur["maand"]
    eerste = next(
        (r for r in rows if r["maand"] == cur_m and r["procedure"] == "asiel_eerste"), None
    )
    h.alinea(
        f"In {maand_jaar(cur_m)} ontving de IND {getal(cur['aanvragen'])} "
        f"asielaanvragen en nam zij {getal(cur['beslissingen'])} beslissingen, "
        f"waarvan {pct(cur['inwilligingspercentage'])} een inwilliging. Eind {maand_jaar(cur_m)} "
        f"lagen er {getal(cur['voorraad'])} asielzaken zonder beslissing."
        + (
            " Een eerste asielaanvraag waarop in deze maand werd beslist, "
            "had een mediane doorlooptijd van "
            f"{formatting.aantal(eerste['doorlooptijd_mediaan_dagen'], 'dag', 'dagen')}; "
            f"{pct(eerste['binnen_termijn_pct'])} van die beslissingen viel binnen de wettelijke "
            "termijn van zes maanden."
            if eerste and eerste["doorlooptijd_mediaan_dagen"] is not None
            else ""
        )
    )
    h.figuur(
        "Asielaanvragen en beslissingen per maand",
        charts.grafiek(
            titel="Asielaanvragen en beslissingen per maand",
            samenvatting=(
                "Staven voor aanvragen en beslissingen per maand, "
                f"van {maand_jaar(tot[0]['maand'])} tot en met {maand_jaar(cur_m)}; laatste maand "
                f"{getal(cur['aanvragen'])} aanvragen en {getal(cur['beslissingen'])} beslissingen."
            ),
            categorieen=[label_maand(r["maand"]) for r in tot],
            reeksen=[
                Reeks("Aanvragen", [r["aanvragen"] for r in tot]),
                Reeks("Beslissingen", [r["beslissingen"] for r in tot], kleur="#8fcae7"),
            ],
            as_label="zaken",
        ),
        bron,
    )
    per_proc = [r for r in rows if r["maand"] == cur_m]
    h.tabel(
        f"Afhandeling asielzaken naar procedure, {maand_jaar(cur_m)}",
        [
            rm.Kolom("Procedure", "l", "19%"),
            rm.Kolom("Aanvragen", "r", "11%"),
            rm.Kolom("Beslissingen", "r", "12%"),
            rm.Kolom("Inwilliging", "r", "11%"),
            rm.Kolom("Voorraad", "r", "10%"),
            rm.Kolom("Mediane doorlooptijd (dagen)", "r", "13%"),
            rm.Kolom("Doorlooptijd p90 (dagen)", "r", "13%"),
            rm.Kolom("Binnen 6 maanden", "r", "11%"),
        ],
        [
            rm.Rij(
                [
                    rm.tekst(PROCEDURES.get(r["procedure"], r["procedure"])),
                    rm.getal(r["aanvragen"]),
                    rm.getal(r["beslissingen"]),
                    rm.getal(r["inwilligingspercentage"], W_PCT),
                    rm.getal(r["voorraad"]),
                    rm.getal(r["doorlooptijd_mediaan_dagen"]),
                    rm.getal(r["doorlooptijd_p90_dagen"]),
                    rm.getal(r["binnen_termijn_pct"], W_PCT),
                ],
                "totaal" if r["procedure"] == "totaal" else "",
            )
            for r in per_proc
        ],
        bron,
        noot=OPENBAAR_NOOT,
        legenda=True,
    )
    h.tabel(
        "Asielzaken per maand, alle procedures",
        [
            rm.Kolom("Maand", "l"),
            rm.Kolom("Aanvragen"),
            rm.Kolom("Inwilligingen"),
            rm.Kolom("Afwijzingen"),
            rm.Kolom("Intrekkingen"),
            rm.Kolom("Inwilliging"),
            rm.Kolom("Voorraad"),
        ],
        [
            rm.Rij(
                [
                    rm.tekst(maand_jaar(r["maand"])),
                    rm.getal(r["aanvragen"]),
                    rm.getal(r["inwilligingen"]),
                    rm.getal(r["afwijzingen"]),
                    rm.getal(r["intrekkingen"]),
                    rm.getal(r["inwilligingspercentage"], W_PCT),
                    rm.getal(r["voorraad"]),
                ]
            )
            for r in tot
        ],
        bron,
        eenheid="zaken",
        noot=OPENBAAR_NOOT,
        legenda=True,
    )
    return h
