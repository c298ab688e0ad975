"""Small, valid deliveries for every source, written as the chain partners would send them.

Tests mutate these to build the bad-input corpus. Each good delivery has at least three rows
so that a mutation can target row 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

CBS_ROWS = [
    {
        "ID": 1,
        "Geslacht": "T001038 ",
        "Leeftijd": "10000   ",
        "Nationaliteit": "T001059 ",
        "Perioden": "2025MM01",
        "TotaalAsielverzoeken_1": 2900,
        "EersteAsielverzoekenPersonen_2": 1600,
        "VolgendeAsielverzoeken_3": 150,
        "NareizigersPersonen_4": 1150,
    },
    {
        "ID": 2,
        "Geslacht": "T001038 ",
        "Leeftijd": "10000   ",
        "Nationaliteit": "T001059 ",
        "Perioden": "2025MM02",
        "TotaalAsielverzoeken_1": 2500,
        "EersteAsielverzoekenPersonen_2": 1400,
        "VolgendeAsielverzoeken_3": 120,
        "NareizigersPersonen_4": 980,
    },
    {
        "ID": 3,
        "Geslacht": "T001038 ",
        "Leeftijd": "10000   ",
        "Nationaliteit": "T001059 ",
        "Perioden": "2025MM03",
        "TotaalAsielverzoeken_1": 2700,
        "EersteAsielverzoekenPersonen_2": 1500,
        "VolgendeAsielverzoeken_3": 130,
        "NareizigersPersonen_4": 1070,
    },
]
CBS_PERIODEN = [
    {"Key": "2025MM01", "Title": "2025 januari", "Description": "", "Status": "Nader voorlopig"},
    {"Key": "2025MM02", "Title": "2025 februari", "Description": "", "Status": "Voorlopig"},
    {"Key": "2025MM03", "Title": "2025 maart", "Description": "", "Status": "Voorlopig"},
]
CBS_NATIONALITEIT = [{"Key": "T001059", "Title": "Totaal", "Description": ""}]

CSV_DELIVERIES: dict[str, tuple[str, str]] = {
    # source: (file name, text)
    "coa_bezetting": (
        "coa_bezetting_2025-05.csv",
        (
            "\ufeffpeildatum;opvangsoort;locaties;capaciteit;bezetting;waarvan_vergunninghouders;kostprijs_per_plek_per_jaar\n"
            "2025-05-31;regulier;120;52000;50100;9000;30400,00\n"
            "2025-05-31;hotel;15;2500;2400;800;69400,00\n"
            "2025-05-31;noodopvang;40;9000;8700;2500;69400,00\n"
        ),
    ),
    "taakstelling": (
        "taakstelling_2025-H1.csv",
        (
            "periode,gemeentecode,gemeentenaam,taakstelling\n"
            "2025-H1,GM0014,Groningen,203\n"
            "2025-H1,GM0034,Almere,189\n"
            "2025-H1,GM0363,Amsterdam,770\n"
        ),
    ),
    "huisvesting_realisatie": (
        "huisvesting_2025-05.csv",
        "maand,gemeentecode,gehuisvest\n2025-05,GM0014,30\n2025-05,GM0034,25\n2025-05,GM0363,0\n",
    ),
    "dtenv_vertrek": (
        "dtenv_vertrek_2025-05.csv",
        (
            "maand,vertreksoort,aantal\n2025-05,zelfstandig_onder_toezicht,270\n2025-05,gedwongen,.\n"
            "2025-05,zelfstandig_zonder_toezicht,480\n"
        ),
    ),
    "rijksfinancien_begrotingsstaten": (
        "begrotingsstaten_2025.csv",
        (
            "Begrotingsjaar,Uitgaven Ontvangsten Verplichtingen,Begrotingsnummer,Naam Begroting ,"
            "Artikel nummer,Artikel,Stand ontwerpbegroting,Stand vastgestelde begroting,"
            "Stand eerste suppletoire,Stand tweede suppletoire,Realisatie\n"
            "2019,U,VI,Justitie en Veiligheid,37,Migratie,1063580,1063580,1200000,"
            "1250000,1277149\n"
            "2019,V,VI,Justitie en Veiligheid,37,Migratie,1063580,1063580,1200000,"
            "1250000,1290000\n"
            "2025,U,XX,Asiel en Migratie,37,Migratie,9480898,9480898,,,\n"
        ),
    ),
    "budgettaire_tabel": (
        "budgettaire_tabel_OWB2026.csv",
        (
            "begrotingsjaar,hoofdstuk,artikel,artikelnaam,vuo,artikelonderdeel,"
            "artikelonderdeelnaam,instrument,regeling,jaar,bedrag\n"
            "2026,XX,37,Migratie,U,37.2,Opvang en terugkeer,Bijdrage aan ZBO's/RWT's,"
            "COA,2026,4500000\n"
            "2026,XX,37,Migratie,U,37.2,Opvang en terugkeer,Bijdrage aan agentschappen,"
            "IND,2026,866000\n"
            "2026,XX,37,Migratie,V,37.2,Opvang en terugkeer,,,2026,5400000\n"
        ),
    ),
    "oekraine_opvang": (
        "oekraine_opvang_2025-05.csv",
        (
            "peildatum;opvangplekken;bezetting;kostprijs_per_plek_per_dag\n"
            "2025-03-31;97000;90500;44,00\n2025-04-30;97500;91000;44,00\n2025-05-31;98000;91200;44,50\n"
        ),
    ),
    "mpp_prognose": (
        "mpp_2025-najaar.csv",
        (
            "editie,grootheid,jaar,scenario,waarde\n2025-najaar,asielinstroom,2025,min,40000\n"
            "2025-najaar,asielinstroom,2025,midden,47000\n2025-najaar,asielinstroom,2025,max,55300\n"
        ),
    ),
}

IND_ROWS = {
    "zaak_id": ["0a1b2c3d4e5f6071", "1a1b2c3d4e5f6071", "2a1b2c3d4e5f6071"],
    "procedure": ["asiel_eerste", "asiel_eerste", "nareis"],
    "nationaliteit": ["SYR", "ERI", "XXA"],
    "gebeurtenis": ["aanvraag", "aanvraag", "aanvraag"],
    "datum": ["2025-05-02", "2025-05-12", "2025-05-20"],
}


def write_good(source: str, folder: Path) -> Path:
    """Write a valid delivery of `source` into folder/<source>/ and return its path."""
    target = folder / source
    target.mkdir(parents=True, exist_ok=True)
    if source == "cbs_asielverzoeken":
        return write_cbs(target, "83102NED_2025-04-15", CBS_ROWS)
    if source == "ind_zaken":
        path = target / "ind_zaken_2025-05.parquet"
        pl.DataFrame(IND_ROWS).with_columns(pl.col("datum").str.to_date()).write_parquet(path)
        return path
    name, text = CSV_DELIVERIES[source]
    path = target / name
    path.write_text(text, encoding="utf-8")
    return path


def write_cbs(
    folder: Path, stem: str, rows: list[dict], perioden: list[dict] | None = None
) -> Path:
    def envelope(value: list[dict]) -> str:
        return json.dumps({"odata.metadata": "https://example.invalid/$metadata", "value": value})

    (folder / f"{stem}.Perioden.json").write_text(
        envelope(perioden or CBS_PERIODEN), encoding="utf-8"
    )
    (folder / f"{stem}.Nationaliteit.json").write_text(
        envelope(CBS_NATIONALITEIT), encoding="utf-8"
    )
    path = folder / f"{stem}.json"
    path.write_text(envelope(rows), encoding="utf-8")
    return path


def mutate_csv(path: Path, row: int, column: str, value: str, separator: str = ",") -> None:
    """Set one cell (1-based data row) of a delivered CSV, keeping everything else as it was."""
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    header = lines[0].split(separator)
    cells = lines[row].split(separator)
    cells[header.index(column)] = value
    lines[row] = separator.join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def sample_file(source: str, prefix: str) -> Path:
    """The embedded sample delivery of `source` whose name starts with `prefix` (e.g.
    "ind_zaken_2025-05"): sample files carry their delivery date after the period."""
    from pipelines.lib import paths

    matches = sorted((paths.SAMPLE_LANDING_DIR / source).glob(f"{prefix}_*"))
    matches = [
        m
        for m in matches
        if "_v2_" not in m.name and not m.name.endswith((".Perioden.json", ".Nationaliteit.json"))
    ]
    assert len(matches) == 1, f"{source}/{prefix}: {[m.name for m in matches]}"
    return matches[0]
