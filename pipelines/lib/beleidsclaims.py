"""The budget's policy claims (reports/beleidsclaims.yaml), checked against the data on every run.

A claim names a measurement: a query in `sql/indicators/claims/<name>.sql` over the kpi tables,
with named parameters from the YAML. The query returns at most one row with
- `gemeten` (a number or a date; required): the measured value, in the claim's unit;
- `geldig` (boolean, optional): a condition the claim also states (e.g. "oplopend tot", "als
  gevolg van"); false makes the claim afwijkend whatever the value;
- `voorlopig` (boolean, optional): the measurement rests on provisional figures (report: `*`);
- any other columns, available to the claim's `toelichting` template (numbers formatted nl_NL).
No row, or `gemeten` null, or the kpi table not computed yet: status "geen data". Otherwise the
comparison (`gelijk`: |gemeten - geclaimd| <= tolerantie; `groter_dan`; `kleiner_dan`) gives
"bevestigd" or "afwijkend".

A claim without a measurement (a policy parameter such as the naturalisatietermijn) is shown with
status "geen data" and soort "beleidsparameter": the chain's sources hold no data on it, and a
status of its own would suggest that something was checked.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import yaml

from pipelines.lib import formatting, paths, sqlfiles

STATUSSEN = ("bevestigd", "afwijkend", "geen data")
VERGELIJKINGEN = ("gelijk", "groter_dan", "kleiner_dan")
_QUERY_NAME = re.compile(r"^claims/[a-z0-9_]+$")
_REQUIRED = (
    "id",
    "paragraaf",
    "claim",
    "indicator",
    "periode",
    "geclaimd",
    "eenheid",
    "hoe_gemeten",
)

Waarde = float | int | dt.date | str


class ClaimsError(Exception):
    """reports/beleidsclaims.yaml is not usable; names the claim and the field."""


@dataclass(frozen=True)
class Meting:
    query: str  # under sql/indicators/, e.g. claims/instroom_kwartaal_yoy
    parameters: dict[str, Any] = field(default_factory=dict, hash=False)
    toelichting: str | None = None  # template over the query's columns


@dataclass(frozen=True)
class Claim:
    id: str
    paragraaf: str
    claim: str
    indicator: str
    periode: str
    geclaimd: Waarde
    eenheid: str
    hoe_gemeten: str
    tolerantie: float = 0.0
    vergelijking: str = "gelijk"
    voorwaarde: str | None = None  # what `geldig` checks, in words
    toelichting: str | None = None  # for claims without a measurement
    meting: Meting | None = None

    @property
    def soort(self) -> str:
        return "meting" if self.meting else "beleidsparameter"


@dataclass(frozen=True)
class Uitkomst:
    claim_id: str
    paragraaf: str
    claim: str
    indicator: str
    periode: str
    soort: str
    geclaimd: str
    gemeten: str | None
    geclaimd_waarde: float | None
    gemeten_waarde: float | None
    eenheid: str
    tolerantie: float
    vergelijking: str
    status: str
    toelichting: str
    hoe_gemeten: str
    meting: str | None
    voorlopig: bool


def _claim(raw: dict[str, Any], where: str) -> Claim:
    missing = [k for k in _REQUIRED if raw.get(k) in (None, "")]
    if missing:
        raise ClaimsError(f"{where}: ontbrekende velden {', '.join(missing)}")
    unknown = set(raw) - {f for f in Claim.__dataclass_fields__}
    if unknown:
        raise ClaimsError(f"{where}: onbekende velden {', '.join(sorted(unknown))}")
    meting = None
    if raw.get("meting"):
        m = raw["meting"]
        if not _QUERY_NAME.match(str(m.get("query", ""))):
            raise ClaimsError(
                f"{where}: meting.query moet claims/<naam> zijn, niet {m.get('query')!r}"
            )
        if not (paths.SQL_DIR / "indicators" / f"{m['query']}.sql").is_file():
            raise ClaimsError(f"{where}: sql/indicators/{m['query']}.sql bestaat niet")
        meting = Meting(m["query"], dict(m.get("parameters") or {}), m.get("toelichting"))
    elif not raw.get("toelichting"):
        raise ClaimsError(f"{where}: een claim zonder meting heeft een toelichting nodig")
    vergelijking = raw.get("vergelijking", "gelijk")
    if vergelijking not in VERGELIJKINGEN:
        raise ClaimsError(f"{where}: vergelijking moet een van {', '.join(VERGELIJKINGEN)} zijn")
    return Claim(
        **{
            **raw,
            "id": str(raw["id"]),
            "tolerantie": float(raw.get("tolerantie") or 0),
            "vergelijking": vergelijking,
            "meting": meting,
        }
    )


def load_claims(path: Path | None = None) -> list[Claim]:
    path = path or paths.BELEIDSCLAIMS_FILE
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    claims = [
        _claim(raw, f"{path.name}, claim {i + 1} ({raw.get('id', '?')})")
        for i, raw in enumerate(doc.get("claims") or [])
    ]
    ids = [c.id for c in claims]
    if len(ids) != len(set(ids)):
        raise ClaimsError(f"{path.name}: dubbele claim-id's")
    return claims


# ---------------------------------------------------------------------------- formatting


def _number(value: float) -> str:
    decimals = 0 if float(value).is_integer() else 1
    return formatting.getal(value, decimals)


def format_waarde(value: Waarde | None, eenheid: str) -> str | None:
    """A claimed or measured value as the report shows it: -50 '%' -> "−50%",
    118 'EUR mln' -> "€ 118 mln"."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return formatting.datum(value)
    if isinstance(value, str):
        return value
    text = _number(value)
    if eenheid.startswith("%"):
        return f"{text}%"
    if eenheid == "EUR mln":
        return f"€ {text} mln"
    if eenheid == "jaar":
        return f"{text} jaar"
    return text


