"""Would the load of claims and facts pay in a thread while the checks run? (issue 20)

The claims and facts a run loads do not depend on its findings, so their INSERTs could start
once the parse lap ends, on the connection of the run's one load transaction, fed from a
second thread while the checks run in the first (DuckDB runs a statement without the GIL,
but its scan of a pandas column of Python strings takes it). This tool measures that
before anything is built: on an analysis `bench.load_laps --analysis FILE` pickled, one
fresh process per mode runs `run_checks` on the analysis's facts and the load's first
statements (the run's row, sources, pages, claims, facts) into a fresh warehouse, one after
the other (`seq`) or the statements in a thread (`thread`), and prints each side's wall and
CPU seconds, the process's CPU, the COMMIT's and the peak RSS (VmHWM).

    python -m bench.load_laps bench/out/corpus-1000 --analysis bench/out/an-syn1k.pkl
    python -m bench.load_overlap bench/out/an-syn1k.pkl --rounds 2

Only one transaction: the thread feeds the connection the main thread commits (a cursor
would be a transaction of its own, and a second connection to the file in the same process
is refused while a read-write one is open: measured, docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import pickle
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

MODES = ("seq", "thread")


def _check_config(reference_year: int) -> Any:
    """The CheckConfig `check_and_reconcile` builds for a run with the default settings."""
    from crosscheck.checks import CheckConfig
    from crosscheck.normalize.vocabulary import default_vocabulary

    from crosscheck.check_reconcile import COMPONENTS
    from crosscheck.run_types import RunConfig

    vocabulary = default_vocabulary()
    run = RunConfig(sources=[], db_path=Path(), snapshot_dir=Path(), reference_year=reference_year)
    metrics = vocabulary.metrics.values()
    return CheckConfig(
        intervals=run.intervals,
        tolerances={m.id: m.tolerance for m in metrics},
        entity_specific=frozenset(m.id for m in metrics if m.entity_specific),
        components=COMPONENTS,
        reference_year=reference_year,
        max_findings_per_page=run.max_findings_per_page,
    )


def measure(analysis_path: Path, mode: str, db: Path, reference_year: int = 2026) -> dict[str, Any]:
    """One mode in this process: the checks and the claims and facts statements."""
    from crosscheck.checks import run_checks
    from crosscheck.warehouse import load as load_module
    from crosscheck.warehouse import open_warehouse
    from crosscheck.warehouse.load_sql import registered, scanned_by_name

    from crosscheck.pipeline import bundle_for

    with open(analysis_path, "rb") as fh:
        analysis = pickle.load(fh)
    config = _check_config(reference_year)
    con = open_warehouse(db)  # a fresh file: its migrations are not timed
    bundle = bundle_for(analysis, "overlap", dt.datetime.now(dt.UTC), ["overlap"])
    frames = load_module._prepare(bundle)
    claims, facts = frames.pop("claims"), frames.pop("facts")
    out: dict[str, Any] = {"mode": mode, "facts": len(analysis.facts)}

    def insert() -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        with registered(con, {"pages": frames["pages"]}):
            con.execute("BEGIN TRANSACTION")
            load_module._insert_run(con, bundle)
            with scanned_by_name(con):
                load_module._insert_sources(con, bundle.run_id, claims)
                load_module._insert_pages(con, bundle.run_id)
                load_module._insert_claims(con, bundle.run_id, claims)
                load_module._insert_facts(con, bundle.run_id, facts)
        out["insert_wall_s"] = time.perf_counter() - wall
        out["insert_thread_cpu_s"] = time.thread_time() - cpu

    def checks() -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        run_checks(analysis.facts, analysis.pages, config, analysis.relations)
        out["checks_wall_s"] = time.perf_counter() - wall
        out["checks_thread_cpu_s"] = time.thread_time() - cpu

    wall, cpu = time.perf_counter(), time.process_time()
    if mode == "seq":
        checks()
        insert()
    else:
        feeder = threading.Thread(target=insert, name="load-claims-facts")
        feeder.start()
        checks()
        feeder.join()
    out["both_wall_s"] = time.perf_counter() - wall
    out["process_cpu_s"] = time.process_time() - cpu
    wall = time.perf_counter()
    con.execute("COMMIT")
    out["commit_wall_s"] = time.perf_counter() - wall
    rows = con.execute("SELECT count(*) FROM facts").fetchall()[0][0]
    con.close()
    out["facts_loaded"] = int(rows)
    out["peak_rss_mib"] = _hwm_mib()
    out["load_average"] = os.getloadavg()[0]
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in out.items()}


def _hwm_mib() -> float:
    """This process's peak resident set (VmHWM), in MiB."""
    with open("/proc/self/status", encoding="ascii") as fh:
        line = next(row for row in fh if row.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("analysis", type=Path, help="an analysis bench.load_laps pickled")
    parser.add_argument("--rounds", type=int, default=2, help="seq and thread, alternated")
    parser.add_argument("--mode", choices=MODES, help="run one mode in this process")
    parser.add_argument("--db", type=Path, help="with --mode: the fresh warehouse file")
    parser.add_argument("--reference-year", type=int, default=2026)
    args = parser.parse_args(argv)
    if args.mode:
        print(json.dumps(measure(args.analysis, args.mode, args.db, args.reference_year)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            for mode in MODES:
                db = Path(tmp) / f"{mode}-{round_}.duckdb"
                command = [sys.executable, "-m", "bench.load_overlap", str(args.analysis)]
                command += ["--mode", mode, "--db", str(db)]
                command += ["--reference-year", str(args.reference_year)]
                done = subprocess.run(command, check=True, capture_output=True, text=True)
                print(done.stdout.strip(), flush=True)
                db.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
