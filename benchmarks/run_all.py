"""make bench: Ketenmonitor's performance targets, measured on this machine, one line per figure:

    RESULT <name> <value> <unit> target <op> <target> PASS|FAIL

and a summary line. Timings are medians of several runs in fresh processes, or ratios against a
baseline measured side by side in the same invocation; memory is the peak RSS of the whole process
(its own rusage). `BENCH_QUICK=1` measures the same at reduced scale (fewer runs, fewer rows) and
finishes in a few minutes. Nothing here is a test: the suite has no wall-clock assertions.

Measured here: a first run on the embedded sample from a cold process, a run with nothing new,
validation of a generated IND delivery (CSV and Parquet) against one DuckDB scan that counts the
same rules, seconds per page for both reports, and the in-process executor against the multiprocess
one on the same steps, the growth of a monthly run with the years of IND history
(benchmarks/scale.py), and the memory of validating and loading one IND delivery of about 1 GB, as
CSV and as Parquet. docs/performance.md lists the targets that are not yet measured here.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import scale  # noqa: E402 (benchmarks/scale.py, the seeded scale generator, from the path set above)

QUICK = os.environ.get("BENCH_QUICK", "").strip() not in ("", "0")
RUNS = 1 if QUICK else 3
IND_EVENTS = 200_000 if QUICK else 1_000_000
GIB = 1024**3


@dataclass(frozen=True)
class Result:
    name: str
    value: float
    unit: str
    op: str  # "<=" or ">="
    target: float

    @property
    def passed(self) -> bool:
        return self.value <= self.target if self.op == "<=" else self.value >= self.target

    def line(self) -> str:
        return (
            f"RESULT {self.name} {self.value:.3g} {self.unit} target {self.op} {self.target:g} "
            f"{'PASS' if self.passed else 'FAIL'}"
        )


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_rss: int  # bytes
    returncode: int
    output: str


def measure(args: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run one fresh process; wall time and the peak RSS of that process (rusage of the child)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(
            args, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, env={**os.environ, **(env or {})}
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        text = out.read()
    code = os.waitstatus_to_exitcode(status)
    return Measured(seconds, usage.ru_maxrss * 1024, code, text)


def median(values: list[float]) -> float:
    return statistics.median(values)


def runtime_env(root: Path, landing: Path) -> dict[str, str]:
    return {
        "KETENMONITOR_LANDING": str(landing),
        "KETENMONITOR_WAREHOUSE_DIR": str(root / "warehouse"),
        "KETENMONITOR_REPORTS_DIR": str(root / "reports"),
        "KETENMONITOR_ALERT_DIR": str(root / "alerts"),
        "DAGSTER_HOME": str(root / "dagster_home"),
    }


def cli() -> list[str]:
    return [sys.executable, "-m", "pipelines.cli"]


def bench_runs(work: Path) -> list[Result]:
    """First run on the embedded sample, then runs with nothing new (all from cold processes)."""
    from pipelines.lib import paths

    results = []
    firsts, first_rss = [], []
    env = {}
    for i in range(RUNS):
        root = work / f"eerste-{i}"
        env = runtime_env(root, paths.SAMPLE_LANDING_DIR)
        m = measure([*cli(), "run"], env)
        if m.returncode != 0:
            raise SystemExit(f"eerste run mislukt:\n{m.output[-3000:]}")
        firsts.append(m.seconds)
        first_rss.append(m.peak_rss)
    results.append(Result("eerste_run_sample", median(firsts), "s", "<=", 30))
    results.append(Result("eerste_run_sample_piekgeheugen", max(first_rss) / GIB, "GiB", "<=", 1.5))
    nothing = [measure([*cli(), "run"], env) for _ in range(RUNS)]
    if any(m.returncode != 0 or "Niets nieuw" not in m.output for m in nothing):
        raise SystemExit(f"run zonder nieuwe levering deed iets:\n{nothing[-1].output[-3000:]}")
    results.append(Result("niets_nieuw", median([m.seconds for m in nothing]), "s", "<=", 10))
    results.append(
        Result("niets_nieuw_piekgeheugen", max(m.peak_rss for m in nothing) / GIB, "GiB", "<=", 0.5)
    )
    return results


def ind_events(n: int, seed: int = 2026):
    """`n` IND case events in the landing format, October 2026 (benchmarks/scale.py)."""
    return scale.ind_events(n, seed)


FLOOR_SQL = (
    """
