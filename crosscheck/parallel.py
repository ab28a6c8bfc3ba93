"""Parse and normalize on every core without changing results.

Work is cut into contiguous chunks and the chunks' results are put back in input order, so a
parallel run produces exactly the frames a serial one does. One :class:`WorkerPool` serves a
whole run: its workers are forked once, at the start, while the parent is still small, so they
inherit the imported modules without paying for them again and a later batch does not pay for
a fork of a parent that by then holds every earlier batch's frames. Workers touch no database.
Small inputs stay in-process, where shipping them would cost more than it saves.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from types import TracebackType
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS_PER_WORKER = 40  # below this, shipping items to workers costs more than it saves


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not every platform has affinity
        return max(1, os.cpu_count() or 1)


def chunked(items: Sequence[T], parts: int) -> list[Sequence[T]]:
    """`items` cut into at most `parts` contiguous, nearly equal chunks (order kept)."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    chunks, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        chunks.append(items[start:end])
        start = end
    return chunks


# A worker allocates millions of short-lived objects (parse trees, claim rows, per-key
# answers); with CPython's default generation-0 threshold (700) the cycle collector ran so
# often that it took ~10% of a worker's CPU. Workers live for one run, so they collect
# generation 0 every this many allocations instead.
WORKER_GC_THRESHOLD = 50_000


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WATCHDOG_PERIOD_S = 1.0


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive its run: killed with -9 or SIGTERM, the parent cannot stop
    its workers, so each asks the kernel for SIGKILL when the parent goes (Linux), and a
    watchdog thread exits when the parent pid changes (other systems, and a parent that died
    before the request was made)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            threading.Event().wait(WATCHDOG_PERIOD_S)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="crosscheck-parent-watchdog", daemon=True).start()


def _start_worker(
    parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]
) -> None:
    """A forked worker's set-up: it dies with its parent; Ctrl-C is the parent's to handle
    (the terminal sends SIGINT to every process of the group; the parent stops the workers)
    and SIGTERM kills it outright (not the parent's handler, inherited through the fork);
    what it inherited is frozen (never scanned by the collector again), the collector runs
    less often, then the pool's initializer."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(WORKER_GC_THRESHOLD, older, oldest)
    if initializer is not None:
        initializer(*initargs)


class WorkerPool:
    """A pool of forked workers kept for one run (a context manager); in-process when
    `workers` is 1. Forking happens on the first call that needs the workers."""

    #: Batches the pipeline keeps handed to the workers while it collects the oldest: one
    #: more than that one lets the workers parse the next batch meanwhile (a free worker
    #: takes the next chunk from the executor's shared queue).
    parse_ahead = 1
    #: Chunks per worker of the run's last batch (crosscheck.batches.start_batch): smaller
    #: chunks at the end, so one worker does not idle while the other ends a large one.
    tail_chunks_per_worker = 4

    def __init__(
        self,
        workers: int,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        """`initializer(*initargs)` runs once in every worker, and once here at once, since
        small inputs run in this process."""
        self.workers = max(1, workers)
        self._executor: Executor | None = None
        self._initializer, self._initargs = initializer, initargs
        if initializer is not None:
            initializer(*initargs)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close(abort=error is not None)

    def start(self) -> WorkerPool:
        """Fork the workers now (call it early, while the parent process is small)."""
        if self.workers > 1 and self._executor is None:
            context = multiprocessing.get_context("fork")
            executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=_start_worker,
                initargs=(os.getpid(), self._initializer, self._initargs),
            )
            # ProcessPoolExecutor forks lazily; one no-op per worker makes them exist now.
            list(executor.map(_no_op, range(self.workers)))
            self._executor = executor
        return self

    def close(self, abort: bool = False) -> None:
        """Shut the workers down; with `abort` (the run is failing or interrupted), stop them
        at once instead of letting them finish the chunks they hold."""
        if self._executor is None:
            return
        executor, self._executor = self._executor, None
        if abort:
            for process in list(getattr(executor, "_processes", {}).values()):
                with contextlib.suppress(OSError, ValueError):
                    process.kill()
        executor.shutdown(wait=True, cancel_futures=True)

    def submit(self, function: Callable[..., R], *args: Any) -> Future[R]:
        """`function(*args)` on a worker (forking them now if need be); the arguments are
        pickled to it and the result back."""
        executor = self.start()._executor
        if executor is None:  # one worker: run here, the result wrapped as a done future
            done: Future[R] = Future()
            done.set_result(function(*args))
            return done
        return executor.submit(function, *args)

    def submit_chunks(
        self, function: Callable[[Sequence[T]], R], items: Sequence[T], *, per_worker: int = 4
    ) -> PendingChunks[R]:
        """Hand chunks of `items` to the workers and return at once; small inputs (or one
        worker) run in-process when collected, so results never depend on the pool."""
        if self.workers <= 1 or len(items) < MIN_ITEMS_PER_WORKER * 2:
            return PendingChunks(function, chunked(items, per_worker) if len(items) else [])
        executor = self.start()._executor
        assert executor is not None
        chunks = chunked(items, self.workers * per_worker)
        return PendingChunks(function, chunks, [executor.submit(function, c) for c in chunks])

    def map_chunks(
        self,
        function: Callable[[Sequence[T]], R],
        items: Sequence[T],
        *,
        per_worker: int = 4,
        on_chunk: Callable[[int], None] | None = None,
    ) -> list[R]:
        """`function` over chunks of `items`, results in input order; in-process when small.
        `on_chunk(done)` is told how many items are finished after each chunk."""
        return self.submit_chunks(function, items, per_worker=per_worker).collect(on_chunk)


class PendingChunks(Generic[R]):
    """Chunks handed to the workers (or waiting to run in-process): `collect` returns their
    results in input order, waiting where a worker is not done yet."""

    def __init__(
        self,
        function: Callable[[Sequence[Any]], R],
        chunks: list[Sequence[Any]],
        futures: list[Future[R]] | None = None,
    ) -> None:
        self._function = function
        self._totals = _running_totals(chunks)
        # Chunks already handed to workers are not kept here: a batch of page texts should be
        # freed as soon as the workers are done with it, not when its results are collected.
        self._chunks = chunks if futures is None else []
        self._futures = futures

    def collect(self, on_chunk: Callable[[int], None] | None = None) -> list[R]:
        results: list[R] = []
        for index, done in enumerate(self._totals):
            if self._futures is None:
                results.append(self._function(self._chunks[index]))
            else:
                results.append(self._futures[index].result())
            if on_chunk:
                on_chunk(done)
        self._chunks, self._futures = [], None if self._futures is None else []
        return results


def _no_op(index: int) -> int:
    return index


def _running_totals(chunks: list[Sequence[Any]]) -> list[int]:
    totals, done = [], 0
    for chunk in chunks:
        done += len(chunk)
        totals.append(done)
    return totals
