"""CPU of the run process's own steps inside each lap of one `crosscheck run` (issue 20): which
parts of the one-core laps after the parse (and of the parent's share of the parse lap) hold
the CPU, and how much of the second core each lap leaves idle.

Why: `bench.lap_cpu` gives a lap's CPU per process; the laps after the parse run in the run's
process alone, so the question is which of its steps are big enough to move beside the
workers or onto the second core. Named functions are wrapped where the run looks them up
(module attributes); each call adds its process CPU (DuckDB's threads included), its own
thread's CPU and its wall to the function's row. Nested rows overlap (a step and its parts
are both listed). The idle-core time of a lap is `wall x cores - CPU of every process`.

    python -m bench.lap_steps [--json out.json] -- CORPUS --db D --snapshots S --no-validate
        --report R.html   (CROSSCHECK_WORKERS is 2 unless set)
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

#: (module, attribute) pairs wrapped: where the run looks each step up.
STEPS: tuple[tuple[str, str], ...] = (
    ("crosscheck.parsed_batches", "finish_batch"),
    ("crosscheck.check_reconcile", "stack_batches"),
    ("crosscheck.check_reconcile", "check_findings"),
    ("crosscheck.check_step", "validate_frame"),
    ("crosscheck.check_step", "run_checks_with"),
    ("crosscheck.check_step", "merged_content_order"),
    ("crosscheck.check_reconcile", "_votes"),
    ("crosscheck.check_reconcile", "_reconcile_here"),
    ("crosscheck.check_reconcile", "reconcile_facts"),
    ("crosscheck.check_reconcile", "annotate_conflicts"),
    ("crosscheck.check_reconcile", "_finished"),
    ("crosscheck.check_reconcile", "_analysis"),
    ("crosscheck.steps", "bundle_for"),
    ("crosscheck.steps", "hand_over"),
    ("crosscheck.steps", "trim_heap"),
    ("crosscheck.steps", "load_run"),
    ("crosscheck.warehouse.load", "_prepare"),
    ("crosscheck.warehouse.load", "_insert_sources"),
    ("crosscheck.warehouse.load", "_insert_pages"),
    ("crosscheck.warehouse.load", "_insert_claims"),
    ("crosscheck.warehouse.load", "_insert_facts"),
    ("crosscheck.warehouse.load", "load_relations"),
    ("crosscheck.warehouse.load", "load_passages"),
    ("crosscheck.warehouse.load", "_insert_findings"),
    ("crosscheck.warehouse.load", "_insert_finding_claims"),
    ("crosscheck.warehouse.load", "_insert_reconciled"),
    ("crosscheck.warehouse.load", "load_reconciliation"),
    ("crosscheck.warehouse.load", "_finish_run"),
    ("crosscheck.steps", "summarize"),
    ("crosscheck.runner", "_report"),
    ("crosscheck.runner", "_validate"),
)


class StepClock:
    """CPU and wall per wrapped function (summed over calls)."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, float]] = {}

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            wall, cpu, mine = time.perf_counter(), time.process_time(), time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                row = self.rows.setdefault(
                    name, {"calls": 0, "wall": 0.0, "process_cpu": 0.0, "thread_cpu": 0.0}
                )
                row["calls"] += 1
                row["wall"] += time.perf_counter() - wall
                row["process_cpu"] += time.process_time() - cpu
                row["thread_cpu"] += time.thread_time() - mine

        return timed

    def install(self, steps: tuple[tuple[str, str], ...] = STEPS) -> None:
        for module_name, attribute in steps:
            module = importlib.import_module(module_name)
            if hasattr(module, attribute):
                name = f"{module_name.rsplit('.', 1)[-1]}.{attribute}"
                setattr(module, attribute, self.wrap(name, getattr(module, attribute)))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sys.path.insert(0, str(REPO))
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", type=Path, help="append the figures as one JSON line here")
    parser.add_argument("run", nargs=argparse.REMAINDER, help="`crosscheck run` arguments")
    args = parser.parse_args(argv)
    os.environ.setdefault("CROSSCHECK_WORKERS", "2")
    import psutil

    import crosscheck.pipeline as pipeline
    from bench.lap_cpu import CpuByRole
    from crosscheck.cli import main as cli

    clock = StepClock()
    clock.install()
    laps: list[dict[str, Any]] = []
    cores = len(os.sched_getaffinity(0))
    with CpuByRole() as cpu:
        last = {"wall": time.perf_counter(), **cpu.totals()}
        lap = pipeline.StageTimer.lap

        def mark(stage: str) -> None:
            now = {"wall": time.perf_counter(), **cpu.totals()}
            laps.append({"stage": stage, **{k: now[k] - last[k] for k in now}})
            last.update(now)

        def recording_lap(timer: pipeline.StageTimer, stage: str) -> None:
            lap(timer, stage)
            mark(stage)

        pipeline.StageTimer.lap = recording_lap  # type: ignore[method-assign,assignment]
        load = os.getloadavg()[0]
        code = cli(["run", *[a for a in args.run if a != "--"]])
        mark("after load (validate, report)")
    merged: dict[str, dict[str, float]] = {}
    for row in laps:
        into = merged.setdefault(row["stage"], {k: 0.0 for k in row if k != "stage"})
        for key, value in row.items():
            if key != "stage":
                into[key] += value
    print(f"{'lap':30s} {'wall':>8s} {'run CPU':>8s} {'workers':>8s} {'idle core-s':>11s}")
    for stage, row in merged.items():
        idle = row["wall"] * cores - row["client"] - row["workers"] - row["scheduler"]
        print(
            f"{stage:30s} {row['wall']:8.2f} {row['client']:8.2f} {row['workers']:8.2f} "
            f"{idle:11.2f}"
        )
    print(
        f"\n{'step (run process)':40s} {'calls':>5s} {'wall':>8s} {'proc CPU':>8s} {'thread':>8s}"
    )
    for name, row in clock.rows.items():
        print(
            f"{name:40s} {int(row['calls']):5d} {row['wall']:8.2f} {row['process_cpu']:8.2f} "
            f"{row['thread_cpu']:8.2f}"
        )
    record = {
        "argv": args.run,
        "cores": cores,
        "load_before": load,
        "load_after": os.getloadavg()[0],
        "peak_rss_mib": psutil.Process().memory_info().rss / 2**20,
        "laps": merged,
        "steps": clock.rows,
    }
    print(json.dumps({"load_before": load, "load_after": record["load_after"]}))
    if args.json is not None:
        with args.json.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
