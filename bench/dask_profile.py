"""Where a Dask run's time goes: one `crosscheck run --engine dask` in this process with the
scheduler's task stream recorded, summed per task name (count, compute, transfer, bytes).

The LocalCluster's dashboard is off (engines.LOCAL_CLUSTER_CONFIG), so the task stream is read
with `Client.get_task_stream` (it installs the scheduler's TaskStreamPlugin on its first call:
that call is made as the pool starts). With `--spy DIR`, `py-spy record --format raw` samples
each worker and this process (py-spy installed in the venv) into DIR/spy-*.txt.
Usage: python bench/dask_profile.py --out bench/out/stream.json -- bench/out/corpus-2000
       --db bench/out/p.duckdb --snapshots bench/out/p-snap --no-validate
(`--engine dask` is added; the workers are CROSSCHECK_WORKERS, 2 by default here).
It also prints the workers' own meters the scheduler sums (`cumulative_worker_metrics`): per
task name the thread CPU seconds of its runs and of its results' (de)serialization, and the
CPU of fetching other workers' results (`gather-dep`): CPU, not wall, so it reads on a
loaded host too (`--metrics FILE` keeps them as JSON).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _name(key: Any) -> str:
    """A task's name without its token (`summarize-3f2a…` → summarize)."""
    text = str(key[0] if isinstance(key, tuple) else key)
    return text.split("-")[0]


def summarize_stream(stream: list[dict[str, Any]]) -> list[tuple[str, int, float, float, int]]:
    """(name, tasks, compute s, transfer s, result bytes) per task name, most compute first."""
    rows: dict[str, list[Any]] = defaultdict(lambda: [0, 0.0, 0.0, 0])
    for task in stream:
        row = rows[_name(task["key"])]
        row[0] += 1
        for span in task["startstops"]:
            seconds = span["stop"] - span["start"]
            if span["action"] == "compute":
                row[1] += seconds
            elif span["action"] == "transfer":
                row[2] += seconds
        row[3] += task.get("nbytes") or 0
    return sorted(((k, *v) for k, v in rows.items()), key=lambda r: -r[2])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sys.path.insert(0, str(REPO))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="task stream as JSON")
    parser.add_argument("--spy", type=Path, help="folder for py-spy's raw samples")
    parser.add_argument("--metrics", type=Path, help="the workers' meters as JSON")
    parser.add_argument("run", nargs=argparse.REMAINDER, help="`crosscheck run` arguments")
    args = parser.parse_args(argv)
    os.environ.setdefault("CROSSCHECK_WORKERS", "2")
    import crosscheck.engines as engines
    from crosscheck.cli import main as cli

    stream: list[dict[str, Any]] = []
    metrics: dict[str, float] = {}
    spies: list[subprocess.Popen[bytes]] = []
    start, close = engines.DaskPool.start, engines.DaskPool.close

    def recording_start(pool: engines.DaskPool) -> engines.DaskPool:
        fresh = pool._client is None
        started = start(pool)
        if fresh:
            pool._client.get_task_stream()  # installs the scheduler's TaskStreamPlugin
            if args.spy is not None:
                args.spy.mkdir(parents=True, exist_ok=True)
                pids = [*pool._client.run(os.getpid).values(), os.getpid()]
                spies.extend(
                    subprocess.Popen(
                        [
                            str(Path(sys.executable).with_name("py-spy")),
                            "record",
                            "-p",
                            str(pid),
                            "-r",
                            "50",
                            "--format",
                            "raw",
                            "--nonblocking",
                            "-o",
                            str(args.spy / f"spy-{i}.txt"),
                        ],
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                    for i, pid in enumerate(pids)
                )
        return started

    def recording_close(pool: engines.DaskPool, abort: bool = False) -> None:
        if pool._client is not None:
            stream.extend(pool._client.get_task_stream(start=0))
            metrics.update(pool._client.run_on_scheduler(_worker_metrics))
        close(pool, abort)

    engines.DaskPool.start = recording_start  # type: ignore[method-assign,assignment]
    engines.DaskPool.close = recording_close  # type: ignore[method-assign,assignment]
    run = [a for a in args.run if a != "--"]
    code = cli(["run", *run, "--engine", "dask"])
    for spy in spies:
        spy.terminate()
        spy.wait(timeout=60)
    records = [
        {"key": str(t["key"]), "worker": t["worker"], "nbytes": t.get("nbytes"),
         "startstops": [dict(s) for s in t["startstops"]]}
        for t in stream
    ]  # fmt: skip
    args.out.write_text(json.dumps(records, default=str), encoding="utf-8")
    print(f"{'task':28s} {'n':>5s} {'compute s':>10s} {'transfer s':>10s} {'MB':>8s}")
    for name, count, compute, transfer, nbytes in summarize_stream(stream):
        print(f"{name:28s} {count:5d} {compute:10.2f} {transfer:10.2f} {nbytes / 1e6:8.1f}")
    print_metrics(metrics)
    if args.metrics is not None:
        args.metrics.write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    return code


def _worker_metrics(dask_scheduler: Any = None) -> dict[str, float]:
    """The scheduler's sums of the workers' meters, keyed "context|name|activity|unit"."""
    assert dask_scheduler is not None
    return {
        "|".join(map(str, key)) if isinstance(key, tuple) else str(key): float(value)
        for key, value in dask_scheduler.cumulative_worker_metrics.items()
    }


def print_metrics(metrics: dict[str, float]) -> None:
    """Per task name, the CPU seconds its runs took on the worker threads and those of the
    (de)serialization around them; then the fetches' CPU (`gather-dep`) by activity."""
    cpu: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    fetched: dict[str, float] = defaultdict(float)
    for key, value in metrics.items():
        parts = key.split("|")
        if len(parts) == 4 and parts[0] == "execute" and parts[3] == "seconds":
            cpu[parts[1]][parts[2]] += value
        elif parts[0] == "gather-dep" and parts[-1] == "seconds":
            fetched[parts[-2]] += value
    print(f"{'task (worker meters)':28s} {'thread-cpu':>10s} {'noncpu':>8s} {'other s':>8s}")
    for name, row in sorted(cpu.items(), key=lambda kv: -kv[1].get("thread-cpu", 0.0)):
        other = sum(v for k, v in row.items() if k not in ("thread-cpu", "thread-noncpu"))
        print(
            f"{name:28s} {row.get('thread-cpu', 0.0):10.2f} "
            f"{row.get('thread-noncpu', 0.0):8.2f} {other:8.2f}"
        )
    if fetched:
        print("gather-dep: " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(fetched.items())))


if __name__ == "__main__":  # Dask spawns its workers: they re-import this file
    raise SystemExit(main())
