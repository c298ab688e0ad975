"""The contracts themselves: valid ODCS, and one translator serving every source."""

from __future__ import annotations

import json
from importlib import resources

import duckdb
import jsonschema
import pytest
import yaml
from open_data_contract_standard.model import OpenDataContractStandard

from pipelines.lib import paths
from pipelines.lib.contracts import SOURCES, load_contract
from pipelines.lib.verwachtingen import build_suite

ODCS_SCHEMA = json.loads(
    resources.files("open_data_contract_standard").joinpath("schema.json").read_text()
)


def test_every_source_has_exactly_one_contract() -> None:
    files = sorted(p.name for p in paths.CONTRACTS_DIR.glob("*.odcs.yaml"))
    assert files == sorted(f"{s}.odcs.yaml" for s in SOURCES)


@pytest.mark.parametrize("source", SOURCES)
def test_contract_is_valid_odcs(source: str) -> None:
    document = yaml.safe_load(paths.contract_file(source).read_text(encoding="utf-8"))
    errors = [
        f"{list(e.path)}: {e.message}"
        for e in jsonschema.Draft202012Validator(ODCS_SCHEMA).iter_errors(document)
    ]
    assert errors == []
    assert document["apiVersion"] >= "v3.1.0"
    model = OpenDataContractStandard.model_validate(document)
    assert model.name == source


@pytest.mark.parametrize("source", SOURCES)
def test_contract_compiles_to_ddl_schema_and_suite(source: str) -> None:
    contract = load_contract(source)
    conn = duckdb.connect()
    conn.execute("create schema raw")
    conn.execute(contract.raw_ddl())
    columns = [r[0] for r in conn.execute(f"describe raw.{source}").fetchall()]
    assert columns[: len(contract.polars_schema())] == list(contract.polars_schema())
    assert columns[-3:] == ["_delivery_id", "_row_number", "_periode"]
    assert contract.primary_key, "every source has a key, so revisions and duplicates are defined"
    assert all(c.description for c in contract.columns), "descriptions feed the data dictionary"

    suite = build_suite(contract)
    compiled = {e.meta["rule_id"] for e in suite.expectations}
    # type, period and revision rules are checked outside the suite (delivered text,
    # arrival date, history)
    expected = {
        r.rule_id
        for r in contract.rules
        if r.kind not in ("type", "period", "definitive_revision", "plausibility")
    }
    assert compiled == expected
    severities = {r.severity for r in contract.rules}
    assert severities <= {"error", "warning"}


def _broken_contract(tmp_path, monkeypatch, source: str, edit) -> str:  # type: ignore[no-untyped-def]
    from pipelines.lib import contracts

    document = yaml.safe_load(
        (paths.CONTRACTS_DIR / f"{source}.odcs.yaml").read_text(encoding="utf-8")
    )
    text = edit(document)
    target = tmp_path / f"{source}.odcs.yaml"
    target.write_text(
        text if isinstance(text, str) else yaml.safe_dump(document, allow_unicode=True),
        encoding="utf-8",
    )
    monkeypatch.setattr(contracts.paths, "contract_file", lambda s: target)
    contracts.load_contract.cache_clear()
    try:
        with pytest.raises(contracts.ContractError) as exc:
            contracts.load_contract(source)
    finally:
        contracts.load_contract.cache_clear()
    return str(exc.value)


def test_a_broken_contract_fails_at_load_naming_file_and_element(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Contracts are parsed with the ODCS model when they load: a field ODCS does not know, a
    missing element or bad YAML stops the pipeline at start with a Dutch message naming the file and
    the element, not with a traceback deep inside validation."""
    message = _broken_contract(
        tmp_path, monkeypatch, "coa_bezetting", lambda d: d.update(onbekendVeld=1)
    )
    assert (
        message
        == "coa_bezetting.odcs.yaml: geen geldig ODCS-contract: onbekendVeld is geen veld van ODCS"
    )
    message = _broken_contract(
        tmp_path, monkeypatch, "coa_bezetting", lambda d: d.pop("version") and None
    )
    assert message.startswith("coa_bezetting.odcs.yaml:") and "'version'" in message
    message = _broken_contract(
        tmp_path, monkeypatch, "coa_bezetting", lambda d: "apiVersion: [v3\n  kind: x"
    )
    assert message.startswith("coa_bezetting.odcs.yaml: geen geldige YAML (regel ")
    for m in (message,):
        assert "/" not in m and "Traceback" not in m
