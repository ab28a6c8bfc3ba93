"""What the client holds before the load and what each of the load's statements adds: one
`crosscheck run` in this process, with tracemalloc's biggest Python allocations at the load's
start and, while the load runs, the client's RSS and DuckDB's `duckdb_memory()` by tag, sampled
from a second cursor and counted in the load step that was running (issue 19).

Usage: python bench/load_memory.py CORPUS [--engine dask] [--workers 2] [--out DIR] [--no-trace]
Prints one JSON line: the RSS before the load, the top Python allocations then, and per load
step the peak RSS and DuckDB's memory (MiB) by tag at that peak. Not a wall-clock benchmark:
tracemalloc slows the client (the workers are not traced).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
#: The load's steps (names bound in warehouse.load), marked as they start.
STEPS = (
    "_insert_sources", "_insert_pages", "_insert_claims", "_insert_facts", "_insert_quarantine",
    "load_relations", "load_passages", "load_lake_passages", "_reopen_findings", "_insert_findings",
    "_insert_finding_claims", "_resolve_findings", "_insert_reconciled", "load_reconciliation",
    "_finish_run",
)  # fmt: skip


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


class LoadSampler:
    """Samples RSS and duckdb_memory() from a cursor of the load's connection."""

    def __init__(self, con: Any, every: float) -> None:
        self.cursor = con.cursor()
        self.every = every
        self.step = "start"
        self.peaks: dict[str, dict[str, Any]] = {}
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.done.is_set():
            self.sample()
            time.sleep(self.every)

    def sample(self) -> None:
        rss = rss_mib()
        try:
            tags = self.cursor.execute(
                "SELECT tag, memory_usage_bytes, temporary_storage_bytes FROM duckdb_memory()"
            ).fetchall()
        except Exception:  # a busy database: the RSS alone
            tags = []
        peak = self.peaks.get(self.step)
        if peak is None or rss > peak["rss_mib"]:
            duck = {t: round(m / 2**20, 1) for t, m, _ in tags if m}
            spilled = round(sum(s for _, _, s in tags) / 2**20, 1)
            self.peaks[self.step] = {
                "rss_mib": round(rss, 1),
                "duckdb_mib": round(sum(duck.values()), 1),
                "duckdb_tags": duck,
                "spilled_mib": spilled,
            }


def instrument(every: float, report: dict[str, Any], trace: bool) -> None:
    """Wrap steps.load_run and the load's steps so the sampler knows where it is."""
    from crosscheck.warehouse import load

    from crosscheck import steps

    original = steps.load_run
    sampler: list[LoadSampler] = []

    def marked(name: str, step: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            if sampler:
                sampler[0].sample()
                sampler[0].step = name.lstrip("_")
                sampler[0].sample()
            return step(*args, **kwargs)

        return run

    for name in STEPS:
        setattr(load, name, marked(name, getattr(load, name)))

    def load_run(con: Any, bundle: Any, **kwargs: Any) -> Any:
        report["rss_before_load_mib"] = round(rss_mib(), 1)
        if trace:
            snapshot = tracemalloc.take_snapshot()
            tracemalloc.stop()
            stats = snapshot.statistics("lineno")
            report["traced_mib"] = round(sum(s.size for s in stats) / 2**20, 1)
            report["top_python"] = [
                [str(s.traceback[0]), round(s.size / 2**20, 2), s.count] for s in stats[:20]
            ]
        sampler.append(LoadSampler(con, every))
        sampler[0].thread.start()
        try:
            result = original(con, bundle, **kwargs)
            sampler[0].step = "after_commit"
            sampler[0].sample()
            return result
        finally:
            sampler[0].done.set()
            sampler[0].thread.join()
            report["load_steps"] = sampler[0].peaks

    steps.load_run = load_run  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(REPO))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--engine", default="dask")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--every", type=float, default=0.1)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--no-trace", action="store_true", help="no tracemalloc snapshot")
    args = parser.parse_args(argv)
    os.environ["CROSSCHECK_WORKERS"] = str(args.workers)
    report: dict[str, Any] = {"corpus": str(args.corpus), "engine": args.engine}
    report["loadavg_before"] = [round(x, 2) for x in os.getloadavg()]
    instrument(args.every, report, not args.no_trace)
    from crosscheck.cli import main as cli

    with tempfile.TemporaryDirectory(dir=args.out) as work:
        run = ["run", str(args.corpus.resolve()), "--db", f"{work}/run.duckdb"]
        run += ["--snapshots", f"{work}/snap", "--no-validate", "--engine", args.engine]
        if not args.no_trace:
            tracemalloc.start(1)
        report["exit"] = cli(run)
    report["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(report))
    return 0


if __name__ == "__main__":  # Dask spawns its workers: they re-import this file
    raise SystemExit(main())