with t as (select * from {reader}),
nat as (select iso_alpha3 from read_csv('{nationaliteiten}', header = true, all_varchar = true))
select
    count(*) as rijen,
    count(*) filter (where zaak_id is null or trim(zaak_id) = '') as zaak_id_required,
    count(*) filter (where not regexp_full_match(zaak_id, '^[0-9a-f]{{16}}$')) as zaak_id_pattern,
    count(*) filter (where procedure is null """
    """or procedure not in ('asiel_eerste', 'asiel_herhaald', 'nareis'))
        as procedure_valid,
    count(*) filter (where nationaliteit is null """
    """or nationaliteit not in (select iso_alpha3 from nat))
        as nationaliteit_reference,
    count(*) filter (where gebeurtenis is null
        or gebeurtenis not in ('aanvraag', 'inwilliging', 'afwijzing', 'intrekking')) """
    """as gebeurtenis_valid,
    count(*) filter (where try_strptime(cast(datum as varchar), '%Y-%m-%d') is null) as datum_type,
    count(*) filter (where cast(datum as varchar) < '2000-01-01' """
    """or cast(datum as varchar) > '2100-12-31')
        as datum_range,
    count(*) filter (where cast(datum as varchar) >= '2027-01-01') as datum_toekomst,
    count(*) - count(distinct (zaak_id, gebeurtenis)) as primary_key
from t
"""
)


VALIDATION_SCRIPT = """
import json, statistics, sys, time
from pathlib import Path
import duckdb
from pipelines.lib.contracts import load_contract
from pipelines.lib.validation import validate_delivery
contract = load_contract("ind_zaken")
warm, path, runs, sql = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
assert validate_delivery(contract, warm).accepted  # imports and suite compilation, outside the timings
ours, floor = [], []
for _ in range(runs):
    start = time.perf_counter()
    duckdb.sql(sql).fetchall()
    floor.append(time.perf_counter() - start)
    start = time.perf_counter()
    result = validate_delivery(contract, path)
    ours.append(time.perf_counter() - start)
    assert result.accepted, result.summary()
