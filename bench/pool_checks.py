"""The checks lap in one process against the same partitioned checks on the local engine's
forked workers (`engines.PoolRunner`), to set `engines.MIN_FACTS_FOR_POOL_CHECKS` (issue 20).

Parses CORPUS once (the local engine), then for each page count (the first N sources) runs
`run_checks` and `partitioned_checks` on a 2-worker pool for each partition count, alternating,
and prints the median wall time, the parent's CPU and the workers' CPU (/proc: the workers are
this process's children). Every variant's findings must equal the one-process findings, or it
stops. Read the CPU columns on a loaded host; the wall ratio only on a quiet one.

    python -m bench.pool_checks CORPUS [--pages 250,1000,2000] [--partitions 2,4] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd
from crosscheck.checks import run_checks
from crosscheck.ingest.snapshots import SnapshotStore
from crosscheck.ingest.sources import expand_sources, iter_snapshots

from crosscheck.check_reconcile import check_config_for
from crosscheck.check_step import read_relations as _relations
from crosscheck.dask_checks import REMOTE_CHECK_TASKS, partitioned_checks
from crosscheck.engines import PoolRunner
from crosscheck.parallel import WorkerPool
from crosscheck.pipeline import Analysis, RunConfig, _vocabulary, analyze_snapshots


def _worker_cpu(pool: WorkerPool) -> float:
    """CPU seconds (user + system) the pool's live workers have used."""
    executor = pool._executor  # a benchmark reads the pool's process ids
    tick, total = os.sysconf("SC_CLK_TCK"), 0
    for pid in getattr(executor, "_processes", {}) or {}:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / tick


def measure(
    analysis: Analysis, config: RunConfig, pages: int, partitions: list[int], repeat: int
) -> str:
    """One line per variant for the first `pages` sources."""
    keep = set(list(dict.fromkeys(analysis.pages["source"]))[:pages])

    def mine(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["source"].isin(keep)].reset_index(drop=True)

    page_rows, facts, claims = mine(analysis.pages), mine(analysis.facts), mine(analysis.claims)
    relations = _relations(claims, _vocabulary(config), None)
    check_config = check_config_for(_vocabulary(config), config)
    times: dict[int, list[tuple[float, float, float]]] = {}
    expected: pd.DataFrame | None = None
    with WorkerPool(2) as pool:
        pool.start()
        for _ in range(repeat):
            for n in [0, *partitions]:
                workers, wall, cpu = _worker_cpu(pool), time.perf_counter(), time.process_time()
                if n == 0:
                    got = run_checks(facts, page_rows, check_config, relations).findings
                else:
                    runner = PoolRunner(pool, n, REMOTE_CHECK_TASKS)
                    got = partitioned_checks(runner, facts, page_rows, relations, check_config)
                spent = (
                    time.perf_counter() - wall,
                    time.process_time() - cpu,
                    _worker_cpu(pool) - workers,
                )
                times.setdefault(n, []).append(spent)
                if expected is None:
                    expected = got.reset_index(drop=True)
                else:
                    pd.testing.assert_frame_equal(
                        expected, got.reset_index(drop=True), check_dtype=False
                    )
    assert expected is not None
    lines = [
        f"{len(keep)} pages, {len(facts)} facts, {len(expected)} findings "
        f"(load average {os.getloadavg()[0]:.1f})"
    ]
    base = statistics.median(t[0] for t in times[0])
    for n, spent in times.items():
        wall, cpu, workers = (statistics.median(t[i] for t in spent) for i in range(3))
        name = "one process" if n == 0 else f"2 workers, {n} partitions"
        lines.append(
            f"  {name}: wall {wall:.2f} s (x{wall / base:.2f}), parent CPU {cpu:.2f} s, "
            f"workers CPU {workers:.2f} s"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--pages", default="250,1000,2000")
    parser.add_argument("--partitions", default="2,4")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        config = RunConfig(
            sources=[],
            db_path=Path(tmp) / "x.duckdb",
            snapshot_dir=Path(tmp),
            reference_year=2026,
            workers=2,
        )
        store = SnapshotStore(Path(tmp) / "snapshots")
        specs = expand_sources([str(args.corpus)])
        analysis = analyze_snapshots(list(iter_snapshots(specs, config.fetch, store)), config)
        partitions = [int(p) for p in args.partitions.split(",")]
        for pages in [int(p) for p in args.pages.split(",")]:
            print(measure(analysis, config, pages, partitions, args.repeat), flush=True)


if __name__ == "__main__":
    main()
