"""Calibration checks, run on the written files so they also hold for the committed sample.

``check_calibration`` re-reads each source's files and raises ``CalibrationError`` listing every
published target that is missed; otherwise it returns the measured figures.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from pipelines.lib.contracts import SOURCES
from tools.sample.begroting import (
    ART37_OWB2025_TOTAL,
    ART37_OWB2025_VERPLICHTINGEN_2025,
    COA_OWB2025,
    IND_OWB2025,
    OWB2025_YEARS,
)
from tools.sample.begrotingsstaten import (
    BEGROTINGSSTATEN_FILE,
    REAL_BEGROTINGSSTATEN,
    begrotingsstaten_header,
)
from tools.sample.cbs import CBS_NAT_YEAR_TARGETS, CBS_PUBLISHED
from tools.sample.coa import OPVANGSOORTEN
from tools.sample.common import MONTHS, mi_of
from tools.sample.dtenv import VERTREKSOORTEN
from tools.sample.reference import (
    NATIONALITEIT_TOTAAL,
    TASKFORCE_LINES,
    TASKFORCE_TARGET_2029,
    cbs_code,
    read_gemeenten,
)
from tools.sample.taakstelling import (
    BACKLOG_TARGET,
    BACKLOG_TARGET_MONTH,
    BACKLOG_TOLERANCE,
    TAAKSTELLING,
    achterstand,
    half_index,
)


class CalibrationError(AssertionError):
    """The generated data misses a calibration target; the message lists every miss."""


def _read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


class _Checker:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.measured: dict[str, object] = {}

    def expect(self, ok: bool, message: str) -> None:
        if not ok:
            self.failures.append(message)

    def between(self, name: str, value: float, lo: float, hi: float) -> None:
        self.expect(lo <= value <= hi, f"{name} = {value} not in [{lo}, {hi}]")


Q1_RATIO_RANGE = (-0.52, -0.48)
VERTREK_GROWTH_RANGE = (0.039, 0.041)


def check_cbs(landing: Path, c: _Checker) -> None:
    folder = landing / "cbs_asielverzoeken"
    datasets = sorted(p for p in folder.glob("83102NED_*.json") if p.name.count(".") == 1)
    c.expect(len(datasets) == 2, f"expected 2 CBS snapshots, found {len(datasets)}")
    if not datasets:
        return
    field = {
        "t": "TotaalAsielverzoeken_1",
        "e": "EersteAsielverzoekenPersonen_2",
        "v": "VolgendeAsielverzoeken_3",
        "n": "NareizigersPersonen_4",
    }
    for ds in datasets:
        rows = json.loads(ds.read_bytes())["value"]
        stat = {
            r["Key"]: r["Status"]
            for r in json.loads(ds.with_name(ds.stem + ".Perioden.json").read_bytes())["value"]
        }
        nat_keys = {
            r["Key"].strip()
            for r in json.loads(ds.with_name(ds.stem + ".Nationaliteit.json").read_bytes())["value"]
        }
        total: dict[str, dict[str, int]] = {}
        nat_sum: dict[tuple[str, str], int] = {}
        by_key: dict[tuple[str, str, str], dict[str, int | None]] = {}
        for r in rows:
            g, nat, per = r["Geslacht"].strip(), r["Nationaliteit"].strip(), r["Perioden"]
            c.expect(per in stat, f"{ds.name}: period {per} missing from the code list")
            c.expect(nat in nat_keys, f"{ds.name}: nationality {nat} missing from the code list")
            vals = {k: r[f] for k, f in field.items()}
            by_key[g, nat, per] = vals
            if g == "T001038" and vals["t"] is not None:
                c.expect(
                    vals["t"] == vals["e"] + vals["v"] + vals["n"],
                    f"{ds.name}: total != parts in row {r['ID']}",
                )
            if g == "T001038" and nat == NATIONALITEIT_TOTAAL:
                total[per] = vals  # type: ignore[assignment]
            elif g == "T001038":
                for k in "evn":
                    nat_sum[per, k] = nat_sum.get((per, k), 0) + int(vals[k] or 0)
        for per, vals in total.items():
            for k in "evn":
                c.expect(
                    nat_sum.get((per, k), 0) <= vals[k],
                    f"{ds.name}: nationalities exceed the total in {per} ({k})",
                )
            if "KW" in per or "JJ" in per:
                year = per[:4]
                parts = (
                    [
                        f"{year}MM{m:02d}"
                        for m in range(3 * int(per[-2:]) - 2, 3 * int(per[-2:]) + 1)
                    ]
                    if "KW" in per
                    else [f"{year}KW{q:02d}" for q in range(1, 5)]
                )
                for k in "evn":
                    c.expect(
                        sum(total[p][k] for p in parts) == vals[k],
                        f"{ds.name}: {per} is not the sum of {parts} ({k})",
                    )
            men, women = (
                by_key.get(("3000", NATIONALITEIT_TOTAAL, per)),
                by_key.get(("4000", NATIONALITEIT_TOTAAL, per)),
            )
            if men and women:
                for k in "en":
                    c.expect(
                        men[k] + women[k] == vals[k],  # type: ignore[operator]
                        f"{ds.name}: men + women != total in {per} ({k})",
                    )
    latest = json.loads(datasets[-1].read_bytes())["value"]
    tot = {
        r["Perioden"]: r
        for r in latest
        if r["Geslacht"].strip() == "T001038" and r["Nationaliteit"].strip() == "T001059"
    }
    for name, k, periods, lo, hi in CBS_PUBLISHED:
        c.between(name, sum(tot[p][field[k]] for p in periods), lo, hi)
    q1_24, q1_25 = tot["2024KW01"][field["e"]], tot["2025KW01"][field["e"]]
    ratio = q1_25 / q1_24 - 1
    c.measured["cbs_eerste_2024Q1"] = q1_24
    c.measured["cbs_eerste_2025Q1"] = q1_25
    c.measured["cbs_eerste_Q1_2025_vs_2024"] = round(ratio, 4)
    c.between("eerste asielverzoeken Q1 2025 vs Q1 2024", ratio, *Q1_RATIO_RANGE)
    nat = {
        (r["Nationaliteit"].strip(), r["Perioden"]): r
        for r in latest
        if r["Geslacht"].strip() == "T001038"
    }
    for (cat, iso, year), target in CBS_NAT_YEAR_TARGETS.items():
        k = "e" if cat == "eerste" else "n"
        got = nat[cbs_code(iso), f"{year}JJ00"][field[k]]
        c.expect(got == target, f"80059NED {cat} {iso} {year}: {got} != {target}")


def check_housing(landing: Path, reference: Path, c: _Checker) -> dict[int, int]:
    gemeenten = read_gemeenten(reference / "gemeenten.csv")
    codes = [g.code for g in gemeenten]
    taak: dict[tuple[str, int], int] = {}
    for path in sorted((landing / "taakstelling").glob("*.csv")):
        rows = _read_csv(path)
        label = rows[0]["periode"]
        c.expect(len(rows) == 342, f"{path.name}: {len(rows)} rows")
        c.expect(
            sum(int(r["taakstelling"]) for r in rows) == TAAKSTELLING[label],
            f"{path.name}: rows do not add up to {TAAKSTELLING[label]}",
        )
        for r in rows:
            taak[r["gemeentecode"], half_index(r["periode"])] = int(r["taakstelling"])
    housed: dict[tuple[str, int], int] = {}
    for path in sorted((landing / "huisvesting_realisatie").glob("*.csv")):
        rows = _read_csv(path)
        c.expect(len(rows) == 342, f"{path.name}: {len(rows)} rows")
        for r in rows:
            year, month = map(int, r["maand"].split("-"))
            value = int(r["gehuisvest"])
            c.expect(value >= 0, f"{path.name}: negative gehuisvest")
            housed[r["gemeentecode"], mi_of(year, month)] = value
    backlog = achterstand(taak, housed, codes, MONTHS)
    may = backlog[BACKLOG_TARGET_MONTH]
    c.measured["achterstand_2022-08"] = backlog[mi_of(2022, 8)]
    c.measured["achterstand_2024-12"] = backlog[mi_of(2024, 12)]
    c.measured["achterstand_2025-05"] = may
    c.between(
        "taakstelling backlog May 2025",
        may,
        BACKLOG_TARGET * (1 - BACKLOG_TOLERANCE),
        BACKLOG_TARGET * (1 + BACKLOG_TOLERANCE),
    )
    return backlog


def check_dtenv(landing: Path, c: _Checker) -> None:
    per_year: dict[tuple[int, str], int] = {}
    for path in sorted((landing / "dtenv_vertrek").glob("*.csv")):
        for r in _read_csv(path):
            value = 0 if r["aantal"] == "." else int(r["aantal"])
            c.expect(value % 10 == 0, f"{path.name}: {value} not rounded to tens")
            key = (int(r["maand"][:4]), r["vertreksoort"])
            per_year[key] = per_year.get(key, 0) + value
    for soort, values in zip(
        VERTREKSOORTEN, ((2_450, 3_240), (1_850, 2_750), (4_310, 5_740)), strict=True
    ):
        c.expect(per_year[2022, soort] == values[0], f"DTenV 2022 {soort} != {values[0]}")
        c.expect(per_year[2024, soort] == values[1], f"DTenV 2024 {soort} != {values[1]}")
    a23 = per_year[2023, "zelfstandig_onder_toezicht"] + per_year[2023, "gedwongen"]
    a24 = per_year[2024, "zelfstandig_onder_toezicht"] + per_year[2024, "gedwongen"]
    growth = a24 / a23 - 1
    d_zelf = (
        per_year[2024, "zelfstandig_onder_toezicht"] - per_year[2023, "zelfstandig_onder_toezicht"]
    )
    d_gedw = per_year[2024, "gedwongen"] - per_year[2023, "gedwongen"]
    c.measured["aantoonbaar_vertrek_2023"] = a23
    c.measured["aantoonbaar_vertrek_2024"] = a24
    c.measured["aantoonbaar_vertrek_groei"] = round(growth, 4)
    c.measured["groei_zelfstandig_onder_toezicht"] = d_zelf
    c.measured["groei_gedwongen"] = d_gedw
    c.expect(a23 == 5_760, f"aantoonbaar vertrek 2023 = {a23}, expected 5.760 (R60)")
    c.between("aantoonbaar vertrek 2024 vs 2023", growth, *VERTREK_GROWTH_RANGE)
    c.expect(d_gedw > d_zelf, "gedwongen vertrek must contribute more growth than zelfstandig")


def check_budget(landing: Path, reference: Path, c: _Checker) -> None:
    folder = landing / "budgettaire_tabel"
    tables = {p.stem: _read_csv(p) for p in sorted(folder.glob("*.csv"))}
    owb25 = next(
        (rows for stem, rows in tables.items() if stem.startswith("budgettaire_tabel_OWB2025")), []
    )
    owb26 = next(
        (rows for stem, rows in tables.items() if stem.startswith("budgettaire_tabel_OWB2026")), []
    )

    def total(
        rows: list[dict[str, str]],
        year: int,
        vuo: str = "U",
        hoofdstuk: str = "XX",
        artikel: str | None = "37",
        regeling: str | None = None,
    ) -> int:
        return sum(
            int(r["bedrag"])
            for r in rows
            if r["jaar"] == str(year)
            and r["vuo"] == vuo
            and r["hoofdstuk"] == hoofdstuk
            and (artikel is None or r["artikel"] == artikel)
            and (regeling is None or r["regeling"] == regeling)
        )

    for year, expected in ART37_OWB2025_TOTAL.items():
        got = total(owb25, year)
        c.measured[f"OWB2025_art37_U_{year}"] = got
        c.expect(got == expected, f"OWB2025 art 37 uitgaven {year}: {got} != {expected}")
    c.expect(
        total(owb25, 2025, "V") == ART37_OWB2025_VERPLICHTINGEN_2025,
        "OWB2025 art 37 verplichtingen 2025 != 9.490.898 (R73)",
    )
    for regeling, values in (
        ("Immigratie- en Naturalisatiedienst (IND)", IND_OWB2025),
        ("Centraal Orgaan opvang asielzoekers (COA)", COA_OWB2025),
    ):
        for year, v in zip(OWB2025_YEARS[2:], values[2:], strict=True):
            c.expect(
                total(owb25, year, regeling=regeling) == v,
                f"OWB2025 {regeling} {year} != {v} (R77/R78)",
            )
    xx26 = total(owb26, 2026, artikel=None)
    c.measured["OWB2026_XX_U_2026"] = xx26
    c.between("OWB2026 XX uitgaven 2026 (R72 8.940 mln)", xx26, 8_939_500, 8_940_499)
    tf = _read_csv(reference / "taskforce_regelingen.csv")
    keys = {(r["hoofdstuk"], r["artikel"], r["artikelonderdeel"], r["regeling"]) for r in tf}
    ramp: dict[int, int] = {}
    for r in owb26:
        if (
            r["vuo"] == "U"
            and (r["hoofdstuk"], r["artikel"], r["artikelonderdeel"], r["regeling"]) in keys
        ):
            ramp[int(r["jaar"])] = ramp.get(int(r["jaar"]), 0) + int(r["bedrag"])
    c.measured["taskforce_ramp"] = dict(sorted(ramp.items()))
    c.expect(
        ramp.get(2029) == TASKFORCE_TARGET_2029,
        f"taskforce total 2029 = {ramp.get(2029)}, expected {TASKFORCE_TARGET_2029}",
    )
    c.expect(len(tf) == len(TASKFORCE_LINES), "taskforce_regelingen.csv has the wrong lines")

    staten = landing / "rijksfinancien_begrotingsstaten" / BEGROTINGSSTATEN_FILE
    lines = staten.read_text(encoding="utf-8").splitlines()
    c.expect(lines[0] == begrotingsstaten_header(), "begrotingsstaten header differs")
    present = set(lines)
    missing = [regel for regel in REAL_BEGROTINGSSTATEN.splitlines() if regel not in present]
    c.expect(not missing, f"real begrotingsstaten rows missing: {missing[:3]}")
    rows = _read_csv(staten)
    ontwerp_xx37_2025 = [
        r
        for r in rows
        if r["Begrotingsjaar"] == "2025"
        and r["Begrotingsnummer"] == "XX"
        and r["Artikel nummer"] == "37"
        and r["Uitgaven Ontvangsten Verplichtingen"] == "U"
    ]
    c.expect(
        len(ontwerp_xx37_2025) == 1
        and ontwerp_xx37_2025[0]["Stand ontwerpbegroting"] == str(ART37_OWB2025_TOTAL[2025]),
        "begrotingsstaten XX/37 2025 ontwerp != R73",
    )


def check_coa(landing: Path, c: _Checker) -> None:
    totals: dict[str, int] = {}
    for path in sorted((landing / "coa_bezetting").glob("*.csv")):
        c.expect(path.read_bytes().startswith(b"\xef\xbb\xbf"), f"{path.name}: no BOM")
        rows = _read_csv(path, ";")
        c.expect(len(rows) == len(OPVANGSOORTEN), f"{path.name}: {len(rows)} rows")
        for r in rows:
            b, cap, vh = (
                int(r["bezetting"]),
                int(r["capaciteit"]),
                int(r["waarvan_vergunninghouders"]),
            )
            c.expect(0 <= vh <= b <= cap, f"{path.name} {r['opvangsoort']}: not vh<=bez<=cap")
        if "_v2_" not in path.stem:
            totals[rows[0]["peildatum"][:7]] = sum(int(r["bezetting"]) for r in rows)
    for month, target, tol in (
        ("2022-01", 36_864, 0.03),
        ("2022-06", 42_301, 0.03),
        ("2022-12", 51_805, 0.03),
        ("2023-09", 57_538, 0.02),
        ("2023-11", 61_000, 0.02),
    ):
        c.between(
            f"COA bezetting {month} (R37-R41)",
            totals[month],
            target * (1 - tol),
            target * (1 + tol),
        )
    c.measured["coa_bezetting_2024-12"] = totals["2024-12"]
    c.measured["coa_bezetting_2026-10"] = totals["2026-10"]


def check_oekraine(landing: Path, c: _Checker) -> None:
    by_month = {}
    for path in sorted((landing / "oekraine_opvang").glob("*.csv")):
        r = _read_csv(path, ";")[0]
        c.expect(int(r["bezetting"]) <= int(r["opvangplekken"]), f"{path.name}: bez > plekken")
        by_month[r["peildatum"][:7]] = r
    c.between(
        "GOO plekken 2023-06 (R70 ~78.000)",
        int(by_month["2023-06"]["opvangplekken"]),
        76_000,
        80_000,
    )
    c.between(
        "GOO plekken 2025-09 (R68 ~98.000)",
        int(by_month["2025-09"]["opvangplekken"]),
        96_000,
        100_000,
    )
    c.expect(by_month["2026-01"]["kostprijs_per_plek_per_dag"] == "44,00", "R69 44 euro")


def check_mpp(landing: Path, c: _Checker) -> None:
    rows = [r for p in sorted((landing / "mpp_prognose").glob("*.csv")) for r in _read_csv(p)]
    got = {(r["editie"], r["grootheid"], r["jaar"], r["scenario"]): int(r["waarde"]) for r in rows}
    for key, value in (
        (("2025-najaar", "asielinstroom", "2025", "min"), 40_000),  # R61
        (("2025-najaar", "asielinstroom", "2025", "max"), 55_300),  # R62
        (("2025-najaar", "asielinstroom", "2026", "min"), 39_000),  # R63
        (("2025-najaar", "asielinstroom", "2026", "max"), 67_100),  # R64
        (("2023-najaar", "asielinstroom", "2024", "min"), 49_000),  # R65
        (("2023-najaar", "asielinstroom", "2024", "max"), 76_000),  # R65
        (("2024-voorjaar", "opvangbehoefte_coa", "2026", "midden"), 133_500),  # R66
        (("2024-najaar", "opvangbehoefte_coa", "2026", "midden"), 115_000),  # R67
    ):
        c.expect(got.get(key) == value, f"MPP {key} = {got.get(key)}, expected {value}")


def check_ind(landing: Path, c: _Checker) -> None:
    """Case-event structure: one aanvraag per zaak, at most one later outcome, files sorted by
    datum and holding only their own month; plus the figures worth reporting."""
    import polars as pl  # only needed here; the generator itself writes with pyarrow

    files = sorted((landing / "ind_zaken").glob("*.parquet"))
    c.expect(len(files) == len(MONTHS), f"expected {len(MONTHS)} IND files, found {len(files)}")
    size = sum(p.stat().st_size for p in files)
    c.measured["ind_zaken_bytes"] = size
    c.expect(size < 6_500_000, f"ind_zaken is {size} bytes, budget ~6 MB")
    frames = []
    for path in files:
        df = pl.read_parquet(path)
        month = path.stem.split("_")[2]  # ind_zaken_<yyyy-mm>_<delivered>
        c.expect(df["datum"].is_sorted(), f"{path.name}: not sorted by datum")
        c.expect(
            bool((df["datum"].dt.strftime("%Y-%m") == month).all()),
            f"{path.name}: events outside {month}",
        )
        frames.append(df)
    events = pl.concat(frames)
    aanvragen = events.filter(pl.col("gebeurtenis") == "aanvraag").select(
        "zaak_id", pl.col("datum").alias("aanvraag")
    )
    outcomes = events.filter(pl.col("gebeurtenis") != "aanvraag")
    c.expect(aanvragen["zaak_id"].n_unique() == aanvragen.height, "zaak with two aanvragen")
    c.expect(outcomes["zaak_id"].n_unique() == outcomes.height, "zaak with two outcomes")
    joined = outcomes.join(aanvragen, on="zaak_id", how="left")
    c.expect(joined["aanvraag"].null_count() == 0, "outcome without aanvraag")
    c.expect(bool((joined["datum"] >= joined["aanvraag"]).all()), "outcome before aanvraag")
    decisions = joined.filter(
        (pl.col("procedure") == "asiel_eerste") & (pl.col("gebeurtenis") != "intrekking")
    ).with_columns(
        jaar=pl.col("datum").dt.year(),
        dagen=(pl.col("datum") - pl.col("aanvraag")).dt.total_days(),
    )
    per_year = (
        decisions.group_by("jaar")
        .agg(
            inw=(pl.col("gebeurtenis") == "inwilliging").mean(),
            mediaan=pl.col("dagen").median(),
        )
        .sort("jaar")
    )
    c.measured["ind_asiel_eerste_inwilliging_per_jaar"] = {
        r["jaar"]: round(r["inw"], 3) for r in per_year.iter_rows(named=True)
    }
    c.measured["ind_asiel_eerste_doorlooptijd_mediaan_dagen"] = {
        r["jaar"]: r["mediaan"] for r in per_year.iter_rows(named=True)
    }
    c.measured["ind_voorraad_eind"] = aanvragen.height - outcomes.height


CHECKS_BY_SOURCE: dict[str, Callable[[Path, Path, _Checker], object]] = {
    "cbs_asielverzoeken": lambda landing, r, c: check_cbs(landing, c),
    "ind_zaken": lambda landing, r, c: check_ind(landing, c),
    "coa_bezetting": lambda landing, r, c: check_coa(landing, c),
    "huisvesting_realisatie": check_housing,
    "dtenv_vertrek": lambda landing, r, c: check_dtenv(landing, c),
    "budgettaire_tabel": check_budget,
    "oekraine_opvang": lambda landing, r, c: check_oekraine(landing, c),
    "mpp_prognose": lambda landing, r, c: check_mpp(landing, c),
}


def check_calibration(
    landing: Path, reference: Path, sources: Sequence[str] = SOURCES
) -> dict[str, object]:
    """Check the calibration targets on the files under ``landing``; raise CalibrationError
    listing every target that is missed, else return the measured figures."""
    c = _Checker()
    for source in sources:
        check = CHECKS_BY_SOURCE.get(source)
        if check is not None:
            check(landing, reference, c)
    if c.failures:
        raise CalibrationError(
            "sample data misses calibration targets:\n  " + "\n  ".join(c.failures)
        )
    return c.measured


def checkable_sources(sources: Sequence[str]) -> list[str]:
    """Checks that need two sources (housing needs taakstelling too) run only if both exist."""
    out = [s for s in sources if s != "huisvesting_realisatie"]
    if {"huisvesting_realisatie", "taakstelling"} <= set(sources):
        out.append("huisvesting_realisatie")
    if "budgettaire_tabel" in sources and "rijksfinancien_begrotingsstaten" not in sources:
        out.remove("budgettaire_tabel")
    return out
