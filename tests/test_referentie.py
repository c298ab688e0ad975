"""Reference lists in SQL (pipelines/lib/referentie.py): a changed list takes effect at the next
load, an unchanged one stays as loaded, and a missing list stops the load with its name."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.lib import referentie


def _namen(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(conn.execute("select gemeentecode, gemeentenaam from ref.gemeenten").fetchall())


def test_a_changed_list_takes_effect_at_the_next_load(wh, tmp_path: Path) -> None:
    lijst = tmp_path / "gemeenten.csv"
    shutil.copyfile(referentie.bestand("gemeenten"), lijst)
    referentie.laad(wh, {"gemeenten": lijst})
    assert _namen(wh)["GM0014"] == "Groningen"
    aantal = len(_namen(wh))

    lijst.write_text(
        lijst.read_text(encoding="utf-8").replace("GM0014,Groningen,", "GM0014,Groningen (stad),"),
        encoding="utf-8",
    )
    referentie.laad(wh, {"gemeenten": lijst})
    assert _namen(wh)["GM0014"] == "Groningen (stad)"
    assert len(_namen(wh)) == aantal


def test_an_unchanged_list_is_not_loaded_again_but_a_dropped_table_is(wh) -> None:
    referentie.laad(wh)
    # A row that is not in the list survives a second load of the same list: nothing reloaded.
    wh.execute("insert into ref.nationaliteiten select * from ref.nationaliteiten limit 1")
    dubbel = wh.execute("select count(*) from ref.nationaliteiten").fetchall()[0][0]
    referentie.laad(wh)
    assert wh.execute("select count(*) from ref.nationaliteiten").fetchall()[0][0] == dubbel

    wh.execute("drop table ref.gemeenten")
    referentie.laad(wh)
    assert _namen(wh)["GM0014"] == "Groningen"


def test_a_missing_list_stops_the_load_with_its_name(wh, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="referentielijst gemeenten ontbreekt"):
        referentie.laad(wh, {"gemeenten": tmp_path / "weg.csv"})
