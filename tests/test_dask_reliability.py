"""The source reliability summed and updated on the workers (crosscheck.dask_reliability) gives
the client's loop's results (reconcile.partitioned.iterate_reliability) bit for bit: the same
reliability, counts and rounds, whatever the number of partitions and the tree's fan."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from crosscheck.reconcile.partitioned import iterate_reliability
from crosscheck.reconcile.truth import TruthConfig

from crosscheck.dask_reliability import add, iterate_on_workers, tree_sum
from crosscheck.dask_shuffle import InProcess


@dataclass
class FakeRound:
    """What `round_sum` reads of a partition's round."""

    agreeing: np.ndarray
    compared: np.ndarray


@dataclass
class FakePartition:
    """A partition whose votes depend on the reliability (as real rounds do): source s agrees
    on a claim when its reliability beats the claim's threshold."""

    src: np.ndarray
    threshold: np.ndarray


def fake_round(part: FakePartition, reliability: np.ndarray) -> FakeRound:
    agree = (reliability[part.src] > part.threshold).astype(float)
    n = len(reliability)
    return FakeRound(
        np.bincount(part.src, weights=agree, minlength=n),
        np.bincount(part.src, minlength=n).astype(float),
    )


class Counting(InProcess):
    """InProcess that counts the values handed back to the client."""

    gathered: int = 0

    def gather(self, handles):  # type: ignore[no-untyped-def]
        self.gathered += len(handles)
        return list(handles)


def partitions(n_parts: int, n_src: int = 40, seed: int = 3) -> list[FakePartition]:
    rng = np.random.default_rng(seed)
    return [
        FakePartition(rng.integers(0, n_src, 300), rng.uniform(0.5, 0.8, 300))
        for _ in range(n_parts)
    ]


@pytest.mark.parametrize("n_parts", [1, 3, 4, 5, 17])
def test_the_workers_loop_equals_the_clients(n_parts: int) -> None:
    parts, truth, n_src = partitions(n_parts), TruthConfig(), 40
    last: list[FakeRound] = []

    def run_round(reliability: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        last[:] = [fake_round(p, reliability) for p in parts]
        return [(r.agreeing, r.compared) for r in last]

    want = iterate_reliability(run_round, n_src, truth)
    runner = Counting(partitions=n_parts)
    got = iterate_on_workers(runner, parts, n_src, truth, fake_round)
    for g, w in zip(got[:3], want[:3], strict=True):
        assert np.array_equal(g, w)
    assert want[3] >= 2  # the loop iterated: the reliability moved between rounds
    # the last round's handles are the client loop's last round
    assert [r.agreeing.tolist() for r in got[3]] == [r.agreeing.tolist() for r in last]
    # one float a round and the final counts: never a vector per partition
    assert runner.gathered == want[3] + 1


@pytest.mark.parametrize("fan", [2, 3, 4])
def test_tree_sum_adds_every_leaf(fan: int) -> None:
    rng = np.random.default_rng(0)
    items = [(rng.integers(0, 9, 6).astype(float), rng.integers(0, 9, 6)) for _ in range(11)]
    got = tree_sum(InProcess(), items, add, fan)
    assert np.array_equal(got[0], np.sum([i[0] for i in items], axis=0))
    assert np.array_equal(got[1], np.sum([i[1] for i in items], axis=0))
