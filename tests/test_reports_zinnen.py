"""The shared sentences of the documents (reports/templates/_zinnen.txt.j2), every branch, as a
reader gets them; plain text, so that markup in a file name is escaped where it is placed."""

from __future__ import annotations

import datetime as dt

from pipelines.lib.reports.zinnen import zin

OKT = dt.date(2026, 10, 1)


def test_the_source_line_names_each_delivery_or_its_absence() -> None:
    delen = [
        zin("bron_deel", "CBS 83102NED", dt.date(2026, 11, 12)),
        zin("bron_deel", "COA bezetting", None),
    ]
    assert zin("bronregel", delen, "bewerking Ketenmonitor") == (
        "Bron: CBS 83102NED, levering 12 november 2026; COA bezetting, geen levering; "
        "bewerking Ketenmonitor"
    )


def test_a_stale_source_says_how_far_its_figures_reach_or_that_there_are_none() -> None:
    assert zin("verouderd", dt.date(2026, 8, 1), OKT) == (
        "De meest recente gegevens gaan tot en met augustus 2026, ouder dan de verslagmaand "
        "oktober 2026; deze editie is daarom onvolledig. De figuren voor deze bron tonen de "
        "laatst geleverde gegevens."
    )
    assert zin("verouderd", None, OKT) == (
        "Er is nog geen levering geaccepteerd; figuren voor deze bron ontbreken en deze editie "
        "is daarom onvolledig."
    )


def test_a_rejected_delivery_is_named_as_plain_text() -> None:
    assert zin("afgewezen", "<b>coa</b>.csv", dt.date(2026, 11, 3), "rij 4: fout") == (
        "De laatste levering (<b>coa</b>.csv, 3 november 2026) is afgewezen: rij 4: fout"
    )


def test_completeness_and_the_cover_notice_of_an_incomplete_edition() -> None:
    assert zin("volledigheid", []) == "volledig"
    ontbrekend = [zin("ontbrekende_bron", "COA bezetting", "geen oktober"), "DTenV vertrek"]
    assert zin("ontbrekende_bron", "DTenV vertrek", None) == "DTenV vertrek"
    assert zin("volledigheid", ontbrekend) == (
        "onvolledig; ontbreekt: COA bezetting (geen oktober); DTenV vertrek"
    )
    omslag = "Niet elke bron dekt oktober 2026: A; B. De hoofdstukken van deze bronnen tonen de "
    assert zin("onvolledig_omslag", OKT, ["A", "B"], "maandrapportage") == (
        omslag + "laatst geleverde gegevens; zie het hoofdstuk Datakwaliteit en bronnen."
    )
    assert zin("onvolledig_omslag", OKT, ["A", "B"], "begrotingsbijlage") == (
        omslag + "laatst geleverde gegevens; zie Datakwaliteit en bronnen in de Maandrapportage."
    )


def test_the_edition_date_says_why_it_is_that_day() -> None:
    assert zin("opgemaakt", dt.date(2026, 11, 1), True) == (
        "1 november 2026 (eerste dag na de verslagmaand)"
    )
    assert zin("opgemaakt", dt.date(2026, 11, 12), False) == (
        "12 november 2026 (de dag van de nieuwste levering)"
    )
