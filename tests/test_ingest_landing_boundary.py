"""The landing folder is a boundary: nothing outside it is read, copied or loaded.

Symlinks (to a file outside, to a valid delivery elsewhere, or a whole symlinked source folder)
are refused with a Dutch message, never opened; the warehouse and the quarantine hold no byte of
what lies outside the landing folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from pipelines.defs.ingest.assets import ingest_assets
from pipelines.defs.shared import Warehouse
from pipelines.lib import landingsmap, paths, warehouse
from pipelines.lib.contracts import load_contract
from tests import verslag
from tests.deliveries import CBS_ROWS, write_cbs, write_good

SECRET = "geheim-buiten-de-landingsmap"


def _materialize(*names: str) -> tuple[dg.ExecuteInProcessResult, list[str]]:
    assets = [a for a in ingest_assets if a.key.to_user_string() in {f"raw_{n}" for n in names}]
    with dg.DagsterInstance.ephemeral() as instance:
        result = dg.materialize(
            assets, instance=instance, resources={"warehouse_db": Warehouse()}, raise_on_error=False
        )
        logs = [e.message for e in instance.all_logs(result.run_id) if e.message]
    return result, logs


def _all_bytes_under(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def test_symlinks_and_outside_paths_are_refused_unread(ketenmonitor_env: Path) -> None:
    landing = ketenmonitor_env / "landing"
    outside = ketenmonitor_env / "elders"
    outside.mkdir()
    # a file that is no delivery at all (like /etc/passwd) ...
    secret = outside / "passwd"
    secret.write_text(f"root:x:0:0:{SECRET}:/root:/bin/bash\n", encoding="utf-8")
    # ... and a perfectly valid delivery, but outside the landing folder
    valid_elsewhere = write_good("coa_bezetting", outside)
    coa = landing / "coa_bezetting"
    coa.mkdir()
    os.symlink(secret, coa / "coa_bezetting_2025-04.csv")
    os.symlink(valid_elsewhere, coa / "coa_bezetting_2025-05.csv")
    # a whole source folder that is a symlink to somewhere else
    taak_elsewhere = write_good("taakstelling", outside).parent
    os.symlink(taak_elsewhere, landing / "taakstelling")
    # a CBS dataset in the landing folder whose code list is a symlink
    cbs = landing / "cbs_asielverzoeken"
    cbs.mkdir()
    write_cbs(cbs, "83102NED_2025-04-15", CBS_ROWS)
    (cbs / "83102NED_2025-04-15.Perioden.json").unlink()
    os.symlink(secret, cbs / "83102NED_2025-04-15.Perioden.json")

    result, logs = _materialize("coa_bezetting", "taakstelling", "cbs_asielverzoeken")
    assert result.success

    text = "\n".join(logs)
    assert (
        "coa_bezetting/coa_bezetting_2025-04.csv: GEWEIGERD, niet gelezen en niet geladen" in text
    )
    assert "coa_bezetting/coa_bezetting_2025-05.csv: GEWEIGERD" in text
    assert "taakstelling/: GEWEIGERD" in text and "de bronmap is een symbolische koppeling" in text
    assert "symbolische koppeling (symlink)" in text
    assert str(outside) not in text and SECRET not in text, (
        "no path and no byte from outside in the log"
    )

    with warehouse.connect(read_only=True) as conn:
        registered = conn.execute(
            "select source, file_name, status from meta.deliveries order by all"
        ).fetchall()
        raw = {
            s: conn.execute(f"select count(*) from raw.{s}").fetchone()[0]
            for s in ("coa_bezetting", "taakstelling", "cbs_asielverzoeken")
        }
        dumped = "\n".join(
            str(r) for r in conn.execute("select * from meta.delivery_findings").fetchall()
        )
        reasons = "\n".join(
            str(r) for r in conn.execute("select reasons from meta.deliveries").fetchall()
        )
    # only the CBS dataset (a real file in the landing folder) was read;
    # its symlinked code list was not
    assert registered == [("cbs_asielverzoeken", "83102NED_2025-04-15.json", "rejected")]
    assert raw == {"coa_bezetting": 0, "taakstelling": 0, "cbs_asielverzoeken": 0}
    assert "de codelijst 83102NED_2025-04-15.Perioden.json is een symbolische koppeling" in reasons
    assert SECRET not in dumped and SECRET not in reasons
    quarantine = paths.quarantine_dir()
    assert not any(p.is_symlink() for p in quarantine.rglob("*"))
    assert SECRET.encode() not in _all_bytes_under(quarantine)
    assert SECRET.encode() not in (paths.warehouse_db()).read_bytes()
    assert sorted(p.name for p in quarantine.rglob("*") if p.is_file()) == [
        "000001_83102NED_2025-04-15.json",
        "000001_83102NED_2025-04-15.json.redenen.txt",
    ]
    verslag.noteer(
        "aanval",
        "symlinks in de landingsmap (bestand, bronmap, CBS-codelijst) naar buiten",
        {
            "uitkomst": "geweigerd, niet gelezen",
            "buitenbytes_in_warehouse_of_quarantaine": False,
            "pad_in_melding": False,
        },
    )


def test_a_file_swapped_for_a_symlink_after_the_scan_is_not_read(ketenmonitor_env: Path) -> None:
    landing = ketenmonitor_env / "landing"
    good = write_good("coa_bezetting", landing)
    secret = ketenmonitor_env / "passwd"
    secret.write_text(SECRET, encoding="utf-8")
    files, refused = landingsmap.scan_landing(load_contract("coa_bezetting"), [landing])
    assert files == [good] and refused == []
    good.unlink()
    os.symlink(secret, good)
    with warehouse.connect() as conn:
        warehouse.ensure_schema(conn)
        (outcome,) = warehouse.load_deliveries(conn, load_contract("coa_bezetting"), files)
        registered = conn.execute("select count(*) from meta.deliveries").fetchone()[0]
    assert outcome.status == "refused" and registered == 0
    assert "GEWEIGERD" in outcome.describe() and str(ketenmonitor_env) not in outcome.describe()
    verslag.noteer(
        "aanval",
        "bestand na de scan vervangen door een symlink",
        {
            "uitkomst": "geweigerd, niet gelezen",
            "buitenbytes_in_warehouse_of_quarantaine": False,
            "pad_in_melding": False,
        },
    )


def test_valideer_refuses_a_symlink_like_the_pipeline(ketenmonitor_env: Path, capsys) -> None:
    from pipelines import cli

    secret = ketenmonitor_env / "passwd"
    secret.write_text(SECRET, encoding="utf-8")
    link = ketenmonitor_env / "landing" / "coa_bezetting" / "coa_bezetting_2025-05.csv"
    link.parent.mkdir(parents=True)
    os.symlink(secret, link)
    capsys.readouterr()
    assert cli.main(["valideer", str(link)]) == 1
    out = capsys.readouterr().out
    assert "coa_bezetting/coa_bezetting_2025-05.csv: GEWEIGERD, niet gelezen en niet geladen" in out
    assert SECRET not in out and str(ketenmonitor_env) not in out
    verslag.noteer(
        "aanval",
        "ketenmonitor valideer op een symlink",
        {
            "uitkomst": "geweigerd, niet gelezen",
            "buitenbytes_in_warehouse_of_quarantaine": False,
            "pad_in_melding": False,
        },
    )


def test_hidden_files_and_names_with_line_breaks_are_refused_unread(ketenmonitor_env: Path) -> None:
    """A name starting with a dot (a file still being copied) or holding a line break (which would
    forge a line in the log or the reasons file) is refused; the message shows the break as ⏎."""
    landing = ketenmonitor_env / "landing"
    good = write_good("coa_bezetting", landing)
    hidden = good.with_name("." + good.name)
    forged = good.with_name(good.stem + "\nAFGEWEZEN door beheer.csv")
    for target in (hidden, forged):
        target.write_bytes(good.read_bytes().replace(b"50100", b"50111"))
    good.unlink()
    files, refused = landingsmap.scan_landing(load_contract("coa_bezetting"), [landing])
    assert files == []
    assert {r.name for r in refused} == {
        f"coa_bezetting/{hidden.name}",
        "coa_bezetting/" + forged.name.replace("\n", "⏎"),
    }
    assert all("\n" not in r.name and "niet gelezen" in r.reason for r in refused)
    verslag.noteer(
        "aanval",
        "verborgen bestand en bestandsnaam met een regelovergang",
        {
            "uitkomst": "geweigerd, niet gelezen",
            "buitenbytes_in_warehouse_of_quarantaine": False,
            "pad_in_melding": False,
        },
    )
