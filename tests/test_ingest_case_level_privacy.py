"""No case data through rejections: a rejected IND delivery's values stay in the internal warehouse.

A real IND delivery (sample parquet) made bad in ways whose findings carry case-level values
(a duplicated zaak, a pseudonym that is a name, an impossible date) goes through the real
ingestion; then both reports are rendered and the analysts' snapshot is published. No zaak_id
of the rejected file, no delivered value, appears in any PDF, HTML or published table; the
report names rule, column, row and a disclosed count instead, and the published delivery
counts of IND are disclosed.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pypdf

from pipelines.lib import disclosure, local_build, paths, warehouse
from pipelines.lib.reports import document as documenten
from tests.deliveries import sample_file
from tests.editions import publish_edition

MAAND = dt.date(2025, 5, 1)
NAME = "Jansen0123456789"


def _rejected_ind(sample: Path, target: Path) -> list[str]:
    frame = pl.read_parquet(sample)
    ids = frame["zaak_id"].to_list()
    bad = pl.concat(
        [frame, frame.head(12)]
    )  # twelve zaken twice: a duplicate key, its value is the zaak
    bad = bad.with_columns(
        pl.when(pl.int_range(pl.len()) == 3)
        .then(pl.lit(NAME))
        .otherwise(pl.col("zaak_id"))
        .alias("zaak_id")
    )
    bad.write_parquet(target)
    return ids


def test_no_zaak_id_in_reports_or_snapshot_after_a_rejected_ind_delivery(
    ketenmonitor_env: Path,
) -> None:
    landing = ketenmonitor_env / "landing"
    ind = landing / "ind_zaken"
    ind.mkdir(parents=True)
    for month in ("2025-04", "2025-05"):
        shutil.copy2(
            sample_file("ind_zaken", f"ind_zaken_{month}"), ind / f"ind_zaken_{month}.parquet"
        )
    ids = _rejected_ind(
        sample_file("ind_zaken", "ind_zaken_2025-05"), ind / "ind_zaken_2025-05_v2.parquet"
    )
    ids += pl.read_parquet(sample_file("ind_zaken", "ind_zaken_2025-04"))["zaak_id"].to_list()

    with warehouse.connect() as conn:
        outcomes = {o.file.name: o for o in local_build.build_warehouse(conn, landing, MAAND)}
        rejected = outcomes["ind_zaken_2025-05_v2.parquet"]
        assert rejected.status == "rejected"
        internal = conn.execute(
            "select value from meta.delivery_findings where value is not null"
        ).fetchall()
        assert any(NAME in v for (v,) in internal), (
            "internally the values are kept for the chain partner"
        )
        built = {doc: build(conn, MAAND) for doc, build in documenten.DOCUMENTEN.items()}
        publish_edition(conn, "2025-05", "r-privacy")
    rendered = {
        doc: documenten.render_rapport(
            r, ketenmonitor_env / f"{doc}.pdf", ketenmonitor_env / f"{doc}.html", variant="pdf/ua-1"
        )
        for doc, r in built.items()
    }

    texts = {}
    for doc, result in rendered.items():
        texts[f"{doc}.html"] = result.html.read_text(encoding="utf-8")
        texts[f"{doc}.pdf"] = "\n".join(p.extract_text() for p in pypdf.PdfReader(result.pdf).pages)
        workbook = openpyxl.load_workbook(result.werkboek)
        texts[f"{doc}.xlsx"] = "\n".join(
            str(v)
            for ws in workbook
            for row in ws.iter_rows(values_only=True)
            for v in row
            if v is not None
        )
    with duckdb.connect(str(paths.published_db()), read_only=True) as snap:
        tables = [
            r[0]
            for r in snap.execute(
                "select table_name from information_schema.tables where table_schema = 'rapportage'"
            ).fetchall()
        ]
        for table in tables:
            texts[f"rapportage.{table}"] = "\n".join(
                str(r) for r in snap.execute(f'select * from rapportage."{table}"').fetchall()
            )
        levering = snap.execute(
            "select rijen, fouten, grootte_bytes from rapportage.leveringen where bestand = $f",
            {"f": "ind_zaken_2025-05.parquet"},
        ).fetchone()
        afgewezen = snap.execute(
            "select rijen, fouten from rapportage.leveringen where bestand = $f",
            {"f": "ind_zaken_2025-05_v2.parquet"},
        ).fetchone()
    for parquet in (paths.published_dir() / "parquet").rglob("*.parquet"):
        texts[parquet.name] = str(pl.read_parquet(parquet).rows())

    leaks = {where: zaak for where, text in texts.items() for zaak in ids if zaak in text}
    assert leaks == {}, "a zaak_id of a delivery reached a report or the snapshot"
    assert not any(NAME in text for text in texts.values())
    html = texts["maandrapportage.html"].replace("<wbr>", "")  # break hints in file names
    assert "ind_zaken_2025-05_v2.parquet" in html and "Afgewezen leveringen en de redenen" in html
    assert "controle &#39;De sleutel (zaak_id, gebeurtenis) komt maar één keer voor&#39;" in html
    assert "(waarde op zaakniveau, niet getoond)" in html
    assert (
        "controle &#39;Waarde volgt het patroon ^[0-9a-f]{16}$&#39;, kolom &#39;zaak_id&#39;, "
        "rij 4, minder dan 10 keer"
    ) in html
    assert "ind_zaken.primary_key" not in html and "ind_zaken.zaak_id.pattern" not in html

    exact_rows = pl.read_parquet(sample_file("ind_zaken", "ind_zaken_2025-05")).height
    assert levering[0] == (exact_rows + 5) // 10 * 10 and levering[2] is None, (
        "disclosed, not exact"
    )
    errors = sum(
        rejected.counts[r] for r in {f.rule for f in rejected.findings if f.severity == "error"}
    )
    assert afgewezen == (None, disclosure.round_and_suppress(errors)), (
        "0 rows and the error count disclosed"
    )