def _detail(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, dt.date):
        return formatting.datum(value)
    return "." if value is None else str(value)


def _as_number(value: Waarde | None) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


# ---------------------------------------------------------------------------- evaluation


def _measure(conn: duckdb.DuckDBPyConnection, meting: Meting) -> dict[str, Any] | None:
    try:
        rel = conn.sql(
            sqlfiles.load(f"indicators/{meting.query}"), params=meting.parameters or None
        )
        columns, rows = rel.columns, rel.fetchall()
    except duckdb.CatalogException:
        return None  # the indicator has not been computed in this warehouse
    if not rows:
        return None
    return dict(zip(columns, rows[0], strict=True))


def _compare(claim: Claim, gemeten: Waarde) -> tuple[bool, str]:
    if isinstance(claim.geclaimd, dt.date) or isinstance(gemeten, dt.date):
        g = gemeten.date() if isinstance(gemeten, dt.datetime) else gemeten
        ok = (
            isinstance(g, dt.date)
            and isinstance(claim.geclaimd, dt.date)
            and (abs((g - claim.geclaimd).days) <= claim.tolerantie)
        )
        return ok, "zelfde datum" if ok else "andere datum"
    verschil = float(gemeten) - float(claim.geclaimd)  # type: ignore[arg-type]
    tol = _number(claim.tolerantie)
    if claim.vergelijking == "groter_dan":
        ok = float(gemeten) > float(claim.geclaimd)  # type: ignore[arg-type]
        return (
            ok,
            f"{'groter' if ok else 'niet groter'} dan "
            f"{format_waarde(claim.geclaimd, claim.eenheid)}",
        )
    if claim.vergelijking == "kleiner_dan":
        ok = float(gemeten) < float(claim.geclaimd)  # type: ignore[arg-type]
        return (
            ok,
            f"{'kleiner' if ok else 'niet kleiner'} dan "
            f"{format_waarde(claim.geclaimd, claim.eenheid)}",
        )
    ok = abs(verschil) <= claim.tolerantie + 1e-9
    decimals = 0 if float(verschil).is_integer() else 1
    return ok, (
        f"verschil {formatting.getal_teken(verschil, decimals)} "
        f"{'binnen' if ok else 'buiten'} de tolerantie van ± {tol}"
    )


def _drempel(claim: Claim) -> str:
    """A threshold claim reads as one: "meer dan 50%" / "minder dan 50%", not a bare "50%" that a
    measured 160,9% would then seem to contradict."""
    return {"groter_dan": "meer dan ", "kleiner_dan": "minder dan "}.get(claim.vergelijking, "")


