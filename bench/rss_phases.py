"""Which phase of a run holds the client's peak memory: a `crosscheck run` sampled every
`--every` seconds (VmRSS of the client process only, not its workers or scheduler). The run
logs `fetch` once the last batch is parsed, the analysis's other stages together when it is
over, then `load`: a sample counts in the phase of the next line logged (`PHASES`).

Usage: python bench/rss_phases.py CORPUS [--engine dask] [--workers 2] [--out DIR] [--trace F]
Prints one JSON line: the peak RSS (MiB) per stage and over the run, with the load average.
`--trace F` appends a JSON line to F every `--trace-every` seconds while the run lasts (its
RSS, peak so far, stages ended, load average), so a run stopped before its end still says
what it reached.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def rss_mib(pid: int, field: str = "VmRSS") -> float | None:
    """The process's resident set (MiB; `VmHWM`: its peak so far), or None once it exited."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return None


def sampled_run(
    argv: list[str],
    every: float,
    workers: int,
    trace: Path | None = None,
    trace_every: float = 30.0,
) -> dict[str, object]:
    """Run the CLI in a child, sample its RSS and note when each stage ends (its log line);
    with `trace`, append what the run reached so far to that file every `trace_every` s."""
    command = [sys.executable, "-m", "crosscheck", *argv, "--log-format", "json"]
    env = {**os.environ, "CROSSCHECK_WORKERS": str(workers)}
    child = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    ends: list[tuple[float, str]] = []
    tail: deque[str] = deque(maxlen=3)  # what a failed run said last (its error line)

    def read_stages() -> None:
        assert child.stderr is not None
        for line in child.stderr:
            if line.startswith("crosscheck"):
                tail.append(line.strip())
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and record.get("stage"):
                ends.append((time.monotonic(), str(record["stage"])))

    reader = threading.Thread(target=read_stages, daemon=True)
    reader.start()
    samples: list[tuple[float, float]] = []
    anon: list[tuple[float, float]] = []  # RssAnon: without the libraries' file pages
    started, high = time.monotonic(), 0.0
    traced = started
    while child.poll() is None:
        rss, hwm = rss_mib(child.pid), rss_mib(child.pid, "VmHWM")
        own = rss_mib(child.pid, "RssAnon")
        if rss is not None:
            samples.append((time.monotonic(), rss))
        if own is not None:
            anon.append((time.monotonic(), own))
        high = max(high, hwm or 0.0)
        if trace is not None and time.monotonic() - traced >= trace_every:
            traced = time.monotonic()
            ended = [name for _, name in ends]
            _trace(trace, child.pid, traced - started, rss, high, ended, own)
        time.sleep(every)
    reader.join(timeout=5)
    peaks, firsts = _by_phase(samples, ends)
    anon_peaks, anon_firsts = _by_phase(anon, ends)
    return {
        "exit": child.returncode,
        "wall_s": round(time.monotonic() - started, 1),
        "peak_mib": round(max((r for _, r in samples), default=0.0), 1),
        "hwm_mib": round(high, 1),  # the kernel's peak: between samples too
        "stage_peak_mib": peaks,
        "stage_first_mib": firsts,
        "stage_order": [name for _, name in ends],
        # RssAnon, the client's own memory: VmRSS also counts the file pages of the libraries
        # it maps (~45-90 MiB), which vary with what the page cache holds (a copied venv's
        # libraries: 9 MiB less RssFile right after the imports, the same RssAnon)
        "anon_peak_mib": round(max((r for _, r in anon), default=0.0), 1),
        "stage_anon_peak_mib": anon_peaks,
        "stage_anon_first_mib": anon_firsts,
        **({"error_lines": list(tail)} if child.returncode not in (0, 1) else {}),
    }


def _by_phase(
    samples: list[tuple[float, float]], ends: list[tuple[float, str]]
) -> tuple[dict[str, float], dict[str, float]]:
    """Each phase's peak sample and first sample (the level it starts from)."""
    peaks: dict[str, float] = {}
    firsts: dict[str, float] = {}
    for at, value in samples:
        position = next((i for i, (end, _) in enumerate(ends) if end >= at), len(ends))
        phase = _phase(ends[position][1] if position < len(ends) else "after", position)
        peaks[phase] = max(peaks.get(phase, 0.0), round(value, 1))
        firsts.setdefault(phase, round(value, 1))
    return peaks, firsts


def _trace(
    path: Path,
    pid: int,
    elapsed: float,
    rss: float | None,
    high: float,
    ended: list[str],
    anon: float | None = None,
) -> None:
    """One line of a run in progress: where it is and the client's memory so far."""
    line = {
        "pid": pid, "elapsed_s": round(elapsed, 1), "rss_mib": rss, "hwm_mib": round(high, 1),
        "anon_mib": anon,
        "stages_ended": ended, "loadavg": [round(x, 2) for x in os.getloadavg()],
    }  # fmt: skip
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")


#: The phase of the samples taken before the n-th line logged (by position; then by name).
PHASES = ("startup, fetch, parse", "checks, reconcile, lake")


def _phase(stage: str, position: int) -> str:
    return PHASES[position] if position < len(PHASES) and stage != "load" else stage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--engine", default="dask")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--every", type=float, default=0.25)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--trace", type=Path, default=None)
    parser.add_argument("--trace-every", type=float, default=30.0)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)  # a new --out folder, not a traceback
    with tempfile.TemporaryDirectory(dir=args.out) as work:
        run = ["run", str(args.corpus.resolve()), "--db", f"{work}/run.duckdb"]
        run += ["--snapshots", f"{work}/snap", "--no-validate", "--engine", args.engine]
        load_before = [round(x, 2) for x in os.getloadavg()]
        result = sampled_run(run, args.every, args.workers, args.trace, args.trace_every)
    record = {"corpus": str(args.corpus), "engine": args.engine, **result}
    record["loadavg_before"] = load_before
    record["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(record))
    return 0 if result["exit"] in (0, 1) else 1


if __name__ == "__main__":
    raise SystemExit(main())
