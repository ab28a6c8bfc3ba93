"""Where the load and report laps go: every statement of the load, the heap trims, Python's
garbage collections (automatic ones too) and the report's parts, in one run on a corpus.

Why: the load lap grew 7.0 -> 9.2 s at 10,000 pages when it began releasing the claims and
facts and trimming the heap, and the report takes 11.3 s real-shaped against 2.9 synthetic
(issue 20); wall clocks of whole laps on a shared machine cannot tell which part did it.
The analysis runs as `bench.run` runs it (not timed here), then the load and the report are
timed part by part, with the peak tree PSS of the whole (bench.run.TreeMemory).

    python -m bench.load_laps bench/out/realshaped-2000 [--profile out.prof] [--json out.json]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import json
import os
import pickle
import shutil
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.run_measure import _reference_year
from bench.run_memory import TreeMemory, _rss_mib
from bench.tree_memory import kib, tree


class _Clock:
    """Seconds per named part, and Python's collections by generation (gc.callbacks)."""

    def __init__(self) -> None:
        self.parts: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.spans: list[tuple[float, float, str]] = []  # (start, end, part) of every part
        self.calls: dict[str, int] = defaultdict(int)
        self.gc: dict[str, float] = defaultdict(float)
        self._gc_started = 0.0
        self._section = "analysis"

    @contextmanager
    def part(self, name: str) -> Iterator[None]:
        t, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.spans.append((t, time.perf_counter(), name))
            self.parts[name] += time.perf_counter() - t
            self.cpu[name] += time.process_time() - cpu  # DuckDB's threads included
            self.calls[name] += 1

    def section(self, name: str) -> None:
        self._section = name

    def on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
            return
        key = f"{self._section}: gen{info['generation']}"
        self.gc[key + " s"] += time.perf_counter() - self._gc_started
        self.gc[key + " n"] += 1


class _Sampled(TreeMemory):
    """TreeMemory that keeps every sample's time and tree PSS, to place the peak in a part."""

    def __init__(self) -> None:
        super().__init__(interval=0.02)
        self.samples: list[tuple[float, float]] = []

    def sample(self) -> None:
        super().sample()
        if not self.paused:
            pids = tree(os.getpid())
            pss = sum(kib(p, "smaps_rollup", "Pss:") for p in pids) / 1024.0
            self.samples.append((time.perf_counter(), pss))


def _peaks(memory: _Sampled, clock: _Clock, since: float) -> dict[str, float]:
    """The highest PSS sampled inside each innermost part after `since` (MiB)."""
    out: dict[str, float] = {}
    for at, pss in memory.samples:
        if at < since:
            continue
        inside = [s for s in clock.spans if s[0] <= at <= s[1]]
        name = min(inside, key=lambda s: s[1] - s[0])[2] if inside else "(between parts)"
        out[name] = max(out.get(name, 0.0), round(pss, 1))
    return dict(sorted(out.items(), key=lambda i: -i[1])[:12])


