"""The memory sampler of `bench.run`, in a process of its own.

Why: reading a process's PSS (/proc/PID/smaps_rollup) walks its page tables, ~26 ms of CPU
a sample at 1 GiB; a thread of the measured process reading the tree's PSS every 50 ms took
~9 s of CPU in a 2,000-page run (a third of the workers' CPU) on the two cores the workers
parse on, and held the GIL against the parent's result thread. Here, while the pool's
workers are alive (the parse lap: both cores busy, and not where the run peaks), the tree
is sampled every `LAP_INTERVAL_S`; with the measured process alone (checks, reconcile,
load, report: one core idle) every INTERVAL_S (50 ms), as before. The
sampler's own process (a fresh interpreter, sharing no page with the run) is left out of
the tree. The parent talks to it over its stdin and stdout, one line each: `pause` /
`resume` (acknowledged with `ok`, so no sample falls inside a paused span), `sample` (one
now, acknowledged once taken) and `stop` (answered with the peaks as JSON).

    python -m bench.tree_memory ROOT_PID INTERVAL_S
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from typing import Any


def tree(pid: int) -> list[int]:
    """`pid` and every descendant (Linux /proc)."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for tid in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{tid}/children", encoding="ascii") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return pids


def kib(pid: int, path: str, key: str) -> float:
    """The `key` line of /proc/PID/`path` in KiB (0 when the process is gone)."""
    try:
        with open(f"/proc/{pid}/{path}", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key):
                    return float(line.split()[1])
    except OSError:
        pass
    return 0.0


LAP_INTERVAL_S = 1.0  # between samples while the tree has workers (~0.04 of a core)


class Peaks:
    """The highest tree PSS and RSS, the root's own RSS and the most processes seen."""

    def __init__(self, root: int, skip: int) -> None:
        self.root, self.skip = root, skip
        self.pss = self.rss = self.self_rss = 0.0
        self.processes = 1
        self.pss_reads = 0
        # CPU seconds of samples taken while the workers were alive (competing with them)
        self.cpu_with_workers, self._cpu = 0.0, time.process_time()

    def sample(self) -> int:
        """One sample of the tree; returns how many processes it has (the sampler's not
        counted)."""
        pids = [p for p in tree(self.root) if p != self.skip]
        self.self_rss = max(self.self_rss, kib(self.root, "status", "VmRSS:") / 1024)
        self.rss = max(self.rss, sum(kib(p, "status", "VmRSS:") for p in pids) / 1024)
        self.pss = max(self.pss, sum(kib(p, "smaps_rollup", "Pss:") for p in pids) / 1024)
        self.processes = max(self.processes, len(pids))
        self.pss_reads += 1
        spent = time.process_time()
        self.cpu_with_workers += (spent - self._cpu) if len(pids) > 1 else 0.0
        self._cpu = spent
        return len(pids)


class SampledTree:
    """The measured process's side: starts the sampler on itself and its descendants; the
    figures (`peak_pss`, `peak_rss`, `peak_self_rss`, `peak_processes`, `cpu_s`, MiB and
    seconds) are there once `stop` returned. Setting `paused` waits for the sampler's
    acknowledgement."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak_pss = self.peak_rss = self.peak_self_rss = self.cpu_s = 0.0
        self.cpu_with_workers_s = 0.0
        self.peak_processes = self.pss_reads = 1
        self._paused = False
        self._process: subprocess.Popen[str] | None = None

    def start(self) -> SampledTree:
        command = [sys.executable, "-m", "bench.tree_memory", str(os.getpid()), str(self.interval)]
        here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        self._process = subprocess.Popen(
            command, cwd=here, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self._answer()  # its first sample is taken
        return self

    def _answer(self) -> str:
        assert self._process is not None and self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError("the memory sampler ended early")
        return line.strip()

    def _tell(self, command: str) -> str:
        assert self._process is not None and self._process.stdin is not None
        self._process.stdin.write(command + "\n")
        self._process.stdin.flush()
        return self._answer()

    def sample(self) -> None:
        """One sample now (answered once taken), between the sampler's own."""
        self._tell("sample")

    @property
    def paused(self) -> bool:
        return self._paused

    @paused.setter
    def paused(self, value: bool) -> None:
        if value != self._paused:
            self._tell("pause" if value else "resume")
            self._paused = value

    def stop(self) -> None:
        figures: dict[str, Any] = json.loads(self._tell("stop"))
        assert self._process is not None
        self._process.wait()
        self.peak_pss, self.peak_rss = figures["peak_pss"], figures["peak_rss"]
        self.peak_self_rss, self.cpu_s = figures["peak_self_rss"], figures["cpu_s"]
        self.peak_processes, self.pss_reads = figures["peak_processes"], figures["pss_reads"]
        self.cpu_with_workers_s = figures["cpu_with_workers_s"]


def main(argv: list[str]) -> int:
    root, interval = int(argv[0]), float(argv[1])
    peaks, paused = Peaks(root, os.getpid()), False
    processes = peaks.sample()
    print("ok", flush=True)
    while True:
        wait = interval if processes == 1 else max(interval, LAP_INTERVAL_S)
        ready, _, _ = select.select([sys.stdin], [], [], wait)
        if ready:
            command = sys.stdin.readline().strip()
            if command in ("stop", ""):
                peaks.sample()
                figures = {
                    "peak_pss": peaks.pss,
                    "peak_rss": peaks.rss,
                    "peak_self_rss": peaks.self_rss,
                    "peak_processes": peaks.processes,
                    "cpu_s": time.process_time(),
                    "pss_reads": peaks.pss_reads,
                    "cpu_with_workers_s": peaks.cpu_with_workers,
                }
                print(json.dumps(figures), flush=True)
                return 0
            if command == "sample":
                processes = peaks.sample()
            else:
                paused = command == "pause"
            print("ok", flush=True)
        elif not paused:
            processes = peaks.sample()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
