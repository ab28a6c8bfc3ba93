"""The Dask engine's partitions and shuffles: where partition tasks run (`Runner`: in this
process, or on a Dask cluster: crosscheck.engines.DaskRunner), the stable hash that cuts a frame
into partitions, and the re-cut of partitions already on the runner by another column, worker to
worker. Shared by the partitioned checks (crosscheck.dask_checks) and reconcile
(crosscheck.dask_reconcile), the copies, the lake and the held facts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import pandas as pd


class Runner(Protocol):
    """Where partition tasks run. `submit` returns a handle that later tasks may take as an
    argument (a Dask future, or the value itself in-process); `gather` turns handles into
    values in this process."""

    partitions: int

    def submit(self, function: Callable[..., Any], *args: Any) -> Any: ...

    def gather(self, handles: Sequence[Any]) -> list[Any]: ...

    def put(self, value: Any) -> Any: ...


@dataclass
class InProcess:
    """Runs every task at once in this process (the reference the tests compare against)."""

    partitions: int = 4

    def submit(self, function: Callable[..., Any], *args: Any) -> Any:
        return function(*args)

    def gather(self, handles: Sequence[Any]) -> list[Any]:
        return list(handles)

    def put(self, value: Any) -> Any:
        return value


def buckets(values: pd.Series, n: int) -> np.ndarray:
    """A stable partition number per row (the same in every process and run: siphash with a
    fixed key, never Python's salted `hash`)."""
    texts = values.astype(object).where(values.notna(), "").astype(str).to_numpy(dtype=object)
    return (pd.util.hash_array(texts) % np.uint64(n)).astype(np.int64)


def split(frame: pd.DataFrame, column: str, n: int) -> Iterator[pd.DataFrame]:
    """`frame` cut into `n` partitions by `column`, one at a time (each is handed to the
    runner and dropped here before the next is cut, so the client never holds a second copy
    of every fact). Each keeps its rows' index: `reshuffle` restores the order from it."""
    part = buckets(frame[column], n)
    for i in range(n):
        yield frame[part == i]


def cut_part(frame: pd.DataFrame, column: str, n: int) -> list[pd.DataFrame]:
    """Map side of a shuffle (on a worker): one partition's rows by bucket of `column` (an
    empty partition: itself for every bucket)."""
    if frame.empty:
        return [frame] * n
    return list(split(frame, column, n))


def piece_of(cut: list[pd.DataFrame], i: int) -> pd.DataFrame:
    """One bucket's piece of a partition's cut (`cut_part`)."""
    return cut[i]


def combine(*pieces: pd.DataFrame) -> pd.DataFrame:
    """Reduce side: one bucket's rows from every partition, in the order of the frame they
    were cut from (their index, which they keep)."""
    present = [p for p in pieces if len(p)]
    if not present:
        return pieces[0]
    return pd.concat(present).sort_index(kind="stable")


def reshuffle(runner: Runner, parts: list[Any], column: str, n: int | None = None) -> list[Any]:
    """Partitions already on the runner re-cut by another column, worker to worker (the
    client sends nothing): each partition is cut by bucket, each bucket gathers its pieces.
    Row order within a bucket is the original frame's, so results do not depend on the cut;
    `n` buckets (default: the runner's partitions)."""
    n = runner.partitions if n is None else n
    cuts = [runner.submit(cut_part, part, column, n) for part in parts]
    return [
        runner.submit(combine, *(runner.submit(piece_of, cut, i) for cut in cuts)) for i in range(n)
    ]


@contextlib.contextmanager
def first(runner: Runner) -> Iterator[None]:
    """Tasks submitted in the block run before the other tasks ready on the same worker (a
    runner with a `priority`: crosscheck.engines.DaskRunner; elsewhere nothing changes)."""
    before = getattr(runner, "priority", None)
    if before is None:
        yield
        return
    runner.priority = before + 1  # type: ignore[attr-defined]
    try:
        yield
    finally:
        runner.priority = before  # type: ignore[attr-defined]


__all__ = [
    "InProcess", "Runner", "buckets", "combine", "cut_part", "first", "piece_of", "reshuffle",
    "split",
]  # fmt: skip
