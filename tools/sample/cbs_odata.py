"""CBS 83102NED as the OData API delivers it: per snapshot the data set and its code lists.

Months, complete quarters and complete years, each with CBS's status (Voorlopig, Nader voorlopig,
Definitief); dimension keys padded to 8 characters; compact JSON without a trailing newline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tools.sample.cbs import CBS_SNAPSHOTS, MAIN_NATIONALITIES, CbsData, build_cbs
from tools.sample.common import FIRST_MI, FIRST_YEAR, clean_dir, mi_of, write_json, ym
from tools.sample.reference import NATIONALITEIT_TOTAAL, cbs_code, nationaliteiten_rows

_MONTH_NAMES_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
_STATUS_ORDER = ("Definitief", "Nader voorlopig", "Voorlopig")


def month_status(mi: int, last: int) -> str:
    age = last - mi
    if age < 3:
        return "Voorlopig"
    if age < 9:
        return "Nader voorlopig"
    return "Definitief"


@dataclass(frozen=True)
class CbsPeriod:
    key: str
    title: str
    months: tuple[int, ...]


def cbs_periods(last: int) -> list[CbsPeriod]:
    """Months, complete quarters and complete years up to ``last``, CBS order per year."""
    out: list[CbsPeriod] = []
    for year in range(FIRST_YEAR, ym(last)[0] + 1):
        year_months = tuple(
            m for m in range(mi_of(year, 1), mi_of(year, 12) + 1) if FIRST_MI <= m <= last
        )
        if len(year_months) == 12:
            out.append(CbsPeriod(f"{year}JJ00", str(year), year_months))
        for q in range(1, 5):
            qm = tuple(range(mi_of(year, 3 * q - 2), mi_of(year, 3 * q) + 1))
            if qm[-1] <= last:
                out.append(CbsPeriod(f"{year}KW{q:02d}", f"{year} {q}e kwartaal", qm))
        for m in year_months:
            out.append(
                CbsPeriod(
                    f"{year}MM{ym(m)[1]:02d}", f"{year} {_MONTH_NAMES_NL[ym(m)[1] - 1]}", (m,)
                )
            )
    return out


def period_status(period: CbsPeriod, last: int) -> str:
    return max((month_status(m, last) for m in period.months), key=_STATUS_ORDER.index)


def pad(code: str) -> str:
    # CBS pads dimension keys with spaces to 8 characters.
    return code.ljust(8)


CBS_ODATA_BASE = "https://opendata.cbs.nl/ODataApi/odata/83102NED/$metadata#Cbs.OData.WebAPI."


def cbs_rows(data: CbsData, last: int) -> list[dict[str, object]]:
    periods = cbs_periods(last)
    rows: list[dict[str, object]] = []

    def add(
        geslacht: str,
        nat_code: str,
        values: Callable[[int], tuple[int, int | None, int]],
        with_total: bool,
    ) -> None:
        for p in periods:
            parts = [values(m) for m in p.months]
            eerste = sum(v[0] for v in parts)
            volgende = None if not with_total else sum(v[1] or 0 for v in parts)
            nareis = sum(v[2] for v in parts)
            rows.append(
                {
                    "ID": len(rows),
                    "Geslacht": pad(geslacht),
                    "Leeftijd": pad("10000"),
                    "Nationaliteit": pad(nat_code),
                    "Perioden": p.key,
                    "TotaalAsielverzoeken_1": (eerste + volgende + nareis) if with_total else None,
                    "EersteAsielverzoekenPersonen_2": eerste,
                    "VolgendeAsielverzoeken_3": volgende,
                    "NareizigersPersonen_4": nareis,
                }
            )

    t = data.totals
    add(
        "T001038",
        NATIONALITEIT_TOTAAL,
        lambda m: (t["eerste"][m], t["volgende"][m], t["nareizigers"][m]),
        True,
    )
    for iso in MAIN_NATIONALITIES:
        add(
            "T001038",
            cbs_code(iso),
            lambda m, iso=iso: (
                data.by_nat["eerste"][m][iso],
                data.by_nat["volgende"][m][iso],
                data.by_nat["nareizigers"][m][iso],
            ),
            True,
        )
    # Volgende asielverzoeken count requests, not persons: no split by sex (null, as CBS shows).
    add(
        "3000",
        NATIONALITEIT_TOTAAL,
        lambda m: (data.men["eerste"][m], None, data.men["nareizigers"][m]),
        False,
    )
    add(
        "4000",
        NATIONALITEIT_TOTAAL,
        lambda m: (
            t["eerste"][m] - data.men["eerste"][m],
            None,
            t["nareizigers"][m] - data.men["nareizigers"][m],
        ),
        False,
    )
    # CBS orders rows by the dimensions in key order (Geslacht first).
    order = {"T001038 ": 0, "3000    ": 1, "4000    ": 2}
    rows.sort(key=lambda r: (order[str(r["Geslacht"])], int(r["ID"])))
    for i, r in enumerate(rows):
        r["ID"] = i
    return rows


def write_cbs(out: Path, seed: int) -> list[Path]:
    folder = out / "cbs_asielverzoeken"
    clean_dir(folder)
    written = []
    snapshots = build_cbs(seed)
    nl = {iso: naam for _, iso, naam in nationaliteiten_rows()}
    for stamp, last in CBS_SNAPSHOTS:
        stem = folder / f"83102NED_{stamp}"
        data_path = stem.with_name(stem.name + ".json")
        write_json(
            data_path,
            {
                "odata.metadata": CBS_ODATA_BASE + "TypedDataSet",
                "value": cbs_rows(snapshots[stamp], last),
            },
        )
        periods_path = stem.with_name(stem.name + ".Perioden.json")
        write_json(
            periods_path,
            {
                "odata.metadata": CBS_ODATA_BASE + "Perioden",
                "value": [
                    {
                        "Key": p.key,
                        "Title": p.title,
                        "Description": None,
                        "Status": period_status(p, last),
                    }
                    for p in cbs_periods(last)
                ],
            },
        )
        nat_path = stem.with_name(stem.name + ".Nationaliteit.json")
        nat_rows: list[dict[str, object]] = [
            {
                "Key": pad(NATIONALITEIT_TOTAAL),
                "Title": "Totaal",
                "Description": "Totaal alle nationaliteiten",
                "CategoryGroupID": None,
            },
        ]
        nat_rows += [
            {
                "Key": pad(cbs_code(iso)),
                "Title": title,
                "Description": f"Nationaliteit van {nl[iso]}",
                "CategoryGroupID": None,
            }
            for iso, title in MAIN_NATIONALITIES.items()
        ]
        write_json(
            nat_path, {"odata.metadata": CBS_ODATA_BASE + "Nationaliteit", "value": nat_rows}
        )
        written += [nat_path, periods_path, data_path]
    return written
