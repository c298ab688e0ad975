"""Ingestion: one asset per source, made by one factory from the contract list.

`raw_<source>` validates every new delivery in the landing folder against the source's
contract and loads it whole or quarantines it whole. Its checks:
- `contract` (blocking): the contract holds on everything accepted; stops downstream if not;
- `leveringen` (warning): the deliveries rejected in this run, with their reasons.
"""

from datetime import date
from pathlib import Path

import dagster as dg

from pipelines.defs.shared import Warehouse
from pipelines.lib import (
    cbs_odata,
    cbs_ophalen,
    consistency,
    instellingen,
    landingsmap,
    paths,
    warehouse,
)
from pipelines.lib.contracts import SOURCES, Contract, load_contract
from pipelines.lib.formatting import aantal


def landing_folders(contract: Contract) -> list[Path]:
    folders = [paths.landing_dir()]
    if contract.delivery_format == "cbs_odata":
        folders.append(paths.downloads_dir())
    return folders


def fetch_cbs(context: dg.AssetExecutionContext) -> None:
    """Fetch 83102NED from the configured OData URL into downloads/ as a delivery of today.

    A fetch that brings nothing new is a no-op downstream (same sha256). A failed fetch is
    logged and the run goes on with what the landing folder holds; the report then shows the
    source as stale.
    """
    base_url = instellingen.waarde("KETENMONITOR_CBS_ODATA_URL")
    if not base_url:
        return
    try:
        fetched = cbs_ophalen.fetch_table(base_url)
        path = cbs_odata.write_delivery(
            fetched,
            paths.downloads_dir() / "cbs_asielverzoeken",
            f"{cbs_odata.TABLE}_{date.today():%Y-%m-%d}",
        )
        context.log.info(
            f"CBS {cbs_odata.TABLE}: {len(fetched.rows)} rijen in {fetched.pages} pagina's "
            f"opgehaald als levering {path.name}"
        )
    except cbs_odata.CbsOdataError as exc:
        context.log.error(f"CBS ophalen mislukt, verder met de landingsmap: {exc}")


def build_ingest_asset(contract: Contract) -> dg.AssetsDefinition:
    @dg.asset(
        name=f"raw_{contract.source}",
        group_name="ingest",
        # Not partitioned: a run reads every new delivery, whatever month it covers, and raw holds
        # the whole history. The reporting month partitions only what is computed per month.
        description=f"Leveringen {contract.source} ({contract.chain_partner}), gevalideerd tegen "
        f"data_contracts/{contract.source}.odcs.yaml v{contract.version}. {contract.purpose} Hele "
        "historie: elke run leest de nieuwe leveringen, voor welke maand ook.",
        metadata={
            "contract": f"data_contracts/{contract.source}.odcs.yaml",
            "contract_version": contract.version,
        },
        kinds={"duckdb", "polars"},
    )
    def _ingest(context: dg.AssetExecutionContext, warehouse_db: Warehouse) -> dg.MaterializeResult:
        if contract.delivery_format == "cbs_odata":
            fetch_cbs(context)
        files, refused = landingsmap.scan_landing(contract, landing_folders(contract))
        for r in refused:
            context.log.warning(r.message)
        with warehouse_db.connect() as conn:
            outcomes = warehouse.load_deliveries(conn, contract, files, run_id=context.run.run_id)
            for outcome in outcomes:
                if outcome.status in ("rejected", "refused", "rejected_before"):
                    context.log.warning(outcome.describe())
            # The accepted files in one message: Dagster stores every message as an event of its
            # own (about 3 ms each), and a first load accepts hundreds.
            accepted = [o.describe() for o in outcomes if o.status == "accepted"]
            if accepted:
                context.log.info(
                    f"{contract.source}: {aantal(len(accepted), 'bestand', 'bestanden')} "
                    "geaccepteerd\n" + "\n".join(accepted)
                )
            total_rows = conn.execute(f"select count(*) from {contract.raw_table}").fetchone()[0]
        by_status = {
            s: [o for o in outcomes if o.status == s]
            for s in ("accepted", "rejected", "unchanged", "refused", "rejected_before")
        }
        geweigerd = [r.message for r in refused] + [o.describe() for o in by_status["refused"]]
        context.log.info(
            f"{contract.source}: {aantal(len(files), 'bestand', 'bestanden')}, "
            f"{len(by_status['accepted'])} nieuw geaccepteerd "
            f"({aantal(sum(o.rows for o in by_status['accepted']), 'rij', 'rijen')}), "
            f"{len(by_status['rejected'])} afgewezen, {len(by_status['unchanged'])} ongewijzigd"
            + (
                f", {len(by_status['rejected_before'])} eerder afgewezen (opnieuw "
                "gestuurd, niet geladen)"
                if by_status["rejected_before"]
                else ""
            )
            + (
                f", {len(geweigerd)} geweigerd (buiten de landingsmap of een koppeling)"
                if geweigerd
                else ""
            )
        )
        return dg.MaterializeResult(
            metadata={
                "bestanden": len(files),
                "geaccepteerd": len(by_status["accepted"]),
                "afgewezen": len(by_status["rejected"]),
                "ongewijzigd": len(by_status["unchanged"]),
                "eerder_afgewezen": len(by_status["rejected_before"]),
                "geweigerd": len(geweigerd),
                "geweigerde_bestanden": dg.MetadataValue.md(
                    "\n".join(f"- {m}" for m in geweigerd) or "geen"
                ),
                "rijen_geladen": sum(o.rows for o in by_status["accepted"]),
                "rijen_in_raw": int(total_rows),
                "afgewezen_bestanden": dg.MetadataValue.md(
                    "\n".join(f"- {o.describe()}" for o in by_status["rejected"]) or "geen"
                ),
            }
        )

    return _ingest


