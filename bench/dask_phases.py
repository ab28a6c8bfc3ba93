"""One Dask run of a corpus in this process: the client's peak memory (VmHWM) phase by phase,
optionally under other DuckDB load limits, its lake and load bundle kept for a replay.

Usage: python bench/dask_phases.py CORPUS OUT [--limit 96MB] [--keep-bundle] [--workers 2]

The peak is reset (/proc/self/clear_refs) as each phase begins: parse (from start-up to the
last batch), checks and reconcile, the lake's writes, the load (`warehouse.load_run`). With
`--limit` both of the load's DuckDB limits (`warehouse.load_lake.LAKE_MEMORY_LIMIT` and
`LOAD_MEMORY_LIMIT`) are set for this run, to weigh another default on a real run (issue 19).
`--keep-bundle` pickles the load's bundle to OUT/bundle.pkl before the load (the lake stays in
OUT/lake), so `python bench/load_replay.py replay OUT --limit …` replays that load alone, and
`scale OUT K GROWN` grows it. Prints a JSON line per phase, then a summary line with the client's
and its children's CPU seconds (the cluster's workers and scheduler, reaped at the end).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import pickle
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def status_mib(field: str) -> float:
    """This process's VmRSS or VmHWM in MiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return round(int(line.split()[1]) / 1024.0, 1)
    return 0.0


class Phases:
    """The phase running now and the records of those done (each its own peak)."""

    def __init__(self) -> None:
        self.name, self.started = "parse", time.monotonic()
        self.done: list[dict[str, Any]] = []

    def next(self, name: str) -> None:
        record = {
            "phase": self.name,
            "hwm_mib": status_mib("VmHWM"),
            "rss_end_mib": status_mib("VmRSS"),
            "s": round(time.monotonic() - self.started, 1),
            "loadavg": [round(x, 1) for x in os.getloadavg()],
        }
        self.done.append(record)
        print(json.dumps(record), flush=True)
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")  # the peak starts again from the RSS now
        self.name, self.started = name, time.monotonic()


def instrument(phases: Phases, out: Path, keep_bundle: bool) -> None:
    """Mark the phases where the run's steps begin and end; keep the lake and the bundle."""
    from crosscheck import pipeline, steps

    checks = pipeline.check_and_reconcile
    lake = pipeline.write_run_lake
    load = steps.load_run

    @functools.wraps(checks)
    def checked(*args: Any, **kwargs: Any) -> Any:
        phases.next("checks+reconcile")
        return checks(*args, **kwargs)

    @functools.wraps(lake)
    def written(*args: Any, **kwargs: Any) -> Any:
        phases.next("lake")
        try:
            return lake(*args, **kwargs)
        finally:
            phases.next("until the load")

    def loaded(con: Any, bundle: Any, **kwargs: Any) -> Any:
        if keep_bundle:
            phases.next("bundle pickled")
            with open(out / "bundle.pkl", "wb") as handle:
                pickle.dump(bundle, handle, protocol=5)
        phases.next("load")
        try:
            return load(con, bundle, **kwargs)
        finally:
            phases.next("after the load")

    pipeline.check_and_reconcile = checked
    pipeline.write_run_lake = written
    steps.load_run = loaded
    steps._drop_lake = lambda state: None  # a failed load's too


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(REPO))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--limit", help="both DuckDB load limits for this run, e.g. 96MB")
    parser.add_argument("--keep-bundle", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    os.environ["CROSSCHECK_WORKERS"] = str(args.workers)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    from crosscheck.warehouse import load_lake

    if args.limit:
        load_lake.LOAD_MEMORY_LIMIT = load_lake.LAKE_MEMORY_LIMIT = args.limit
    phases = Phases()
    instrument(phases, out, args.keep_bundle)
    from crosscheck.cli import main as cli

    run = ["run", str(args.corpus.resolve()), "--db", str(out / "run.duckdb")]
    run += ["--snapshots", str(out / "snap"), "--lake", str(out / "lake")]
    started, before, load = time.monotonic(), os.times(), [round(x, 1) for x in os.getloadavg()]
    code = cli([*run, "--no-validate", "--engine", "dask"])
    phases.next("end")
    after = os.times()
    children = after.children_user - before.children_user
    children += after.children_system - before.children_system
    summary = {
        "corpus": str(args.corpus),
        "limit": load_lake.LOAD_MEMORY_LIMIT,
        "exit": code,
        "wall_s": round(time.monotonic() - started, 1),
        "client_peak_mib": max(p["hwm_mib"] for p in phases.done),
        "client_cpu_s": round(after.user - before.user + after.system - before.system, 1),
        "children_cpu_s": round(children, 1),
        "loadavg": [load, [round(x, 1) for x in os.getloadavg()]],
    }
    print(json.dumps(summary), flush=True)
    return 0


if __name__ == "__main__":  # Dask spawns its workers: they re-import this file
    raise SystemExit(main())