class _TimedConnection:
    """A DuckDB connection whose execute() is timed by the statement's first words."""

    def __init__(self, con: Any, clock: _Clock) -> None:
        self._con, self._clock = con, clock

    def execute(self, sql: str, *args: Any, **kwargs: Any) -> Any:
        words = " ".join(sql.split()[:4])
        with self._clock.part("sql: " + words[:48]):
            return self._con.execute(sql, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def _instrument(clock: _Clock, trim: str = "code") -> None:
    """Wrap the load's parts (module-level names load_run looks up) and the heap trim."""
    import crosscheck.warehouse.load as load

    import crosscheck.common.heap as heap

    for name in (
        "_prepare",
        "_release",
        "load_relations",
        "load_passages",
        "load_reconciliation",
        "_insert_run",
        "_finish_run",
    ):
        original = getattr(load, name)

        def timed(*args: Any, __f: Any = original, __n: str = name, **kwargs: Any) -> Any:
            with clock.part("py: " + __n):
                return __f(*args, **kwargs)

        setattr(load, name, timed)

    collect, trim_code = gc.collect, heap.trim_heap

    def trim_heap() -> bool:  # heap.trim_heap, timed apart from the collection main ran first
        if trim == "collect":
            with clock.part("trim: gc.collect"):
                clock.calls["trim: unreachable objects"] += collect()
        if trim == "none":
            return False
        with clock.part("trim: malloc_trim"):
            freed = trim_code()
        clock.calls["trim: malloc_trim returned memory"] += freed
        return freed

    heap.trim_heap = trim_heap
    load.trim_heap = trim_heap


def _gc_state() -> dict[str, Any]:
    """What the collector tracks, and the threads that may allocate beside the report."""
    import threading

    return {
        "tracked": len(gc.get_objects()),
        "frozen": gc.get_freeze_count(),
        "count": gc.get_count(),
        "threshold": gc.get_threshold(),
        "threads": sorted(t.name for t in threading.enumerate()),
    }


def _pss_now() -> float:
    """This process's PSS now, in MiB."""
    return kib(os.getpid(), "smaps_rollup", "Pss:") / 1024


def measure(
    corpus: Path,
    work: Path,
    profile: Path | None,
    report: bool,
    saved: Path | None = None,
    trim: str = "code",
    release: bool = True,
) -> dict[str, Any]:
    """The analysis as bench.run does it (or unpickled from `saved` when that file exists;
    pickled to it when not), then the load and the report part by part. `trim`: what the
    heap trims do (code: crosscheck's trim_heap, collect: gc.collect first as before
    loadreport, none: nothing)."""
    from crosscheck.warehouse import load_run, open_warehouse

    import crosscheck.common.heap as heap
    from crosscheck import pipeline, steps
    from crosscheck.pipeline import bundle_for

    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    db_path = work / "bench.duckdb"
    config = pipeline.RunConfig(
        sources=[os.path.relpath(corpus, Path.cwd())],
        db_path=db_path,
        snapshot_dir=work / "snapshots",
        reference_year=_reference_year(corpus),
    )
    clock = _Clock()
    _instrument(clock, trim)
    gc.callbacks.append(clock.on_gc)
    memory = _Sampled().start()
    t = time.perf_counter()
    if saved is not None and saved.exists():
        with open(saved, "rb") as fh:
            analysis = pickle.load(fh)
    else:
        analysis, _ = pipeline.analyze_sources(config)
        if saved is not None:
            with open(saved, "wb") as fh:
                pickle.dump(analysis, fh, protocol=pickle.HIGHEST_PROTOCOL)
    out: dict[str, Any] = {"analyze_s": round(time.perf_counter() - t, 3)}
    out["rss_after_analysis_mib"] = round(_rss_mib(), 1)
    out["tracked_objects"] = len(gc.get_objects())
    out["counts"] = {n: len(getattr(analysis, n)) for n in ("claims", "facts", "findings")}
    out["peak_pss_analysis_mib"] = round(memory.peak_pss, 1)
    out["pss_before_load_mib"] = round(_pss_now(), 1)
    memory.peak_pss = 0.0  # from here: the load's own peak
    cpu = time.process_time()
    prof = cProfile.Profile() if profile else None
    clock.section("load")
    wall = time.perf_counter()
    if prof:
        prof.enable()
    now = dt.datetime.now(dt.UTC)
    with clock.part("bundle_for"):
        bundle = bundle_for(analysis, "bench-load", now, list(config.sources))
    with clock.part("hand_over"):
        steps.hand_over(analysis)
    heap.trim_heap()  # as steps.step_load does before load_run
    with clock.part("open"):
        con = open_warehouse(db_path)
    try:
        with clock.part("load_run"):
            load_run(_TimedConnection(con, clock), bundle, release=release)  # type: ignore[arg-type]
    finally:
        with clock.part("close"):
            con.close()
    out["load_s"] = round(time.perf_counter() - wall, 3)
    out["load_cpu_s"] = round(time.process_time() - cpu, 3)
    out["peak_pss_load_mib"] = round(memory.peak_pss, 1)
    out["load_peaks_by_part_mib"] = _peaks(memory, clock, wall)
    memory.peak_pss = 0.0  # from here: the report's own peak
    clock.section("release")
    del analysis, bundle
    with clock.part("probe: gc.collect after the release"):  # the run no longer collects here
        clock.calls["probe: unreachable objects after the release"] += gc.collect()
    if report:
        from crosscheck.validation import write_report

        clock.section("report")
        out["before_report"] = _gc_state()
        t, cpu = time.perf_counter(), time.process_time()
        write_report(db_path, work / "report.html", "html")
        out["report_s"] = round(time.perf_counter() - t, 3)
        out["report_cpu_s"] = round(time.process_time() - cpu, 3)
        out["after_report"] = _gc_state()
        out["report_mib"] = round((work / "report.html").stat().st_size / 2**20, 2)
    if prof:
        prof.disable()
        prof.dump_stats(str(profile))
    memory.stop()
    gc.callbacks.remove(clock.on_gc)
    out["peak_pss_report_mib"] = round(memory.peak_pss, 1)
    out["parts_s"] = {k: round(v, 3) for k, v in sorted(clock.parts.items(), key=lambda i: -i[1])}
    out["parts_cpu_s"] = {k: round(v, 3) for k, v in sorted(clock.cpu.items(), key=lambda i: -i[1])}
    out["gc"] = {k: round(v, 3) for k, v in sorted(clock.gc.items())}
    out["calls"] = dict(clock.calls)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--profile", type=Path, default=None, help="cProfile of load + report")
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--analysis", type=Path, default=None, help="pickled analysis (made if absent)"
    )
    parser.add_argument("--trim", choices=("code", "collect", "none"), default="code")
    parser.add_argument("--no-release", action="store_true")
    args = parser.parse_args()
    work = args.work or Path("bench/out") / f"load-laps-{args.corpus.name}"
    out = measure(
        args.corpus,
        work,
        args.profile,
        not args.no_report,
        args.analysis,
        args.trim,
        not args.no_release,
    )
    out["trim"], out["release"] = args.trim, not args.no_release
    out["load_average"] = os.getloadavg()
    text = json.dumps(out, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
