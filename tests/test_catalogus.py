"""The catalogue (pipelines/lib/catalogus.py) is the one list of sources, indicators and documents:
the asset graph and the colofon follow from it."""

from __future__ import annotations

import dagster as dg

from pipelines.lib import catalogus, indicators
from pipelines.lib.contracts import SOURCES


def test_every_source_has_its_contract_name_and_cadence() -> None:
    assert tuple(catalogus.BRONNEN) == SOURCES
    assert all(b.naam and b.cadans for b in catalogus.BRONNEN.values())


def test_a_document_rests_on_the_sources_its_indicators_read() -> None:
    assert catalogus.DOCUMENTEN["begrotingsbijlage"].bronnen == (
        "budgettaire_tabel",
        "rijksfinancien_begrotingsstaten",
    )
    # through kpi:instroom and every indicator that reads a source: all of them, contract order
    assert catalogus.DOCUMENTEN["maandrapportage"].bronnen == SOURCES
    # realisatie_vs_prognose reads kpi:instroom (CBS) before the MPP
    assert catalogus.bronnen_van(("realisatie_vs_prognose",)) == (
        "cbs_asielverzoeken",
        "mpp_prognose",
    )


def test_the_report_assets_depend_on_exactly_the_indicators_of_their_document() -> None:
    from pipelines.definitions import defs

    with dg.instance_for_test():
        graph = defs().get_repository_def().asset_graph
    keys = {k.to_user_string(): k for k in graph.get_all_asset_keys()}
    for doc in catalogus.DOCUMENTEN.values():
        parents = {p.to_user_string() for p in graph.get(keys[doc.asset]).parent_keys}
        kpi = {p for p in parents if p.startswith("kpi_")}
        assert kpi == {catalogus.kpi_asset(i) for i in doc.indicatoren}, doc.naam
    for name in catalogus.INDICATOREN:
        assert catalogus.kpi_asset(name) in keys
    assert set(catalogus.INDICATOREN) == {*indicators.INDICATORS, catalogus.BELEIDSCLAIMS}
