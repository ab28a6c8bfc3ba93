"""The source reliability's rounds summed on the workers (issue 19): each round's per-source
counts (agreeing, compared) are added by a tree of small tasks, and the updated reliability is
computed where the sum is, so the client gathers one float a round (how far the reliability
moved) instead of two per-source vectors per partition.

The counts are whole numbers held as floats (`reconcile.partitioned.partition_round` counts
0/1 agreements), so any order of addition gives the same sums, bit for bit: the reliability,
the iterations and the convergence are those of `reconcile.partitioned.iterate_reliability`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from crosscheck.dask_shuffle import Runner
from crosscheck.reconcile.partitioned import PartitionRound

#: Partial sums a reduction task adds: the tree is ceil(log_FAN(partitions)) tasks deep.
FAN = 4


def tree_sum(runner: Runner, items: Sequence[Any], leaf: Callable[..., Any], fan: int = FAN) -> Any:
    """One handle on the element-wise sum of `leaf(item)` over `items` (each leaf a tuple of
    arrays), added on the runner by tasks of at most `fan` operands, never gathered here."""
    level = [runner.submit(leaf, *items[i : i + fan]) for i in range(0, len(items), fan)]
    while len(level) > 1:
        level = [runner.submit(add, *level[i : i + fan]) for i in range(0, len(level), fan)]
    return level[0]


def round_sum(*rounds: PartitionRound) -> tuple[np.ndarray, ...]:
    """A leaf of a round's tree: the partitions' agreeing and compared counts added."""
    return add(*((r.agreeing, r.compared) for r in rounds))


def add(*sums: tuple[Any, ...]) -> tuple[Any, ...]:
    """Element-wise sum of tuples of arrays (exact: the counts are whole numbers)."""
    return tuple(np.sum(column, axis=0) for column in zip(*sums, strict=True))


def update(
    summed: tuple[np.ndarray, ...], reliability: np.ndarray, truth: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """`iterate_reliability`'s step on a worker: the updated reliability from the summed
    counts, the counts, and how far the reliability moved (the only value the client reads
    between rounds)."""
    agreeing, compared = summed
    updated = (agreeing + truth.prior_alpha) / (compared + truth.prior_alpha + truth.prior_beta)
    return updated, agreeing, compared, float(np.max(np.abs(updated - reliability), initial=0.0))


def _moved(step: tuple[np.ndarray, np.ndarray, np.ndarray, float]) -> float:
    return step[3]


def _reliability(step: tuple[np.ndarray, np.ndarray, np.ndarray, float]) -> np.ndarray:
    return step[0]


def _counts(step: tuple[np.ndarray, np.ndarray, np.ndarray, float]) -> tuple[np.ndarray, ...]:
    return step[0], step[1], step[2]


def iterate_on_workers(
    runner: Runner,
    bound: list[Any],
    n_src: int,
    truth: Any,
    partition_round: Callable[[Any, np.ndarray], PartitionRound],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[Any]]:
    """`reconcile.partitioned.iterate_reliability` with the sums and the update on the runner:
    the final reliability, agreeing and compared per source, and the last round's handles
    (one per partition of `bound`, for the consensus frames)."""
    step, rounds = iterate_kept(runner, bound, n_src, truth, partition_round)
    updated, agreeing, compared = runner.gather([runner.submit(_counts, step)])[0]
    return updated, agreeing, compared, rounds


def iterate_kept(
    runner: Runner,
    bound: list[Any],
    n_src: int,
    truth: Any,
    partition_round: Callable[[Any, np.ndarray], PartitionRound],
) -> tuple[Any, list[Any]]:
    """`iterate_on_workers` without the last gather: a handle on the final step (reliability,
    agreeing, compared per source, how far it moved: `update`'s tuple), left on the runner for
    the task that builds the reliability frame there, and the last round's handles."""
    reliability: Any = runner.put(np.full(n_src, truth.prior_mean))
    converged, iterations = False, 0
    while True:
        rounds = [runner.submit(partition_round, b, reliability) for b in bound]
        step = runner.submit(update, tree_sum(runner, rounds, round_sum), reliability, truth)
        if converged or iterations >= truth.max_iterations:
            break
        iterations += 1
        converged = runner.gather([runner.submit(_moved, step)])[0] <= truth.tolerance
        reliability = runner.submit(_reliability, step)
    return step, rounds


__all__ = ["FAN", "add", "iterate_kept", "iterate_on_workers", "round_sum", "tree_sum", "update"]
