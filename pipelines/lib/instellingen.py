"""Every setting of Ketenmonitor, in one list, and the one place where a setting's value is read.

A setting is an environment variable (also read from `.env`, see `.env.example`). In Dagster the
settings are the fields of the resource `instellingen` (pipelines/defs/resources.py), each
configured with `dg.EnvVar`, so they show in the UI with the variable each comes from. While a
run, sensor or schedule uses the resource, its values are the ones `waarde()` returns (`gebruik`);
outside them (the `ketenmonitor valideer` check, tests) the environment is read directly.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Instelling:
    veld: str  # the field of the Dagster resource
    omgeving: str  # the environment variable
    omschrijving: str


INSTELLINGEN: tuple[Instelling, ...] = (
    Instelling(
        "landing",
        "KETENMONITOR_LANDING",
        "Map met de leveringen van de ketenpartners, een map per bron (standaard de "
        "voorbeeldleveringen data/sample/landing). Wordt alleen gelezen.",
    ),
    Instelling(
        "warehouse",
        "KETENMONITOR_WAREHOUSE_DIR",
        "Map van de interne warehouse, quarantaine, gepubliceerde snapshot en alerts "
        "(standaard warehouse/).",
    ),
    Instelling(
        "rapporten",
        "KETENMONITOR_REPORTS_DIR",
        "Map waarin de rapporten per maand verschijnen (standaard reports/output/).",
    ),
    Instelling(
        "alertmap",
        "KETENMONITOR_ALERT_DIR",
        "Map van de alertbestanden bij een mislukte run (standaard <warehouse>/alerts).",
    ),
    Instelling(
        "pdf_variant",
        "KETENMONITOR_PDF_VARIANT",
        "PDF-variant: pdf/ua-1 (standaard, toegankelijk), pdf/a-2a of pdf/a-3a.",
    ),
    Instelling(
        "organisatie",
        "KETENMONITOR_ORGANISATIE",
        "Organisatie op het omslag en in het colofon (standaard Ministerie van Asiel en Migratie).",
    ),
    Instelling(
        "logo",
        "KETENMONITOR_LOGO",
        "Logo op het omslag: een PNG-, JPEG- of SVG-bestand (een naam in reports/static/).",
    ),
    Instelling(
        "smtp_host",
        "KETENMONITOR_SMTP_HOST",
        "SMTP-server voor de alertmail; zonder deze instelling alleen een alertbestand.",
    ),
    Instelling("smtp_port", "KETENMONITOR_SMTP_PORT", "Poort van de SMTP-server (standaard 25)."),
    Instelling("alert_van", "KETENMONITOR_ALERT_FROM", "Afzender van de alertmail."),
    Instelling(
        "alert_aan",
        "KETENMONITOR_ALERT_TO",
        "Ontvangers van de alertmail, gescheiden door komma's.",
    ),
    Instelling(
        "cbs_odata_url",
        "KETENMONITOR_CBS_ODATA_URL",
        "Basis-URL van de CBS OData-dienst; gezet haalt de run 83102NED zelf op.",
    ),
    Instelling(
        "cbs_deadline_s",
        "KETENMONITOR_CBS_DEADLINE_S",
        "Seconden die een hele CBS-ophaalactie mag duren (standaard 30).",
    ),
    Instelling(
        "cbs_max_bytes",
        "KETENMONITOR_CBS_MAX_BYTES",
        "Hoeveel bytes een CBS-ophaalactie ten hoogste mag binnenhalen (standaard 256 MiB).",
    ),
    Instelling(
        "wacht_op_schrijver_s",
        "KETENMONITOR_WACHT_OP_SCHRIJVER_S",
        "Seconden die een run wacht op een andere run die de warehouse schrijft (standaard 600).",
    ),
)

OMGEVING: dict[str, Instelling] = {i.omgeving: i for i in INSTELLINGEN}

# The values of the run that uses the Dagster resource; empty outside a run.
_actief: list[Mapping[str, str]] = []


def waarde(naam: str) -> str:
    """The value of setting `naam` (its environment variable), stripped; "" when it is not set.

    During a run the resource's value wins when it is not empty."""
    if naam not in OMGEVING:
        raise KeyError(f"onbekende instelling {naam!r}")
    if _actief and (v := str(_actief[-1].get(naam, "")).strip()):
        return v
    return os.environ.get(naam, "").strip()


@contextlib.contextmanager
def gebruik(waarden: Mapping[str, str]) -> Iterator[None]:
    """Make `waarden` (environment variable -> value) the settings until the block ends."""
    onbekend = set(waarden) - set(OMGEVING)
    if onbekend:
        raise KeyError(f"onbekende instellingen: {', '.join(sorted(onbekend))}")
    _actief.append(dict(waarden))
    try:
        yield
    finally:
        _actief.pop()