def build_contract_check(contract: Contract) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=f"raw_{contract.source}",
        name="contract",
        blocking=True,
        description="Het hele datacontract geldt voor alles wat is geaccepteerd (laatste levering "
        "per periode), en raw klopt met het leveringenregister.",
    )
    def _check(warehouse_db: Warehouse) -> dg.AssetCheckResult:
        with warehouse_db.connect() as conn:
            report = consistency.check_source(conn, contract)
        problems = [f.message for f in report.errors[:20]] + report.bookkeeping
        return dg.AssetCheckResult(
            passed=report.passed,
            severity=dg.AssetCheckSeverity.ERROR,
            description=None if report.passed else "\n".join(problems),
            metadata={
                "rijen_gecontroleerd": report.rows_checked,
                **(
                    {}
                    if report.suite_rows is None
                    else {"rijen_opnieuw_door_de_suite": report.suite_rows}
                ),
                "fouten": sum(
                    report.counts.get(f.rule, 1)
                    for f in {f.rule: f for f in report.errors}.values()
                ),
                "waarschuwingen": len([f for f in report.findings if f.severity == "warning"]),
                "boekhouding": dg.MetadataValue.md(
                    "\n".join(f"- {b}" for b in report.bookkeeping) or "in orde"
                ),
            },
        )

    return _check


def build_deliveries_check(contract: Contract) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=f"raw_{contract.source}",
        name="leveringen",
        description="Leveringen die in deze run zijn afgewezen (zichtbaar, niet blokkerend).",
    )
    def _check(
        context: dg.AssetCheckExecutionContext, warehouse_db: Warehouse
    ) -> dg.AssetCheckResult:
        with warehouse_db.connect() as conn:
            rejected = warehouse.rejected_in_run(conn, contract.source, context.run.run_id)
        lines = [
            f"- {r['file_name']}: {aantal(r['error_count'], 'fout', 'fouten')}; "
            f"{warehouse.quarantine_name(r['quarantine_path'])}\n"
            f"  {r['reasons']}"
            for r in rejected.iter_rows(named=True)
        ]
        return dg.AssetCheckResult(
            passed=rejected.is_empty(),
            severity=dg.AssetCheckSeverity.WARN,
            description=None
            if rejected.is_empty()
            else f"{aantal(rejected.height, 'levering', 'leveringen')} afgewezen",
            metadata={
                "afgewezen": rejected.height,
                "details": dg.MetadataValue.md("\n".join(lines) or "geen"),
            },
        )

    return _check


CONTRACTS = [load_contract(s) for s in SOURCES]
ingest_assets = [build_ingest_asset(c) for c in CONTRACTS]
contract_checks = [build_contract_check(c) for c in CONTRACTS]
deliveries_checks = [build_deliveries_check(c) for c in CONTRACTS]
