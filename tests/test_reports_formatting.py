"""Dutch formatting, SVG charts and the report content model: the small parts, without rendering."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.lib import catalogus, charts, editie, formatting, perioden
from pipelines.lib import report_model as rm
from pipelines.lib.reports import bronnen as bronnen_mod
from pipelines.lib.reports import instellingen

MINUS = "\u2212"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12500, "12.500"),
        (0, "0"),
        (-340, f"{MINUS}340"),
        (1234567.891, "1.234.568"),
        (None, "."),
        (-0.4, "0"),
    ],
)
def test_getal(value: float | None, expected: str) -> None:
    assert formatting.getal(value) == expected


def test_numbers_with_decimals_and_signs() -> None:
    assert formatting.getal(3.25, 1) == "3,3"  # half up, like the printed budget
    assert formatting.getal(-3.25, 1) == f"{MINUS}3,3"
    assert formatting.getal_teken(1200) == "+1.200"
    assert formatting.getal_teken(-5) == f"{MINUS}5"
    assert formatting.getal_teken(0) == "0"


def test_percentages() -> None:
    assert formatting.procent(0.04) == "4,0%"
    assert formatting.verandering(-0.5) == f"{MINUS}50,0%"
    assert formatting.verandering(0.04) == "+4,0%"
    assert formatting.verandering(-0.496) == f"{MINUS}49,6%"
    assert formatting.procent(None) == "."


def test_amounts() -> None:
    assert formatting.euro_mln(118_000_000) == "€ 118 mln"
    assert formatting.euro_mln(-5_000_000) == f"€ {MINUS}5 mln"
    assert formatting.euro_mld(9_842_315_000) == "€ 9,8 mld"
    assert formatting.euro_kort(2_500_000) == "€ 2,5 mln"
    assert formatting.euro_kort(1_500_000_000) == "€ 1,5 mld"
    assert formatting.euro_x1000(118_000_000) == "118.000"
    assert formatting.bedrag(-346015) == f"{MINUS}346.015"
    assert formatting.BEDRAGEN_X1000 == "Bedragen x € 1.000"


def test_dates() -> None:
    assert formatting.maand_jaar(dt.date(2025, 5, 1)) == "mei 2025"
    assert formatting.maand_jaar("2026-10") == "oktober 2026"
    assert formatting.datum(dt.date(2026, 11, 12)) == "12 november 2026"
    assert formatting.datum(dt.datetime(2026, 3, 4, 10, 0)) == "4 maart 2026"
    assert formatting.kwartaal(2025, 1) == "1e kwartaal 2025"
    assert formatting.halfjaar("2025-H2") == "2e halfjaar 2025"


def test_cbs_symbols() -> None:
    assert formatting.cel(12500, voorlopig=True) == "12.500*"
    assert formatting.cel(None) == "."
    assert {s for s, _ in formatting.SYMBOOL_LEGENDA} >= {".", "*", "**"}


# --------------------------------------------------------------------------- charts


def test_counts_take_the_dutch_plural() -> None:
    assert formatting.aantal(1, "bestand", "bestanden") == "1 bestand"
    assert formatting.aantal(2, "bestand", "bestanden") == "2 bestanden"
    assert formatting.aantal(0, "bestand", "bestanden") == "0 bestanden"
    assert formatting.aantal(1, "dag", "dagen") == "1 dag"
    assert formatting.aantal(1, "controle", "controles") == "1 controle"
    assert formatting.aantal(12500, "rij", "rijen") == "12.500 rijen"
    assert formatting.is_enkelvoud(-1) and not formatting.is_enkelvoud(1.5)


def test_chart_has_a_text_alternative_and_escapes_labels() -> None:
    svg = charts.grafiek(
        titel="Instroom <per> maand",
        samenvatting="Staven & een lijn.",
        categorieen=["jan '25", "feb '25", "<script>"],
        reeksen=[
            charts.Reeks("Eerste", [1200, None, 1500]),
            charts.Reeks("Totaal", [2000, 2100, 2200], soort="lijn"),
        ],
        as_label="personen",
    )
    text = str(svg)
    assert text.startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Instroom &lt;per&gt; maand.'
    )
    assert "<title>Instroom &lt;per&gt; maand. Staven &amp; een lijn.</title>" in text
    assert "<desc>Eerste: jan &#39;25 1.200; feb &#39;25 .; &lt;script&gt; 1.500" in text
    assert "<script>" not in text
    assert "polyline" in text and "<rect" in text


def test_chart_is_deterministic_and_handles_negative_values() -> None:
    def make() -> str:
        return str(
            charts.grafiek(
                titel="Verschil",
                samenvatting="Plus en min.",
                categorieen=["2024", "2025"],
                reeksen=[charts.Reeks("Verschil", [-300, 450])],
            )
        )

    assert make() == make()
    assert f"{MINUS}" in make()  # the axis shows a negative tick with a real minus sign


# --------------------------------------------------------------------------- content model


def test_table_numbering_and_csv() -> None:
    h = rm.Hoofdstuk("opvang", "3", "Opvang en doorstroom")
    h.tabel("Eerste", [rm.Kolom("a", "l")], [], "Bron: x")
    t = h.tabel(
        "Opvang naar soort, stand eind mei 2025",
        [rm.Kolom("Soort", "l"), rm.Kolom("Bezetting")],
        [
            rm.Rij([rm.tekst("Regulier"), rm.getal(50100, symbool="*")]),
            rm.Rij([rm.tekst("Hotel"), rm.getal(None)]),
            rm.Rij([rm.tekst("Totaal"), rm.getal(50100)], "totaal"),
        ],
        "Bron: COA",
    )
    assert t.nummer == "3.2" and t.id == "tabel-3-2"
    assert t.bestandsnaam == "tabel-3-2-opvang-naar-soort-stand-eind-mei-2025.csv"
    assert t.met_symbolen and not t.vaste_breedtes
    rows = list(csv.reader(io.StringIO(t.csv_bytes().decode()), delimiter=";"))
    assert rows == [
        ["Soort", "Bezetting"],
        ["Regulier", "50100"],
        ["Hotel", ""],
        ["Totaal", "50100"],
    ]
    assert t.rijen[1].cellen[1].tekst == "."


def test_figure_cells_carry_the_published_number_and_its_format() -> None:
    """What a spreadsheet gets: the figure as the PDF rounds it,
    with a number format of that precision."""
    cel = rm.getal(12500.4)
    assert (cel.tekst, cel.waarde, cel.formaat, cel.csv) == ("12.500", 12500, "#,##0", "12500.4")
    assert rm.getal(-0.4).waarde == 0 and rm.getal(-0.4).tekst == "0"  # no negative zero
    cel = rm.getal(0.0404, formatting.verandering)
    assert (cel.tekst, cel.waarde, cel.formaat) == ("+4,0%", 0.04, "+0.0%;-0.0%;0.0%")
    cel = rm.getal(123_456_789, formatting.euro_x1000)
    assert (cel.tekst, cel.waarde) == ("123.457", 123457)
    pct = rm.Weergave(
        lambda v: formatting.procent(v / 100),
        1,
        lambda v: Decimal(str(v / 100)) * 100,
        procent=True,
    )
    cel = rm.getal(93.82993781911935, pct)
    assert (cel.tekst, cel.waarde, cel.formaat) == ("93,8%", 0.938, "0.0%")
    cel = rm.getal(None, formatting.bedrag)
    assert (cel.tekst, cel.waarde, cel.formaat, cel.is_getal) == (".", None, "#,##0", True)
    assert not rm.tekst("Amsterdam").is_getal
    assert rm.Weergave(formatting.getal, 2).formaat == "#,##0.00"
    with pytest.raises(TypeError, match="Weergave"):
        rm.getal(1.5, lambda v: formatting.getal(v, 1))


def test_annex_numbering() -> None:
    h = rm.Hoofdstuk(
        "bijlage-taakstelling", "A", "Taakstelling per gemeente", kopnummer="Bijlage A"
    )
    assert h.tabel("x", [], [], "Bron").nummer == "A.1"
    assert h.kopnummer == "Bijlage A"


@pytest.mark.parametrize(
    ("periode", "bereik"),
    [
        ("2025-05", ("2025-05-01", "2025-05-01")),
        ("2025MM05", ("2025-05-01", "2025-05-01")),
        ("2025KW02", ("2025-04-01", "2025-06-01")),
        ("2025JJ00", ("2025-01-01", "2025-12-01")),
        ("2025-H2", ("2025-07-01", "2025-12-01")),
        ("2026", ("2026-01-01", "2026-12-01")),
        ("2025-najaar", ("2025-10-01", "2025-10-01")),
    ],
)
def test_delivery_periods(periode: str, bereik: tuple[str, str]) -> None:
    begin, einde = perioden.periode_bereik(periode)  # type: ignore[misc]
    assert (begin.isoformat(), einde.isoformat()) == bereik
    assert perioden.periode_bereik("onzin") is None
    assert (
        perioden.periode_bereik("2025MM13") is None and perioden.periode_bereik("2025KW05") is None
    )


def _levering(
    file_name: str, periods: list[str], delivery_id: int = 1, status: str = "accepted"
) -> editie.Levering:
    return editie.Levering(
        delivery_id,
        "coa_bezetting",
        file_name,
        "ab" * 32,
        dt.datetime(2026, 11, 29, 10, 0),
        status,
        6,
        tuple(periods),
        "1.0.0",
        0,
        0,
        None if status == "accepted" else "kolom bezetting: geen getal",
    )


def test_delivery_date_from_file_name_or_arrival() -> None:
    assert _levering("83102NED_2026-11-12.json", ["2026MM10"]).datum == dt.date(2026, 11, 12)
    assert _levering("coa_bezetting_2026-10.csv", ["2026-10"]).datum == dt.date(2026, 11, 29)


def test_stale_source_and_its_warning() -> None:
    maand = dt.date(2026, 10, 1)
    info = catalogus.BRONNEN["coa_bezetting"]
    actueel = bronnen_mod.BronStatus(
        "coa_bezetting", info, [_levering("c_2026-10.csv", ["2026-10"])], [], maand
    )
    oud = bronnen_mod.BronStatus(
        "coa_bezetting",
        info,
        [_levering("c_2026-08.csv", ["2026-08"])],
        [_levering("c_2026-10.csv", [], delivery_id=2, status="rejected")],
        maand,
    )
    assert not actueel.verouderd and oud.verouderd
    bronnen = bronnen_mod.Bronnen(maand, {"coa_bezetting": oud})
    [w] = bronnen.waarschuwingen()
    assert (
        "tot en met augustus 2026" in w.tekst
        and "c_2026-10.csv" in w.tekst
        and "afgewezen" in w.tekst
    )
    assert (
        bronnen.regel("coa_bezetting")
        == "Bron: COA, bezetting opvang, levering 29 november 2026; bewerking Ketenmonitor"
    )


def test_fixed_creation_date_and_edition_id() -> None:
    assert bronnen_mod.aangemaakt(dt.date(2025, 12, 1)).isoformat() == "2026-01-01T00:00:00+01:00"
    maand = dt.date(2026, 10, 1)
    info = catalogus.BRONNEN["coa_bezetting"]

    def bronnen(*levs: editie.Levering) -> bronnen_mod.Bronnen:
        status = bronnen_mod.BronStatus("coa_bezetting", info, list(levs), [], maand)
        return bronnen_mod.Bronnen(maand, {"coa_bezetting": status})

    a = bronnen(_levering("c.csv", ["2026-10"]))
    assert a.editie_id == bronnen(_levering("c.csv", ["2026-10"])).editie_id
    assert re.fullmatch(r"2026-10-[0-9a-f]{12}", a.editie_id)
    other = editie.Levering(**{**_levering("d.csv", ["2026-09"], 2).__dict__, "sha256": "cd" * 32})
    assert bronnen(_levering("c.csv", ["2026-10"]), other).editie_id != a.editie_id


def test_organisation_and_logo_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("KETENMONITOR_ORGANISATIE", raising=False)
    assert instellingen.organisatie() == "Ministerie van Asiel en Migratie"
    monkeypatch.setenv("KETENMONITOR_ORGANISATIE", "Gemeente Proefstad")
    assert instellingen.organisatie() == "Gemeente Proefstad"
    monkeypatch.delenv("KETENMONITOR_LOGO", raising=False)
    assert instellingen.logo_data_url() is None
    logo = tmp_path / "logo.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8"
    )
    monkeypatch.setenv("KETENMONITOR_LOGO", str(logo))
    assert instellingen.logo_data_url().startswith("data:image/svg+xml;base64,")  # type: ignore[union-attr]
    monkeypatch.setenv("KETENMONITOR_LOGO", str(tmp_path / "logo.txt"))
    with pytest.raises(ValueError, match="PNG, JPEG of SVG"):
        instellingen.logo_data_url()