def evaluate_claim(conn: duckdb.DuckDBPyConnection, claim: Claim) -> Uitkomst:
    base = {
        "claim_id": claim.id,
        "paragraaf": claim.paragraaf,
        "claim": claim.claim,
        "indicator": claim.indicator,
        "periode": claim.periode,
        "soort": claim.soort,
        "geclaimd": _drempel(claim) + (format_waarde(claim.geclaimd, claim.eenheid) or ""),
        "geclaimd_waarde": _as_number(claim.geclaimd),
        "eenheid": claim.eenheid,
        "tolerantie": claim.tolerantie,
        "vergelijking": claim.vergelijking,
        "hoe_gemeten": claim.hoe_gemeten,
        "meting": claim.meting.query if claim.meting else None,
    }
    if claim.meting is None:
        return Uitkomst(
            **base,
            gemeten=None,
            gemeten_waarde=None,
            status="geen data",
            toelichting=claim.toelichting or "",
            voorlopig=False,
        )
    row = _measure(conn, claim.meting)
    gemeten = row.get("gemeten") if row else None
    if gemeten is None:
        reden = (
            "de indicator is nog niet berekend of heeft geen gegevens"
            if row is None
            else "de gegevens voor deze periode zijn onvolledig"
        )
        return Uitkomst(
            **base,
            gemeten=None,
            gemeten_waarde=None,
            status="geen data",
            toelichting=f"Geen gegevens voor {claim.periode}: {reden}.",
            voorlopig=False,
        )
    if isinstance(gemeten, float | int) and not isinstance(gemeten, bool):
        gemeten = float(gemeten)
    ok, uitleg = _compare(claim, gemeten)
    delen = []
    if claim.meting.toelichting:
        delen.append(
            claim.meting.toelichting.format(**{k: _detail(v) for k, v in row.items()}).strip()
        )
    delen.append(uitleg[0].upper() + uitleg[1:])
    if row.get("geldig") is False:
        ok = False
        delen.append(f"Voorwaarde niet vervuld: {claim.voorwaarde or 'zie de claim'}")
    voorlopig = bool(row.get("voorlopig") or False)
    if voorlopig:
        delen.append("Gemeten op voorlopige cijfers")
    return Uitkomst(
        **base,
        gemeten=format_waarde(gemeten, claim.eenheid),
        gemeten_waarde=_as_number(gemeten),
        status="bevestigd" if ok else "afwijkend",
        toelichting=". ".join(d.rstrip(".") for d in delen) + ".",
        voorlopig=voorlopig,
    )


def evaluate(conn: duckdb.DuckDBPyConnection, claims: list[Claim] | None = None) -> list[Uitkomst]:
    return [evaluate_claim(conn, c) for c in (claims if claims is not None else load_claims())]


_SCHEMA: dict[str, pl.DataType] = {
    "claim_id": pl.Utf8(),
    "paragraaf": pl.Utf8(),
    "claim": pl.Utf8(),
    "indicator": pl.Utf8(),
    "periode": pl.Utf8(),
    "soort": pl.Utf8(),
    "geclaimd": pl.Utf8(),
    "gemeten": pl.Utf8(),
    "geclaimd_waarde": pl.Float64(),
    "gemeten_waarde": pl.Float64(),
    "eenheid": pl.Utf8(),
    "tolerantie": pl.Float64(),
    "vergelijking": pl.Utf8(),
    "status": pl.Utf8(),
    "toelichting": pl.Utf8(),
    "hoe_gemeten": pl.Utf8(),
    "meting": pl.Utf8(),
    "voorlopig": pl.Boolean(),
}


def to_frame(uitkomsten: list[Uitkomst]) -> pl.DataFrame:
    return pl.DataFrame([asdict(u) for u in uitkomsten], schema=_SCHEMA)


def write(conn: duckdb.DuckDBPyConnection, uitkomsten: list[Uitkomst]) -> int:
    """Replace kpi.beleidsclaims with the outcomes (in the YAML's order)."""
    frame = to_frame(uitkomsten).with_row_index("volgorde", offset=1)
    conn.register("beleidsclaims_uitkomsten", frame.to_arrow())
    try:
        sqlfiles.execute(conn, "indicators/beleidsclaims")
    finally:
        conn.unregister("beleidsclaims_uitkomsten")
    return frame.height
