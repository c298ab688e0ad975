"""The same small piece of the pipeline as two jobs, for the executor benchmark in run_all.py: one
in process (what `maandelijkse_run` and `inlezen` use) and one on Dagster's multiprocess executor,
one step at a time (more would fail on DuckDB's single writer). Reconstructable, so the multiprocess
executor can load it in each step's process."""

from __future__ import annotations

import dagster as dg

SELECTION = ("raw_dtenv_vertrek", "stg_dtenv_vertrek", "raw_coa_bezetting", "stg_coa_bezetting")


def _job(name: str, executor: dg.ExecutorDefinition) -> dg.JobDefinition:
    from pipelines.definitions import defs

    definitions = defs()
    assets = [
        a
        for a in definitions.assets or []
        if isinstance(a, dg.AssetsDefinition)
        and any(k.to_user_string() in SELECTION for k in a.keys)
    ]
    checks = [
        c
        for c in definitions.asset_checks or []
        if any(k.asset_key.to_user_string() in SELECTION for k in c.check_keys)
    ]
    job = dg.define_asset_job(name, selection=list(SELECTION), executor_def=executor)
    return dg.Definitions(
        assets=assets, asset_checks=checks, jobs=[job], resources=definitions.resources
    ).get_job_def(name)


def in_process() -> dg.JobDefinition:
    return _job("bench_in_process", dg.in_process_executor)


def multiprocess() -> dg.JobDefinition:
    return _job("bench_multiprocess", dg.multiprocess_executor)


def main(mode: str) -> int:
    """Run one of the two jobs against the instance in DAGSTER_HOME and print its own seconds (the
    interpreter's start and imports, which both pay once, are left out)."""
    import time

    job = {"in_process": in_process, "multiprocess": multiprocess}[mode]
    run_config = {"execution": {"config": {"max_concurrent": 1}}} if mode == "multiprocess" else {}
    with dg.DagsterInstance.get() as instance:
        start = time.perf_counter()
        result = dg.execute_job(dg.reconstructable(job), instance, run_config=run_config)
        seconds = time.perf_counter() - start
    print(f"SECONDS {seconds:.3f}")
    return 0 if result.success else 1


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1]))
