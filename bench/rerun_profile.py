"""Where the seconds of a one-changed-page re-run go, and whether its results equal a fresh run's.

    python -m bench.rerun_profile --pages 1000 [--profile rerun.prof] [--fresh]

In one process: a full `run_pipeline` on the generated corpus (bench/out/corpus-N), then the
page `bench.rerun` changes is changed the same way and `run_pipeline` runs again, under
cProfile when asked (the stage laps are printed either way); the page is put back afterwards.
With `--fresh`, a full run on the changed corpus is loaded into a second warehouse and
`bench.findings_digest` compares the two (findings, consensus, reliability, copy groups).
`--reuse` starts from the warehouse and snapshots the last call kept after its full run (and
its fresh warehouse), to profile a code change without paying for the full runs again.
`--figure` changes a figure a fact reads instead (its last digit, on the same page): the
benchmark's change leaves every fact as it was, this one makes the run reconcile again. With
--fresh, the fresh warehouse is made again each time (the changed corpus differs).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import shutil
import time
from pathlib import Path


def _config(corpus: Path, work: Path, wipe: bool = True) -> object:
    from bench.run_measure import _reference_year
    from crosscheck import pipeline

    if wipe and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    return pipeline.RunConfig(
        sources=[str(corpus)],
        db_path=work / "bench.duckdb",
        snapshot_dir=work / "snapshots",
        reference_year=_reference_year(corpus),
    )


def kept_full_run(
    corpus: Path, work: Path, kept: Path, key: dict[str, object] | None, reuse: bool
) -> tuple[object, float]:
    """The run config of `work` and the full run's seconds. With `reuse`, `work` becomes a copy
    of the full run kept in `kept` when there is one (made with `key`, when given); otherwise
    the full run is made into a new `work` and kept (`kept/kept.json` says with what)."""
    from crosscheck import pipeline

    stamp = kept / "kept.json"
    if reuse and stamp.is_file():
        made = json.loads(stamp.read_text())
        if key is None or made.get("key") == key:
            if work.exists():
                shutil.rmtree(work)
            shutil.copytree(kept, work)
            return _config(corpus, work, wipe=False), float(made["full_s"])
    config = _config(corpus, work)
    t = time.perf_counter()
    pipeline.run_pipeline(config)  # type: ignore[arg-type]
    full = time.perf_counter() - t
    if kept.exists():
        shutil.rmtree(kept)
    shutil.copytree(work, kept)
    stamp.write_text(json.dumps({"key": key, "full_s": full}))
    return config, full


def _figure_changed(config: object, page: Path, original: bytes) -> bytes:
    """`original` with the last digit of the first numeric value a fact of `page` reads moved
    by one (same length)."""
    import duckdb

    con = duckdb.connect(str(config.db_path), read_only=True)  # type: ignore[attr-defined]
    try:
        raws = con.execute(
            """SELECT c.raw_value FROM claims c JOIN facts f USING (claim_id)
            WHERE c.source = ? AND c.role = 'value' AND f.value_type = 'numeric'
              AND f.metric IS NOT NULL ORDER BY c.value_start""",
            [str(page)],
        ).fetchall()
    finally:
        con.close()
    for (raw,) in raws:
        at = original.find(str(raw).encode())
        digits = [i for i, b in enumerate(str(raw).encode()) if chr(b).isdigit()]
        if at >= 0 and digits:
            digit = at + digits[-1]
            nudged = str((int(original[digit : digit + 1]) + 1) % 10).encode()
            return original[:digit] + nudged + original[digit + 1 :]
    raise SystemExit(f"{page}: no figure of a fact found in its bytes")


def _repeat(n: int, config: object, kept: Path, work: Path, page: Path, changed: bytes) -> None:
    """Wall and CPU seconds of `n` more one-changed-page re-runs, each from the kept full run
    (this process is warm, as the benchmark's is after its full run); medians printed."""
    import statistics

    from crosscheck import pipeline

    original = page.read_bytes()
    walls, cpus = [], []
    for _ in range(n):
        shutil.rmtree(work)
        shutil.copytree(kept, work)
        try:
            page.write_bytes(changed)
            wall, cpu = time.perf_counter(), time.process_time()
            pipeline.run_pipeline(config)  # type: ignore[arg-type]
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        finally:
            page.write_bytes(original)
    wall_s, cpu_s = [round(w, 3) for w in walls], [round(c, 3) for c in cpus]
    print(f"  {n} more re-runs: wall median {statistics.median(walls):.3f} s {wall_s},", end=" ")
    print(f"CPU median {statistics.median(cpus):.3f} s {cpu_s}")


def main(argv: list[str] | None = None) -> int:
    from bench.corpus import generate_corpus
    from bench.findings_digest import main as digest_main
    from bench.rerun import _changed, _victim
    from bench.run import OUT
    from crosscheck import pipeline

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", type=Path, default=None, help="write the re-run's cProfile")
    parser.add_argument("--fresh", action="store_true", help="compare with a fresh full run")
    parser.add_argument("--reuse", action="store_true", help="start from the kept full run")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--figure", action="store_true", help="change a figure a fact reads")
    parser.add_argument(
        "--repeat", type=int, default=0, help="with --reuse: time N more re-runs (after one)"
    )
    args = parser.parse_args(argv)
    corpus = OUT / f"corpus-{args.pages}"
    work, kept = OUT / f"profile-work-{args.pages}", OUT / f"profile-kept-{args.pages}"
    fresh_work = OUT / f"profile-fresh-{args.pages}"
    generate_corpus(corpus, args.pages, args.seed)  # kept when already there
    config, full = kept_full_run(corpus, work, kept, None, args.reuse)
    page = _victim(corpus)
    original = page.read_bytes()
    changed_bytes = _figure_changed(config, page, original) if args.figure else _changed(original)
    # CPU time of this process: on a shared machine wall clocks measure the neighbours too
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    try:
        page.write_bytes(changed_bytes)
        t = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        summary = pipeline.run_pipeline(config)  # type: ignore[arg-type]
        if profiler is not None:
            profiler.disable()
        rerun = time.perf_counter() - t
        fresh_kept = (fresh_work / "bench.duckdb").is_file() and not args.figure
        if args.fresh and not (args.reuse and fresh_kept):
            fresh = _config(corpus, fresh_work)  # same source names as the re-run's
            pipeline.run_pipeline(fresh)  # type: ignore[arg-type]
    finally:
        page.write_bytes(original)
    print(f"{args.pages} pages: full run {full:.2f} s; one changed page ({page.name})", end=" ")
    print(f"{rerun:.2f} s")
    if args.reuse and args.repeat:
        _repeat(args.repeat, config, kept, work, page, changed_bytes)
    print(f"  = {rerun / full:.1%}; stages {summary.stage_seconds}")
    if profiler is not None and args.profile:
        profiler.dump_stats(str(args.profile))
        pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(args.top)
    if args.fresh:
        return digest_main([str(fresh_work / "bench.duckdb"), str(work / "bench.duckdb")])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
