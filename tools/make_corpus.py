"""Write the corpus of bad deliveries, tests/corpus/<source>/, from the embedded sample.

Each file is a small, realistic delivery with one thing wrong, named as a chain partner would name
it. What it must produce (rejected or warned, and the fragments of the message) is written by hand
in tests/corpus/<source>/verwacht.toml; tests/test_corpus.py feeds every file to a published
warehouse and checks it. Run again after changing a case: `python tools/make_corpus.py`.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample" / "landing"
CORPUS = ROOT / "tests" / "corpus"

COA = (
    "peildatum;opvangsoort;locaties;capaciteit;bezetting;waarvan_vergunninghouders;kostprijs_per_plek_per_jaar\n"
    "2026-10-31;regulier;122;47571;44943;5548;34800,00\n"
    "2026-10-31;noodopvang;68;10845;9785;1208;61200,00\n"
    "2026-10-31;hotel;12;1344;1264;156;76000,00\n"
)
TAAK = (
    "periode,gemeentecode,gemeentenaam,taakstelling\n"
    "2026-H2,GM0014,Groningen,149\n"
    "2026-H2,GM1900,Súdwest-Fryslân,41\n"
    "2026-H2,GM0363,Amsterdam,512\n"
)
HUIS = "maand,gemeentecode,gehuisvest\n2026-10,GM0014,21\n2026-10,GM0034,25\n2026-10,GM0037,4\n"
DTENV = (
    "maand,vertreksoort,aantal\n2026-10,zelfstandig_onder_toezicht,290\n2026-10,gedwongen,280\n"
    "2026-10,zelfstandig_zonder_toezicht,450\n"
)
OEKR = (
    "peildatum;opvangplekken;bezetting;kostprijs_per_plek_per_dag\n2026-10-31;101356;93482;44,00\n"
)
MPP = (
    "editie,grootheid,jaar,scenario,waarde\n"
    "2026-najaar,asielinstroom,2026,min,36000\n2026-najaar,asielinstroom,2026,midden,43000\n"
    "2026-najaar,asielinstroom,2026,max,55000\n"
)
BT_HEAD = (
    "begrotingsjaar,hoofdstuk,artikel,artikelnaam,vuo,artikelonderdeel,artikelonderdeelnaam,"
    "instrument,regeling,jaar,bedrag\n"
)
BT = (
    BT_HEAD + "2027,XX,37,Migratie,V,,,,,2026,8420588\n2027,XX,37,Migratie,V,,,,,2027,4230300\n"
    "2027,XX,37,Migratie,U,,,,,2027,4230300\n"
)


def _begrotingsstaten() -> tuple[str, list[str]]:
    text = (
        SAMPLE / "rijksfinancien_begrotingsstaten" / "begrotingsstaten_2026-06-03.csv"
    ).read_text(encoding="utf-8")
    head, *rows = text.splitlines()
    return head, rows


def _replace_in_row(text: str, row: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert old in lines[row - 1], (row, old, lines[row - 1])
    lines[row - 1] = lines[row - 1].replace(old, new, 1)
    return "\n".join(lines)


def _xlsx() -> bytes:
    """A real (minimal) Office Open XML workbook, as Excel writes it when asked for .xlsx."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        z.writestr(
            "xl/workbook.xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheets><sheet name="Blad1" sheetId="1"/></sheets></workbook>',
        )
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    return buf.getvalue()


def _ind() -> pl.DataFrame:
    return pl.read_parquet(SAMPLE / "ind_zaken" / "ind_zaken_2026-10.parquet").head(6)


def _parquet(frame: pl.DataFrame) -> bytes:
    buf = io.BytesIO()
    frame.write_parquet(buf)
    return buf.getvalue()


def _cbs_rows(periods: tuple[str, ...] = ("2026MM08", "2026MM09", "2026MM10")) -> list[dict]:
    data = json.loads(
        (SAMPLE / "cbs_asielverzoeken" / "83102NED_2026-11-12.json").read_text(encoding="utf-8")
    )
    return [
        r
        for r in data["value"]
        if r["Perioden"] in periods
        and r["Geslacht"].strip() == "T001038"
        and r["Leeftijd"].strip() == "10000"
    ][:3]


def _cbs(rows: list[dict]) -> str:
    return json.dumps(
        {
            "odata.metadata": "https://opendata.cbs.nl/ODataApi/odata/83102NED/$metadata"
            "#Cbs.OData.WebAPI.TypedDataSet",
            "value": rows,
        },
        ensure_ascii=False,
    )


