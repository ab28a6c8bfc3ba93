"""Parse and normalize on every core without changing results.

Work is cut into contiguous chunks and the chunks' results are put back in input order, so a
parallel run produces exactly the frames a serial one does. Workers are forked: they inherit
the imported modules and the loaded vocabulary instead of paying for them again; they touch no
database. Small batches stay in-process, where a pool would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS_PER_WORKER = 40  # below this a pool's start-up costs more than it saves


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


def map_chunks(
    function: Callable[[Sequence[T]], R],
    items: Sequence[T],
    workers: int,
    *,
    per_worker: int = 4,
    on_chunk: Callable[[int], None] | None = None,
) -> list[R]:
    """`function` over chunks of `items`, results in input order; in-process when small.
    `on_chunk(done)` is told how many items are finished after each chunk."""
    if not len(items):
        return []
    if workers <= 1 or len(items) < MIN_ITEMS_PER_WORKER * 2:
        chunks = chunked(items, per_worker)
        results = []
        for chunk, done in zip(chunks, _running_totals(chunks), strict=True):
            results.append(function(chunk))
            if on_chunk:
                on_chunk(done)
        return results
    chunks = chunked(items, workers * per_worker)
    context = multiprocessing.get_context("fork")
    results = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for result, done in zip(pool.map(function, chunks), _running_totals(chunks), strict=True):
            results.append(result)
            if on_chunk:
                on_chunk(done)
    return results


def _running_totals(chunks: list[Sequence[T]]) -> list[int]:
    totals, done = [], 0
    for chunk in chunks:
        done += len(chunk)
        totals.append(done)
    return totals
