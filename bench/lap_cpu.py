"""CPU per lap and per process role (client, scheduler, workers) of one `crosscheck run`, for
either engine: what a lap costs besides its wall time, and how busy the workers were in it.

Why: on a shared 2-core host the wall laps of two engines measured minutes apart differ by
the load; the CPU each role spent in a lap does not, and workers' CPU against the lap's wall
time (times the workers) shows where they sat idle. The run is this process (`crosscheck.cli`)
with `StageTimer.lap` wrapped: at every lap the CPU of this process and of each descendant
(psutil, sampled every 0.2 s too, so a worker that exits keeps its last figure) is read.
Usage: python bench/lap_cpu.py [--json out.json] -- corpus --db D --snapshots S --no-validate
       --engine dask   (CROSSCHECK_WORKERS is 2 unless set)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]


def role(process: psutil.Process) -> str:
    """scheduler (the run's `python -m dask spec` process), or workers (anything else below
    this process: forked pool workers, Dask's spawned workers)."""
    try:
        line = " ".join(process.cmdline())
    except psutil.Error:
        return "workers"
    return "scheduler" if " spec " in f"{line} " and "dask" in line else "workers"


class CpuByRole:
    """Last-seen CPU seconds (user + system) per descendant pid, and their roles."""

    def __init__(self) -> None:
        self.me = psutil.Process()
        self.seen: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True, name="lap-cpu")

    def sample(self) -> None:
        for child in self.me.children(recursive=True):
            try:
                times = child.cpu_times()
                kind = self.seen.get(child.pid, (None, 0.0))[0] or role(child)
                self.seen[child.pid] = (kind, times.user + times.system)
            except psutil.Error:
                continue

    def totals(self) -> dict[str, float]:
        self.sample()
        mine = self.me.cpu_times()
        out = {"client": mine.user + mine.system, "scheduler": 0.0, "workers": 0.0}
        for kind, seconds in self.seen.values():
            out[kind] += seconds
        return out

    def _poll(self) -> None:
        while not self._stop.wait(0.2):
            self.sample()

    def __enter__(self) -> CpuByRole:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sys.path.insert(0, str(REPO))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="append the laps as one JSON line here")
    parser.add_argument("run", nargs=argparse.REMAINDER, help="`crosscheck run` arguments")
    args = parser.parse_args(argv)
    os.environ.setdefault("CROSSCHECK_WORKERS", "2")
    import crosscheck.pipeline as pipeline
    from crosscheck.cli import main as cli

    laps: list[dict[str, Any]] = []
    steps: dict[str, float] = {}  # the workers' CPU per parse step (StageTimer.cpu)
    with CpuByRole() as cpu:
        last = {"wall": time.perf_counter(), **cpu.totals()}
        lap = pipeline.StageTimer.lap

        def recording_lap(timer: pipeline.StageTimer, stage: str) -> None:
            lap(timer, stage)
            steps.update(timer.cpu)
            now = {"wall": time.perf_counter(), **cpu.totals()}
            laps.append({"stage": stage, **{k: round(now[k] - last[k], 2) for k in now}})
            last.update(now)

        pipeline.StageTimer.lap = recording_lap  # type: ignore[method-assign,assignment]
        load = os.getloadavg()[0]
        code = cli(["run", *[a for a in args.run if a != "--"]])
    merged: dict[str, dict[str, float]] = {}
    for row in laps:  # a stage lapped several times (fetch between batches) is summed
        into = merged.setdefault(row["stage"], dict.fromkeys(row, 0.0))
        for key, value in row.items():
            if key != "stage":
                into[key] = round(into[key] + value, 2)
    workers = int(os.environ["CROSSCHECK_WORKERS"])
    print(f"{'lap':10s} {'wall':>7s} {'client':>7s} {'sched':>7s} {'workers':>8s} {'busy':>5s}")
    for stage, row in merged.items():
        busy = row["workers"] / (row["wall"] * workers) if row["wall"] > 0 else 0.0
        print(
            f"{stage:10s} {row['wall']:7.2f} {row['client']:7.2f} {row['scheduler']:7.2f} "
            f"{row['workers']:8.2f} {busy:5.0%}"
        )
    record = {
        "argv": args.run,
        "load_before": load,
        "load_after": os.getloadavg()[0],
        "steps": steps,
        "laps": {k: {c: v for c, v in r.items() if c != "stage"} for k, r in merged.items()},
    }
    print("parse steps' CPU on the workers:", json.dumps(steps))
    print(json.dumps({"load_before": record["load_before"], "load_after": record["load_after"]}))
    if args.json is not None:
        with args.json.open("a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")
    return code


if __name__ == "__main__":  # Dask spawns its workers: they re-import this file
    raise SystemExit(main())