def cases() -> dict[str, dict[str, bytes | str]]:
    head, staten = _begrotingsstaten()
    staten_text = head + "\n" + "\n".join(staten[:6]) + "\n"
    ind = _ind()
    cbs = _cbs_rows()
    return {
        "coa_bezetting": {
            "coa_bezetting_2026-10_komma-gescheiden.csv": COA.replace(";", ",").replace(
                ",00\n", ".00\n"
            ),
            "coa_bezetting_2026-10_decimaalpunt.csv": COA.replace("34800,00", "34800.00"),
            "coa_bezetting_2026-10_datum-dd-mm-jjjj.csv": COA.replace("2026-10-31", "31-10-2026"),
            "coa_bezetting_2026-10_waarvan-groter.csv": COA.replace(";1264;156;", ";1264;1400;"),
            "coa_bezetting_2027-03_toekomst.csv": COA.replace("2026-10-31", "2027-03-31"),
            "coa_bezetting_2021-12_voor-2022.csv": COA.replace("2026-10-31", "2021-12-31"),
            "coa_bezetting_2026-10_excel.csv": _xlsx(),
            "coa_bezetting_2026-10_afgekapt-in-rij.csv": COA[: COA.index("1208;") + 3],
            "coa_bezetting_2026-10_leeg.csv": b"",
        },
        "taakstelling": {
            "taakstelling_2026-H2_cp1252.csv": TAAK.encode("cp1252"),
            "taakstelling_2026-H2_onbekende-gemeente.csv": TAAK.replace(
                "GM0363,Amsterdam", "GM9999,Amsterdam"
            ),
            "taakstelling_2026-H2_alleen-kop.csv": TAAK.splitlines()[0] + "\n",
            "taakstelling_2026-H2_regelovergang-in-veld.csv": TAAK.replace(
                "GM0014,Groningen", 'GM0014,"Gron\ningen"'
            ),
            "taakstelling_2026-H2_dubbele-sleutel.csv": TAAK.replace(
                "GM0363,Amsterdam", "GM0014,Groningen"
            ),
            "taakstelling_2026-H2_hernoemde-kolom.csv": TAAK.replace(
                "gemeentecode,", "gemeente_code,", 1
            ),
        },
        "huisvesting_realisatie": {
            "huisvesting_2026-10_negatief.csv": HUIS.replace("GM0034,25", "GM0034,-25"),
            "huisvesting_2026-10_extra-kolom.csv": HUIS.replace(
                "gehuisvest\n", "gehuisvest,opmerking\n"
            )
            .replace("21\n", "21,\n")
            .replace("25\n", "25,\n")
            .replace(",4\n", ",4,na controle\n"),
            "huisvesting_2026-10_puntkomma.csv": HUIS.replace(",", ";"),
            "huisvesting_2026-10_afgekapt-in-veld.csv": HUIS.replace("GM0037,4\n", '"GM00'),
            "huisvesting_2026-10_binair.csv": bytes(range(256)) * 4,
        },
        "dtenv_vertrek": {
            "dtenv_vertrek_2026-10_tekst-in-getal.csv": DTENV.replace(",280\n", ",veel\n"),
            "dtenv_vertrek_2026-10_onbekende-soort.csv": DTENV.replace("gedwongen", "uitgezet"),
            "dtenv_vertrek_2021-12_voor-2022.csv": DTENV.replace("2026-10", "2021-12"),
            "dtenv_vertrek_2026-10_ontbrekende-kolom.csv": (
                "maand,aantal\n2026-10,290\n2026-10,280\n2026-10,450\n"
            ),
            "dtenv_vertrek_2026-10_decimaalkomma.csv": DTENV.replace(",280\n", ',"280,5"\n'),
        },
        "rijksfinancien_begrotingsstaten": {
            "begrotingsstaten_2026-11-20_hernoemde-kolom.csv": staten_text.replace(
                "Stand ontwerpbegroting", "Stand ontwerp begroting", 1
            ),
            "begrotingsstaten_2026-11-21_dubbele-kolomnaam.csv": staten_text.replace(
                "Realisatie", "Artikel", 1
            ),
            "begrotingsstaten_2026-11-22_duizendtallen.csv": _replace_in_row(
                staten_text, 2, ",733200,", ',"733.200",'
            ),
            "begrotingsstaten_2026-11-23_tekst-in-bedrag.csv": _replace_in_row(
                staten_text, 3, ",173932", ",n.v.t."
            ),
        },
        "budgettaire_tabel": {
            "budgettaire_tabel_OWB2027_onbekende-vuo.csv": BT.replace(",U,", ",X,"),
            "budgettaire_tabel_OWB2027_decimaalpunt.csv": BT.replace(",8420588", ",8420588.5"),
            "budgettaire_tabel_OWB2027_dubbele-sleutel.csv": BT.replace(",U,", ",V,"),
        },
        "oekraine_opvang": {
            "oekraine_opvang_2026-10_decimaalpunt.csv": OEKR.replace("44,00", "44.00"),
            "oekraine_opvang_2026-10_bezetting-boven-plekken.csv": OEKR.replace(
                ";93482;", ";103482;"
            ),
            "oekraine_opvang_2026-10_onmogelijke-datum.csv": OEKR.replace(
                "2026-10-31", "2026-09-31"
            ),
            "oekraine_opvang_2026-10_komma-gescheiden.csv": OEKR.replace(";", ",").replace(
                ",00\n", ".00\n"
            ),
        },
        "mpp_prognose": {
            "mpp_2026-10_2026-najaar_onbekend-scenario.csv": MPP.replace(",max,", ",hoog,"),
            "mpp_2026-10_2026-najaar_negatief.csv": MPP.replace(",36000", ",-36000"),
            "mpp_2026-10_2026-najaar_onbekende-grootheid.csv": MPP.replace(
                "asielinstroom,2026,max", "instroom,2026,max"
            ),
        },
        "ind_zaken": {
            "ind_zaken_2026-10_verkeerd-schema.parquet": _parquet(
                ind.with_columns(pl.col("datum").cast(pl.Int32))
            ),
            "ind_zaken_2026-10_csv-als-parquet.parquet": (
                SAMPLE / "dtenv_vertrek" / "dtenv_vertrek_2026-10.csv"
            ).read_bytes(),
            "ind_zaken_2026-10_onbekende-nationaliteit.parquet": _parquet(
                ind.with_columns(
                    pl.when(pl.int_range(pl.len()) == 1)
                    .then(pl.lit("XYZ"))
                    .otherwise(pl.col("nationaliteit"))
                    .alias("nationaliteit")
                )
            ),
            "ind_zaken_2026-10_bsn-als-zaak.parquet": _parquet(
                ind.with_columns(
                    pl.when(pl.int_range(pl.len()) == 2)
                    .then(pl.lit("123456782"))
                    .otherwise(pl.col("zaak_id"))
                    .alias("zaak_id")
                )
            ),
            "ind_zaken_2026-10_toekomstige-datum.parquet": _parquet(
                ind.with_columns(
                    pl.when(pl.int_range(pl.len()) == 3)
                    .then(pl.date(2027, 1, 15))
                    .otherwise(pl.col("datum"))
                    .alias("datum")
                )
            ),
            "ind_zaken_2026-10_dubbele-gebeurtenis.parquet": _parquet(
                pl.concat([ind, ind.slice(0, 1)])
            ),
        },
        "cbs_asielverzoeken": {
            "83102NED_2026-11-20.json": json.dumps({"d": {"results": cbs}}),
            "83102NED_2026-11-21.json": _cbs(cbs).replace(
                '"TotaalAsielverzoeken_1":',
                '"TotaalAsielverzoeken_1": 1, "TotaalAsielverzoeken_1":',
                1,
            ),
            "83102NED_2026-11-22.json": _cbs(
                [
                    {
                        **cbs[0],
                        "EersteAsielverzoekenPersonen_2": (cbs[0]["TotaalAsielverzoeken_1"] or 0)
                        + 500,
                    },
                    *cbs[1:],
                ]
            ),
            "83102NED_2026-11-23.json": _cbs(cbs)[:-40],
            "83102NED_2026-11-24.json": _cbs(
                [cbs[0], {**cbs[1], "Nationaliteit": "X999999 "}, cbs[2]]
            ),
            "83102NED_2026-11-25.json": _cbs(
                [
                    {
                        **r,
                        "TotaalAsielverzoeken_1": r["TotaalAsielverzoeken_1"] + 100,
                        "EersteAsielverzoekenPersonen_2": r["EersteAsielverzoekenPersonen_2"] + 100,
                    }
                    for r in _cbs_rows(("2022MM01",))
                ]
            ),
        },
    }


def main() -> None:
    companions = sorted((SAMPLE / "cbs_asielverzoeken").glob("83102NED_2026-11-12.*.json"))
    for source, files in cases().items():
        folder = CORPUS / source
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            if old.name != "verwacht.toml":
                old.unlink()
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (folder / name).write_bytes(data)
            if source == "cbs_asielverzoeken":  # the code lists CBS publishes beside the data
                for companion in companions:
                    suffix = companion.name.removeprefix("83102NED_2026-11-12")
                    shutil.copyfile(companion, folder / (Path(name).stem + suffix))
    print(
        f"{sum(len(f) for f in cases().values())} gevallen geschreven in "
        f"{CORPUS.relative_to(ROOT)}/"
    )


if __name__ == "__main__":
    main()