print("JSON", json.dumps({"ours": statistics.median(ours), "floor": statistics.median(floor)}))
"""  # noqa: E501  the lines of the script as it runs


def bench_validation(work: Path) -> list[Result]:
    """The full ind_zaken contract (Great Expectations, every rule, exact counts) on a generated IND
    delivery, against one DuckDB scan of the same file counting the same rules (the floor), side by
    side in one warm process, for CSV and Parquet; and the peak RSS of `ketenmonitor valideer` on
    the same file in a process of its own."""
    from pipelines.lib import paths

    frame = ind_events(IND_EVENTS)
    folder = work / "landing" / "ind_zaken"
    folder.mkdir(parents=True)
    files = {
        "csv": folder / "ind_zaken_2026-10.csv",
        "parquet": folder / "ind_zaken_2026-10.parquet",
    }
    frame.write_csv(files["csv"])
    frame.write_parquet(files["parquet"])
    warm = folder / "ind_zaken_2026-09.parquet"
    frame.head(1000).write_parquet(warm)
    nationaliteiten = paths.PROJECT_ROOT / "data" / "reference" / "nationaliteiten.csv"
    results = []
    label = f"{IND_EVENTS // 1000}k"
    for kind, path in files.items():
        reader = (
            f"read_csv('{path}', header = true, all_varchar = true)"
            if kind == "csv"
            else f"read_parquet('{path}')"
        )
        sql = FLOOR_SQL.format(reader=reader, nationaliteiten=nationaliteiten)
        m = measure(
            [sys.executable, "-c", VALIDATION_SCRIPT, str(warm), str(path), str(RUNS), sql],
            runtime_env(work / "valideer", work / "landing"),
        )
        line = next((x for x in m.output.splitlines() if x.startswith("JSON ")), None)
        if m.returncode != 0 or line is None:
            raise SystemExit(f"validatie mislukt:\n{m.output[-3000:]}")
        import json

        t = json.loads(line[5:])
        print(f"  {kind}: contract {t['ours']:.2f} s, DuckDB-scan {t['floor']:.2f} s", flush=True)
        results.append(
            Result(
                f"validatie_ind_{label}_{kind}_t.o.v._duckdb_scan",
                t["ours"] / t["floor"],
                "x",
                "<=",
                3,
            )
        )
        # memory: what a chain partner's `ketenmonitor valideer` of the file needs,
        # in its own process
        cold = measure(
            [*cli(), "valideer", str(path), "--bron", "ind_zaken"],
            runtime_env(work / "valideer", work / "landing"),
        )
        if cold.returncode != 0:
            raise SystemExit(f"valideer mislukt:\n{cold.output[-3000:]}")
        results.append(
            Result(
                f"validatie_ind_{label}_{kind}_piekgeheugen", cold.peak_rss / GIB, "GiB", "<=", 1
            )
        )
    return results


def bench_reports(work: Path) -> list[Result]:
    """Seconds per page of both reports, rendered from the warehouse of the first run."""
    script = (
        "import datetime as dt, json, sys\n"
        "from pathlib import Path\n"
        "from pipelines.lib import warehouse\n"
        "from pipelines.lib.reports import document as documenten\n"
        "out = {}\n"
        "maand = dt.date(2026, 10, 1)\n"
        "with warehouse.connect(Path(sys.argv[1]), read_only=True) as conn:\n"
        "    for doc, build in documenten.DOCUMENTEN.items():\n"
        "        times = []\n"
        "        for i in range(int(sys.argv[3])):\n"
        "            target = Path(sys.argv[2]) / f'{doc}-{i}'\n"
        "            target.parent.mkdir(parents=True, exist_ok=True)\n"
        "            r = documenten.render_rapport(build(conn, maand), "
        "target.with_suffix('.pdf'),\n"
        "                                               target.with_suffix('.html'))\n"
        "            times.append(r.seconds_per_page)\n"
        "        out[doc] = sorted(times)[len(times) // 2]\n"
        "print('JSON', json.dumps(out))\n"
    )
    db = work / "eerste-0" / "warehouse" / "ketenmonitor.duckdb"
    m = measure([sys.executable, "-c", script, str(db), str(work / "rapporten"), str(RUNS)])
    line = next((x for x in m.output.splitlines() if x.startswith("JSON ")), None)
    if m.returncode != 0 or line is None:
        raise SystemExit(f"rapporten renderen mislukt:\n{m.output[-3000:]}")
    import json

    per_page = json.loads(line[5:])
    return [Result(f"rapport_{doc}_per_pagina", s, "s", "<=", 0.2) for doc, s in per_page.items()]


def bench_executor(work: Path) -> list[Result]:
    """The in-process executor against Dagster's multiprocess executor (one step at a time: DuckDB
    has one writer) on the same four assets and their checks,
    each from a fresh instance and warehouse."""
    from pipelines.lib import paths

    landing = work / "executor-landing"
    for source in (
        "dtenv_vertrek",
        "coa_bezetting",
    ):  # a month's worth: the last two deliveries each
        (landing / source).mkdir(parents=True)
        for f in sorted((paths.SAMPLE_LANDING_DIR / source).iterdir())[-2:]:
            shutil.copy2(f, landing / source / f.name)
    seconds: dict[str, list[float]] = {"in_process": [], "multiprocess": []}
    for i in range(RUNS):
        for mode, runs in seconds.items():
            root = work / f"executor-{mode}-{i}"
            (root / "dagster_home").mkdir(parents=True)
            env = {
                **runtime_env(root, landing),
                "PYTHONPATH": os.pathsep.join([str(ROOT / "benchmarks"), str(ROOT)]),
            }
            m = measure([sys.executable, str(ROOT / "benchmarks" / "executor_job.py"), mode], env)
            line = next((x for x in m.output.splitlines() if x.startswith("SECONDS ")), None)
            if m.returncode != 0 or line is None:
                raise SystemExit(f"executor-benchmark ({mode}) mislukt:\n{m.output[-3000:]}")
            runs.append(float(line.split()[1]))
    in_process, multi = median(seconds["in_process"]), median(seconds["multiprocess"])
    print(f"  in process {in_process:.1f} s, multiprocess (1 tegelijk) {multi:.1f} s", flush=True)
    return [Result("executor_in_process_vs_multiprocess", multi / in_process, "x", ">=", 5)]


GROWTH_YEARS = (1, 2) if QUICK else (1, 10)
EVENTS_PER_YEAR = 100_000 if QUICK else 1_000_000


def bench_growth(work: Path) -> list[Result]:
    """A monthly run with 1 year of IND history against the same with 10 (quick: 1 and 2, at a tenth
    of the events): the landing holds IND up to September 2026 and the other sources up to October;
    the first run loads it all and reports September; then October's IND delivery arrives and the
    run that follows reports October. That second run is the monthly cost."""
    from datetime import date

    table = {}
    for years in GROWTH_YEARS:
        root = work / f"groei-{years}j"
        landing = root / "landing"
        scale.write_landing(landing, years, EVENTS_PER_YEAR)
        env = runtime_env(root, landing)
        first = measure([*cli(), "run"], env)
        if first.returncode != 0:
            raise SystemExit(f"groei {years} jaar: eerste run mislukt:\n{first.output[-3000:]}")
        scale.write_ind_month(landing / "ind_zaken", date(2026, 10, 1), EVENTS_PER_YEAR // 12, 2026)
        month = measure([*cli(), "run"], env)
        if month.returncode != 0 or "Verslagmaand 2026-10" not in month.output:
            raise SystemExit(
                f"groei {years} jaar: run met de nieuwe maand mislukt:\n{month.output[-3000:]}"
            )
        table[years] = (first, month)
        events = f"{years * EVENTS_PER_YEAR:,}".replace(",", ".")
        print(
            f"  {years:>2} jaar ({events} gebeurtenissen): eerste lading {first.seconds:.0f} s, "
            f"{first.peak_rss / GIB:.2f} GiB; nieuwe maand {month.seconds:.0f} s, "
            f"{month.peak_rss / GIB:.2f} GiB",
            flush=True,
        )
    small, large = GROWTH_YEARS
    return [
        # The first run loads the whole history at once: every month validated, loaded, checked and
        # staged, the indicators of the reporting month and the twelve before it, both reports.
        Result(f"volledige_lading_{large}j", table[large][0].seconds, "s", "<=", 120),
        Result(
            f"volledige_lading_{large}j_piekgeheugen",
            table[large][0].peak_rss / GIB,
            "GiB",
            "<=",
            2,
        ),
        Result(
            f"nieuwe_maand_{large}j_t.o.v._{small}j",
            table[large][1].seconds / table[small][1].seconds,
            "x",
            "<=",
            1.3,
        ),
        Result(
            f"nieuwe_maand_{large}j_piekgeheugen", table[large][1].peak_rss / GIB, "GiB", "<=", 1.5
        ),
    ]


LARGE_EVENTS = 1_000_000 if QUICK else 20_000_000


def bench_large(work: Path) -> list[Result]:
    """A large IND delivery: one month of 20 million events (quick: 1 million) as one CSV file of
    about 1 GB (quick: 54 MB), and the same month as one Parquet file, each written a chunk at a
    time (benchmarks/scale.py). For each, the peak RSS of `ketenmonitor valideer` on it, and of the
    `inlezen` job that validates and loads it into an empty warehouse (raw, the contract check,
    staging), each in a process of its own."""
    label = f"{LARGE_EVENTS / 1e6:g}m"
    rows = f"{LARGE_EVENTS:,}".replace(",", ".")
    results = []
    for kind, write in (("csv", scale.write_ind_csv), ("parquet", scale.write_ind_parquet)):
        landing = work / "groot-landing"
        path = landing / "ind_zaken" / f"ind_zaken_2026-10_2026-11-05.{kind}"
        size = write(path, LARGE_EVENTS)
        print(f"  levering {path.name}: {rows} rijen, {size / GIB:.2f} GiB", flush=True)
        env = runtime_env(work / "groot", landing)
        check = measure([*cli(), "valideer", str(path), "--bron", "ind_zaken"], env)
        if check.returncode != 0 or f"geaccepteerd, {rows} rijen" not in check.output:
            raise SystemExit(f"valideer van de grote levering mislukt:\n{check.output[-3000:]}")
        load = measure(
            [*cli(), "backfill", "--van", "2026-10", "--tot", "2026-10", "--job", "inlezen"], env
        )
        if load.returncode != 0 or f"1 nieuw ({rows} rijen)" not in load.output:
            raise SystemExit(f"inlezen van de grote levering mislukt:\n{load.output[-3000:]}")
        print(
            f"  {kind}: valideer {check.seconds:.0f} s, {check.peak_rss / GIB:.2f} GiB; "
            f"inlezen (valideren, laden, contract, staging) {load.seconds:.0f} s, "
            f"{load.peak_rss / GIB:.2f} GiB",
            flush=True,
        )
        shutil.rmtree(landing)
        shutil.rmtree(work / "groot")
        name = f"grote_levering_{label}" + ("" if kind == "csv" else f"_{kind}")
        results += [
            Result(f"{name}_valideren_piekgeheugen", check.peak_rss / GIB, "GiB", "<=", 4),
            Result(f"{name}_laden_piekgeheugen", load.peak_rss / GIB, "GiB", "<=", 4),
        ]
    return results


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="ketenmonitor-bench-"))
    print(
        f"Ketenmonitor benchmarks ({'snel' if QUICK else 'volledig'}: {RUNS} run(s) per meting, "
        f"{IND_EVENTS:,} IND-gebeurtenissen); {os.cpu_count()} cores".replace(",", "."),
        flush=True,
    )
    results: list[Result] = []
    try:
        for bench in (
            bench_runs,
            bench_validation,
            bench_reports,
            bench_executor,
            bench_growth,
            bench_large,
        ):
            start = time.perf_counter()
            found = bench(work)
            for r in found:
                print(r.line(), flush=True)
            results += found
            print(f"  ({bench.__name__}: {time.perf_counter() - start:.0f} s)", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    failed = [r.name for r in results if not r.passed]
    print(
        f"SUMMARY {len(results) - len(failed)} PASS, {len(failed)} FAIL"
        + (f": {', '.join(failed)}" if failed else "")
    )
    return 0 if not failed else 1


if __name__ == "__main__":
    raise SystemExit(main())
