"""Local vs Dask engine on one generated corpus: wall seconds and the client's peak RSS.

Each run is a real `crosscheck run` in a child process (a fresh warehouse, validation off);
the child reports its own ru_maxrss, which excludes its workers (forked pool processes or a
LocalCluster's nannies and workers), so the figure is what the client itself holds.
Usage: python bench/dask_bench.py --pages 10000 50000 [--engines local dask] [--out bench/out]
(each page count: a corpus generated once, then one run per engine; the dask/local wall ratio
per page count, and the client's peak RSS per engine and page count to see whether it grows).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def child(argv: list[str]) -> int:
    """Run the CLI here and print this process's peak RSS (MiB) as the last line."""
    from crosscheck.cli import main

    code = main(argv)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"exit": code, "client_peak_rss_mib": round(peak, 1)}))
    return 0


def measure(corpus: Path, engine: str, work: Path, workers: int) -> dict[str, float | str]:
    db = work / f"{engine}.duckdb"
    args = ["run", str(corpus), "--db", str(db), "--snapshots", str(work / f"snap-{engine}")]
    args += ["--no-validate", "--engine", engine]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "CROSSCHECK_WORKERS": str(workers)},
    )
    wall = time.perf_counter() - started
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "{}"
    try:
        record = json.loads(last)
    except json.JSONDecodeError:
        record = {}
    if done.returncode != 0 or record.get("exit") not in (0, 1):
        raise SystemExit(f"{engine} run failed ({done.returncode}):\n{done.stderr[-2000:]}")
    # the run's wall time and its time per stage (fetch, parse, checks, reconcile, load)
    lines = [line.strip() for line in done.stdout.splitlines()]
    stages = [line for line in lines if line.startswith(("elapsed", "stages"))]
    return {"engine": engine, "wall_s": round(wall, 2), **record, "stages": stages[-2:]}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return child(argv[1:])
    sys.path.insert(0, str(REPO))
    from bench.corpus import generate_corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[1000])
    parser.add_argument("--engines", nargs="+", default=["local", "dask"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    args = parser.parse_args(argv)
    for pages in args.pages:
        corpus = args.out / f"corpus-{pages}"
        generate_corpus(corpus, pages)
        results = []
        with tempfile.TemporaryDirectory() as work:
            for engine in args.engines:
                results.append(measure(corpus, engine, Path(work), args.workers))
                line = json.dumps({"pages": pages, **results[-1]})
                print(line, flush=True)
                with (args.out / "dask_bench.jsonl").open("a", encoding="utf-8") as log:
                    log.write(line + "\n")
        if len(results) == 2:
            ratio = float(results[1]["wall_s"]) / float(results[0]["wall_s"])
            names = f"{results[1]['engine']}/{results[0]['engine']}"
            print(f"{pages} pages: {names} wall ratio: {ratio:.2f}")
    return 0


if __name__ == "__main__":  # Dask spawns its workers: they re-import this file
    raise SystemExit(main())
