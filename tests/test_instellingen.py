"""The settings: one list (pipelines/lib/instellingen.py), a Dagster resource bound to the
environment with dg.EnvVar, in force during a run, documented in .env.example."""

from __future__ import annotations

import re
from pathlib import Path

import dagster as dg
import pytest

from pipelines.defs.resources import instellingen_uit_omgeving
from pipelines.defs.shared import Instellingen, Warehouse
from pipelines.lib import instellingen, paths, render

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented_in_env_example_and_nothing_else_is() -> None:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^(KETENMONITOR_[A-Z0-9_]+)=", text, flags=re.M))
    assert documented == {i.omgeving for i in instellingen.INSTELLINGEN}


def test_the_resource_binds_each_set_variable_with_envvar(monkeypatch) -> None:
    for i in instellingen.INSTELLINGEN:
        monkeypatch.delenv(i.omgeving, raising=False)
    monkeypatch.setenv("KETENMONITOR_PDF_VARIANT", "pdf/a-2a")
    resource = instellingen_uit_omgeving()
    fields = resource._get_non_default_public_field_values()  # what the UI shows as configured
    assert fields == {"pdf_variant": dg.EnvVar("KETENMONITOR_PDF_VARIANT")}
    schema = Instellingen.to_config_schema().as_field().config_type.fields
    assert set(schema) == {i.veld for i in instellingen.INSTELLINGEN}
    assert "KETENMONITOR_SMTP_HOST" in schema["smtp_host"].description


def test_a_run_uses_the_settings_of_its_resource_and_leaves_none_behind(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.delenv("KETENMONITOR_LANDING", raising=False)
    monkeypatch.delenv("KETENMONITOR_PDF_VARIANT", raising=False)
    landing = tmp_path / "landing"
    seen: dict[str, object] = {}

    @dg.asset
    def probe(warehouse_db: Warehouse) -> None:
        seen["landing"] = paths.landing_dir()
        seen["variant"] = render.pdf_variant()

    resource = Instellingen(landing=str(landing), pdf_variant="pdf/a-3a")
    warehouse_db = Warehouse(database=str(tmp_path / "w.duckdb"), instellingen=resource)
    result = dg.materialize(
        [probe], resources={"warehouse_db": warehouse_db}, instance=dg.DagsterInstance.ephemeral()
    )
    assert result.success
    assert seen == {"landing": landing, "variant": "pdf/a-3a"}
    assert paths.landing_dir() == paths.SAMPLE_LANDING_DIR  # outside the run: the default again
    assert render.pdf_variant() == render.DEFAULT_PDF_VARIANT


def test_an_empty_field_falls_back_to_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("KETENMONITOR_ORGANISATIE", "Gemeente Voorbeeld")
    with Instellingen().in_gebruik():
        assert instellingen.waarde("KETENMONITOR_ORGANISATIE") == "Gemeente Voorbeeld"
    with Instellingen(organisatie="Ministerie").in_gebruik():
        assert instellingen.waarde("KETENMONITOR_ORGANISATIE") == "Ministerie"


def test_an_unknown_setting_is_refused() -> None:
    with pytest.raises(KeyError):
        instellingen.waarde("KETENMONITOR_ONBEKEND")
