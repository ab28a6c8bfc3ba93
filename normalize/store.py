"""Per-key answers kept as growing numpy columns, so a batch reads them with one array take.

The normalizer decides each distinct value text, label and metric match once per process;
storing the answers column-wise (rather than as one Python object per key) lets a batch of
thousands of claims gather every field with integer ids instead of a Python call per claim.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from itertools import repeat
from typing import Any

import numpy as np

__all__ = ["ColumnStore", "as_columns"]

_FIRST_CAPACITY = 1024


class ColumnStore:
    """Rows of answers found by key; columns are numpy arrays (float, bool or object)."""

    def __init__(self, columns: dict[str, Any]) -> None:
        self._dtypes = dict(columns)
        self._index: dict[Hashable, dict[Hashable, int]] = {}
        self._size = 0
        self._columns = {name: np.empty(_FIRST_CAPACITY, dtype) for name, dtype in columns.items()}

    def __len__(self) -> int:
        """How many rows are stored."""
        return self._size

    def clear(self) -> None:
        """Forget every row (the caller bounds memory on very long runs)."""
        self._index.clear()
        self._size = 0

    def ids(
        self,
        groups: list[tuple[Hashable, list[Hashable]]],
        compute: Callable[[list[tuple[Any, Any]]], dict[str, Any]],
    ) -> list[np.ndarray]:
        """Row ids of each group's distinct keys (keys are found per group, so a batch's
        keys need no tuple each). Rows for every unseen (group, key) pair come from one
        `compute(pairs)` call, column by column (a sequence per column)."""
        found: list[np.ndarray] = []
        missing: list[tuple[int, int]] = []
        for number, (group, keys) in enumerate(groups):
            index = self._index.get(group)
            if index is None:
                index = self._index[group] = {}
            ids = np.fromiter(map(index.get, keys, repeat(-1)), np.intp, len(keys))
            found.append(ids)
            missing.extend((number, at) for at in np.flatnonzero(ids < 0).tolist())
        if missing:
            pairs = [(groups[number][0], groups[number][1][at]) for number, at in missing]
            start = self._append(compute(pairs), len(pairs))
            for row, ((number, at), (group, key)) in enumerate(
                zip(missing, pairs, strict=True), start
            ):
                self._index[group][key] = row
                found[number][at] = row
        return found

    def column(self, name: str) -> np.ndarray:
        """The stored values of one column (a view: index it with ids, do not keep it)."""
        return self._columns[name][: self._size]

    def _append(self, columns: dict[str, Any], count: int) -> int:
        start, end = self._size, self._size + count
        capacity = len(next(iter(self._columns.values())))
        if end > capacity:
            while capacity < end:
                capacity *= 2
            for name, old in self._columns.items():
                grown = np.empty(capacity, self._dtypes[name])
                grown[:start] = old[:start]
                self._columns[name] = grown
        if columns.keys() != self._columns.keys():
            raise ValueError(f"expected columns {list(self._columns)}, got {list(columns)}")
        for name, column in self._columns.items():
            column[start:end] = columns[name]
        self._size = end
        return start


def as_columns(rows: list[tuple[Any, ...]], names: Iterable[str]) -> dict[str, Any]:
    """Rows (tuples in column order) as one sequence per column."""
    return dict(zip(names, zip(*rows, strict=True), strict=True))
