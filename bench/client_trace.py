"""What Python the Dask client holds where the checks begin and where the load begins (issue
19): one `crosscheck run` in this process under tracemalloc, a snapshot dumped at each of those
steps and after the load, and a timeline of the client's RSS and traced memory each second.
Run it at two corpus sizes and diff the snapshots (`compare`) to see what grows with the run.

Usage: CROSSCHECK_WORKERS=2 python bench/client_trace.py run CORPUS OUT [--frames 8]
       python bench/client_trace.py compare SMALL/parse_end.snap LARGE/parse_end.snap [--top 15]
Only Python allocations are traced (not DuckDB's, not the allocator's kept heap), and the
traced peaks include the snapshots' own objects; tracemalloc slows the client, not the workers.
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
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


if str(REPO) not in sys.path:  # run as a script: bench/ is the path, the checkout is not
    sys.path.insert(0, str(REPO))
from bench.client_held import _status  # noqa: E402  (the path above first)


def run(corpus: Path, out: Path, frames: int) -> int:
    """The traced run: `parse_end.snap`, `load_start.snap`, `load_end.snap` and
    `timeline.jsonl` under `out`; one JSON line per snapshot on stdout."""
    from crosscheck import pipeline, steps
    from crosscheck.cli import main as cli

    out.mkdir(parents=True, exist_ok=True)
    phase, done = ["parse"], threading.Event()

    def sampler() -> None:
        with open(out / "timeline.jsonl", "w", encoding="utf-8") as timeline:
            while not done.is_set():
                traced = tracemalloc.get_traced_memory()[0] / 2**20
                row = {"t": round(time.time(), 1), "phase": phase[0], "rss": _status("VmRSS")}
                timeline.write(json.dumps({**row, "traced": round(traced, 1)}) + "\n")
                timeline.flush()
                time.sleep(1)

    def snap(name: str, following: str) -> None:
        tracemalloc.take_snapshot().dump(str(out / f"{name}.snap"))
        traced = tracemalloc.get_traced_memory()[0] / 2**20
        phase[0] = following
        record = {"at": name, "rss": _status("VmRSS"), "traced": round(traced, 1)}
        print(json.dumps(record), flush=True)

    checks = pipeline.check_and_reconcile
    load = steps.load_run

    def check_and_reconcile(*args: Any, **kwargs: Any) -> Any:
        snap("parse_end", "checks")
        return checks(*args, **kwargs)

    def load_run(*args: Any, **kwargs: Any) -> Any:
        snap("load_start", "load")
        result = load(*args, **kwargs)
        snap("load_end", "after")
        return result

    pipeline.check_and_reconcile = check_and_reconcile  # type: ignore[assignment]
    steps.load_run = load_run  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(dir=out) as work:
        argv = ["run", str(corpus.resolve()), "--db", f"{work}/run.duckdb"]
        argv += ["--snapshots", f"{work}/snap", "--no-validate", "--engine", "dask"]
        tracemalloc.start(frames)
        threading.Thread(target=sampler, daemon=True).start()
        try:
            code = cli(argv)
        finally:
            done.set()
    print(json.dumps({"exit": code, "hwm": _status("VmHWM"), "load": os.getloadavg()}))
    return 0


def compare(small: Path, large: Path, top: int) -> int:
    """The lines whose held bytes grew most from `small`'s snapshot to `large`'s."""
    before, after = tracemalloc.Snapshot.load(str(small)), tracemalloc.Snapshot.load(str(large))
    for stat in after.compare_to(before, "lineno")[:top]:
        where = stat.traceback.format()[-1].strip()
        print(f"{stat.size_diff / 2**20:8.2f} MiB {stat.count_diff:8d}  {where}")
    return 0


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(REPO))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    traced = sub.add_parser("run")
    traced.add_argument("corpus", type=Path)
    traced.add_argument("out", type=Path)
    traced.add_argument("--frames", type=int, default=8)
    diff = sub.add_parser("compare")
    diff.add_argument("small", type=Path)
    diff.add_argument("large", type=Path)
    diff.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    os.environ.setdefault("CROSSCHECK_WORKERS", "2")
    if args.command == "run":
        return run(args.corpus, args.out, args.frames)
    return compare(args.small, args.large, args.top)


if __name__ == "__main__":  # Dask spawns its workers: they re-import this file
    raise SystemExit(main())
