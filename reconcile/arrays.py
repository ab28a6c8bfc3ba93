"""Whole-array helpers of the reconcile stage: groups as contiguous runs of sorted codes, and
dense codes for combinations of columns, so no step selects rows per group with pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd


def group_starts(sorted_codes: np.ndarray) -> np.ndarray:
    """Start positions of the runs of equal codes in a sorted array."""
    if len(sorted_codes) == 0:
        return np.empty(0, dtype=np.int64)
    return np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])


def group_cumsum(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Running sum that restarts at every group start (groups are contiguous)."""
    total = np.cumsum(values)
    before = np.r_[0, total[starts[1:] - 1]] if len(starts) else np.empty(0)
    return total - np.repeat(before, np.diff(np.r_[starts, len(values)]))


def first_per_group(mask: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Index of the first True position of every group (codes sorted, one True per group)."""
    hits = np.flatnonzero(mask)
    return hits[group_starts(codes[hits])]


def dense_rank(codes: np.ndarray) -> np.ndarray:
    """The rank of every integer among the distinct ones: `np.unique(..., return_inverse=True)`
    by hashing, which is several times faster than sorting every element."""
    return pd.factorize(codes, sort=True)[0].astype(np.int64)


def dense_codes(*columns: pd.Series) -> np.ndarray:
    """One dense code per distinct combination, ordered like the sorted combinations."""
    codes, size = np.zeros(len(columns[0]), dtype=np.int64), 1
    for column in columns:
        part, uniques = pd.factorize(column, sort=True, use_na_sentinel=False)
        if size * max(len(uniques), 1) >= 2**62:  # keep the mixed-radix code within int64
            codes = dense_rank(codes)
            size = int(codes.max(initial=0)) + 1
        codes, size = codes * max(len(uniques), 1) + part, size * max(len(uniques), 1)
    return dense_rank(codes)


def factorize_runs(column: pd.Series, *, sort: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """`pd.factorize(column, sort=sort)` with the uniques as an object array, hashing only the
    first value of each run of equal neighbours: a page's rows come together, so a source
    column of a million rows holds a few thousand runs of long, costly-to-hash names."""
    values = column.to_numpy(dtype=object)
    if len(values) == 0:
        codes, uniques = pd.factorize(values, sort=sort)
        return codes, np.asarray(uniques, dtype=object)
    head = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
    codes, uniques = pd.factorize(values[head], sort=sort)
    return np.repeat(codes, np.diff(np.r_[head, len(values)])), np.asarray(uniques, dtype=object)
