"""The array helpers are drop-in replacements for the pandas/numpy calls they speed up."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from crosscheck.reconcile.arrays import dense_rank, factorize_runs


@pytest.mark.parametrize("sort", [True, False])
def test_factorize_runs_matches_factorize(sort: bool) -> None:
    rng = np.random.default_rng(3)
    names = np.array(["b.html", "a.html", "c.md", None, "a.html "], dtype=object)
    runs = np.repeat(names[rng.integers(0, len(names), 60)], rng.integers(1, 5, 60))
    for values in (runs, rng.permutation(runs), runs[:0]):
        column = pd.Series(values).astype(str)
        codes, uniques = factorize_runs(column, sort=sort)
        expected, expected_uniques = pd.factorize(column, sort=sort)
        assert np.array_equal(codes, expected)
        assert list(uniques) == list(expected_uniques)


def test_dense_rank_matches_unique_inverse() -> None:
    codes = np.random.default_rng(5).integers(-(2**40), 2**40, 500)[np.r_[0:500, 0:100]]
    expected = np.unique(codes, return_inverse=True)[1]
    assert np.array_equal(dense_rank(codes), expected)
    assert dense_rank(codes).dtype == np.int64
