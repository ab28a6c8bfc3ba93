"""Where the parse lap's wall time goes besides parsing: worker busy time against the lap, the
idle tail, the results' pickled size, and the parent's CPU per thread while the workers run.

Why: the per-page profile inside a worker is flat, yet two workers at 110 pages/s per core
should parse 10,000 pages in ~45 s, not the 64.5 s the lap takes; this shows the difference.
It runs `analyze_sources` on a corpus and stops where the checks would start (so only the
read/parse/normalize lap is measured), with every chunk's start and end stamped by its worker.

    python -m bench.lap_anatomy bench/out/corpus-2000 [--pickle] [--digest] [--json out.json]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import pickle
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.run_measure import _reference_year


class _Stop(Exception):
    """Raised where the checks would start: the lap is over."""


def _thread_cpu() -> dict[str, float]:
    """CPU seconds of every thread of this process, by thread name (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[str, float] = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            stat = (task / "stat").read_text()
            name = (task / "comm").read_text().strip()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        out[f"{name}:{task.name}"] = (int(fields[11]) + int(fields[12])) / tick
    return out


_HOOK: dict[str, Any] = {}  # set before the fork: the original prepare, the log, pickle?


def _schedstat() -> tuple[float, float]:
    """(seconds on a CPU, seconds runnable but waiting for one) of this process (Linux)."""
    try:
        on_cpu, waiting, _ = Path("/proc/self/schedstat").read_text().split()
    except (OSError, ValueError):
        return 0.0, 0.0
    return int(on_cpu) / 1e9, int(waiting) / 1e9


def _stamped_prepare(items: Any, **kwargs: Any) -> Any:
    """The pool's `prepare_pages`, appending each chunk's pid, wall start/end and CPU to the
    log (module level: the pool pickles it by name; the workers inherit `_HOOK`). Wall time
    neither on a CPU nor waiting for one is time the worker was blocked (I/O, page faults)."""
    start, cpu = time.time(), time.process_time()
    on_cpu, waiting = _schedstat()
    chunk = _HOOK["prepare"](items, **kwargs)
    end, cpu_end = time.time(), time.process_time()
    on_cpu_end, waiting_end = _schedstat()
    row: dict[str, Any] = {
        "pid": os.getpid(),
        "pages": len(items),
        "start": start,
        "end": end,
        "cpu": cpu_end - cpu,
        "runqueue": waiting_end - waiting,
        "blocked": (end - start) - (on_cpu_end - on_cpu) - (waiting_end - waiting),
        "steps": dict(chunk.cpu),
    }
    if _HOOK["pickle"]:
        t = time.perf_counter()
        blob = pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
        row["pickle_s"] = time.perf_counter() - t
        t = time.perf_counter()
        pickle.loads(blob)
        row["unpickle_s"] = time.perf_counter() - t
        row["pickle_bytes"] = len(blob)
    with _HOOK["log"].open("a", encoding="utf-8") as out:
        out.write(json.dumps(row) + "\n")
    return chunk


class _GcClock:
    """Wall seconds and passes of this process's cycle collector, per generation."""

    def __init__(self) -> None:
        self.seconds = [0.0, 0.0, 0.0]
        self.passes = [0, 0, 0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds[info["generation"]] += time.perf_counter() - self._started
            self.passes[info["generation"]] += 1


def _frame_digest(frame: Any, skip: tuple[str, ...] = ()) -> str:
    """sha256 of a frame's columns, dtypes and every cell (arrays by their bytes)."""
    total = hashlib.sha256(repr([(c, str(t)) for c, t in frame.dtypes.items()]).encode())
    for column in frame.columns:
        if column in skip:
            continue
        for value in frame[column]:
            tobytes = getattr(value, "tobytes", None)
            total.update(tobytes() if callable(tobytes) else repr(value).encode())
            total.update(b"\x1f")
    return total.hexdigest()[:16]


def batches_digest(prepared: list[Any]) -> dict[str, str]:
    """A digest per frame of the lap's output (the batches the checks would get); pages
    without `fetched_at`, which is the clock."""
    out: dict[str, str] = {}
    for name in ("pages", "claims", "facts", "quarantine", "passages"):
        frames = [getattr(batch, name) for batch in prepared]
        skip = ("fetched_at",) if name == "pages" else ()
        out[name] = hashlib.sha256(
            "".join(_frame_digest(f, skip) for f in frames).encode()
        ).hexdigest()[:16]
    return out


def measure(corpus: Path, measure_pickle: bool = False, digest: bool = False) -> dict[str, Any]:
    """The lap's anatomy on one corpus (fresh work folder); `digest`: also hash its output."""
    from crosscheck import batches, pipeline

    work = Path(tempfile.mkdtemp(prefix="lap-anatomy-"))
    log = work / "chunks.jsonl"
    _HOOK.update(prepare=batches.prepare_pages, log=log, pickle=measure_pickle)
    batches.prepare_pages = _stamped_prepare  # type: ignore[assignment]
    marks: dict[str, Any] = {}

    def stop(prepared: list[Any], *args: Any, **kwargs: Any) -> Any:
        marks["end"] = time.time()
        marks["threads_end"] = _thread_cpu()
        marks["rusage_end"] = os.times()
        if digest:
            marks["digest"] = batches_digest(prepared)
        raise _Stop

    pipeline.check_and_reconcile = stop  # type: ignore[assignment]
    config = pipeline.RunConfig(
        sources=[os.path.relpath(corpus, Path.cwd())],
        db_path=work / "bench.duckdb",
        snapshot_dir=work / "snapshots",
        reference_year=_reference_year(corpus),
    )
    timer = pipeline.StageTimer()
    clock = _GcClock()
    gc.callbacks.append(clock)
    threads_start, times_start, start = _thread_cpu(), os.times(), time.time()
    try:
        pipeline.analyze_sources(config, timer=timer)
    except _Stop:
        pass
    finally:
        rows = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
        shutil.rmtree(work, ignore_errors=True)
        gc.callbacks.remove(clock)
    out = summarize(rows, start, marks, threads_start, times_start, timer)
    out["parent_gc_s"] = [round(s, 3) for s in clock.seconds]
    out["parent_gc_passes"] = clock.passes
    if "digest" in marks:
        out["digest"] = marks["digest"]
    return out


def summarize(
    rows: list[dict[str, Any]],
    start: float,
    marks: dict[str, Any],
    threads_start: dict[str, float],
    times_start: Any,
    timer: Any,
) -> dict[str, Any]:
    """Busy, idle and parent figures from the chunk stamps."""
    end = marks["end"]
    first = min(r["start"] for r in rows)
    last = max(r["end"] for r in rows)
    workers: dict[int, dict[str, float]] = {}
    for r in sorted(rows, key=lambda r: r["start"]):
        w = workers.setdefault(
            r["pid"],
            {"busy": 0.0, "cpu": 0.0, "last": 0.0, "chunks": 0, "gaps": 0.0, "queue": 0.0},
        )
        if w["last"]:
            w["gaps"] += r["start"] - w["last"]  # sending the last result, waiting for work
        w["busy"] += r["end"] - r["start"]
        w["cpu"] += r["cpu"]
        w["queue"] += r["runqueue"]
        w["blocked"] = w.get("blocked", 0.0) + r["blocked"]
        w["last"] = max(w["last"], r["end"])
        w["chunks"] += 1
    threads = {
        name: round(cpu - threads_start.get(name, 0.0), 2)
        for name, cpu in marks["threads_end"].items()
        if cpu - threads_start.get(name, 0.0) > 0.01
    }
    times_end = marks["rusage_end"]
    steps: dict[str, float] = {}
    for r in rows:
        for step, seconds in r["steps"].items():
            steps[step] = round(steps.get(step, 0.0) + seconds, 2)
    out: dict[str, Any] = {
        "pages": sum(r["pages"] for r in rows),
        "chunks": len(rows),
        "lap_wall_s": round(end - start, 2),
        "first_chunk_start_s": round(first - start, 2),
        "last_chunk_end_s": round(last - start, 2),
        "after_last_chunk_s": round(end - last, 2),
        "timer_laps": dict(timer.laps),
        "workers": {
            str(pid): {
                "busy_s": round(w["busy"], 2),
                "cpu_s": round(w["cpu"], 2),
                "chunks": w["chunks"],
                "runqueue_wait_s": round(w["queue"], 2),
                "blocked_s": round(w["blocked"], 2),
                "gaps_between_chunks_s": round(w["gaps"], 2),
                "idle_tail_s": round(last - w["last"], 2),
                "busy_share_of_lap": round(w["busy"] / (end - start), 3),
            }
            for pid, w in workers.items()
        },
        "worker_steps_cpu_s": steps,
        "parent_cpu_s": round(
            (times_end.user - times_start.user) + (times_end.system - times_start.system), 2
        ),
        "parent_threads_cpu_s": threads,
        "uptime": Path("/proc/loadavg").read_text().split()[:3],
    }
    if rows and "pickle_bytes" in rows[0]:
        out["pickle_mib"] = round(sum(r["pickle_bytes"] for r in rows) / 2**20, 1)
        out["pickle_s"] = round(sum(r["pickle_s"] for r in rows), 2)
        out["unpickle_s"] = round(sum(r["unpickle_s"] for r in rows), 2)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--pickle", action="store_true", help="also time pickling each result")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--digest", action="store_true", help="hash the lap's output frames")
    args = parser.parse_args(argv)
    result = measure(args.corpus, args.pickle, args.digest)
    text = json.dumps(result, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
