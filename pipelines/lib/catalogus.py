"""The catalogue: the sources (from their contracts), the indicators (pipelines/lib/indicators.py)
and the documents, in one place. Every list of them elsewhere derives from here: the report
assets' and the snapshot's dependencies, the sources a document's colofon lists, the source lines
of the reports.

A document declares the indicators it reads; the sources it rests on are those its indicators
read (through other indicators too), in the order they read them.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.lib import indicators
from pipelines.lib.contracts import all_contracts


@dataclass(frozen=True)
class BronInfo:
    naam: str  # as printed in source lines (the contract's displayName)
    cadans: str  # maand | halfjaar | jaar | editie (the contract's reportingCadence)


BRONNEN: dict[str, BronInfo] = {
    c.source: BronInfo(c.display_name, c.cadence) for c in all_contracts()
}

# kpi_beleidsclaims measures the policy claims on all other indicators (reports/beleidsclaims.yaml).
BELEIDSCLAIMS = "beleidsclaims"
INDICATOREN: tuple[str, ...] = (*indicators.INDICATORS, BELEIDSCLAIMS)


def _leest(indicator: str) -> tuple[str, ...]:
    """What an indicator reads: 'stg:<source>' and 'kpi:<indicator>'."""
    if indicator == BELEIDSCLAIMS:
        return tuple(f"kpi:{name}" for name in indicators.INDICATORS)
    return indicators.INDICATORS[indicator].reads


def bronnen_van(indicatoren: tuple[str, ...]) -> tuple[str, ...]:
    """The sources the indicators read, directly or through other indicators, in reading order."""
    gezien: dict[str, None] = {}

    def volg(indicator: str) -> None:
        for read in _leest(indicator):
            layer, name = read.split(":", 1)
            if layer == "stg":
                gezien.setdefault(name, None)
            else:
                volg(name)

    for indicator in indicatoren:
        volg(indicator)
    return tuple(gezien)


@dataclass(frozen=True)
class Document:
    naam: str
    indicatoren: tuple[str, ...]  # the kpi assets the document reads

    @property
    def asset(self) -> str:
        return f"report_{self.naam}"

    @property
    def bronnen(self) -> tuple[str, ...]:
        return bronnen_van(self.indicatoren)


DOCUMENTEN: dict[str, Document] = {
    d.naam: d
    for d in (
        Document(
            "maandrapportage",
            # bijstellingen reads every source, so the colofon lists them in contract order
            (
                "bijstellingen",
                "instroom",
                "opvang",
                "taakstelling_achterstand",
                "ind_afhandeling",
                "vertrek",
                "taskforce_budget",
                "oekraine",
                "realisatie_vs_prognose",
                BELEIDSCLAIMS,
            ),
        ),
        Document("begrotingsbijlage", ("begroting", "taskforce_budget")),
    )
}


def kpi_asset(indicator: str) -> str:
    return f"kpi_{indicator}"
