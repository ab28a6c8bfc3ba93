"""The memory figures of a benchmark measurement (bench.run): this process's and its children's
peak RSS, and the peak PSS of the whole process tree sampled by a thread (the sampler in a
process of its own is bench.tree_memory).
"""

from __future__ import annotations

import os
import resource
import time

from bench.tree_memory import SampledTree, kib, tree


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def _children_rss_mib() -> float:
    """ru_maxrss of the largest waited-for child (a pool worker of the pipeline)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0


SAMPLER_ENV = "CROSSCHECK_BENCH_SAMPLER"


def _sampler() -> SampledTree | TreeMemory:
    """The run's memory sampler: a process of its own (bench.tree_memory), or with
    `SAMPLER_ENV=thread` a thread of this process (the method before 2026-12-05's ninth
    session, whose CPU competed with the workers: `memory_sampler_cpu_s`)."""
    if os.environ.get(SAMPLER_ENV) == "thread":
        return TreeMemory()
    return SampledTree()


class TreeMemory:
    """Peak memory of this process and every descendant (the pipeline's pool workers).

    ru_maxrss sees one process; with forked workers the memory in use is the sum over the
    tree. Sampled every `interval` s from /proc: PSS (shared pages split between the processes
    that share them, so forked copies are not counted twice) and RSS (an upper bound).
    """

    def __init__(self, interval: float = 0.05):
        import threading

        self.interval = interval
        self.peak_pss = 0.0
        self.peak_rss = 0.0
        self.peak_processes = 1
        self.peak_self_rss = 0.0  # this process alone, sampled like the tree
        self.cpu_s = 0.0  # CPU seconds of the sampling thread
        self.cpu_with_workers_s = 0.0  # of them, in samples that found the pool's workers
        self.paused = False  # bench work (scoring) is not the run's memory
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> TreeMemory:
        self.sample()
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()
        self.cpu_s = time.thread_time()

    def sample(self) -> None:
        if self.paused:
            return
        started = time.thread_time()
        pids = tree(os.getpid())
        self.peak_self_rss = max(self.peak_self_rss, kib(pids[0], "status", "VmRSS:") / 1024)
        pss = sum(kib(p, "smaps_rollup", "Pss:") for p in pids) / 1024.0
        rss = sum(kib(p, "status", "VmRSS:") for p in pids) / 1024.0
        self.peak_pss = max(self.peak_pss, pss)
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_processes = max(self.peak_processes, len(pids))
        if len(pids) > 1:
            self.cpu_with_workers_s += time.thread_time() - started
