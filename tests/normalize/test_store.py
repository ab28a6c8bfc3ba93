"""ColumnStore: ids per (group, key), one compute call per batch of new keys, growth, clearing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from crosscheck.normalize.store import ColumnStore, as_columns

Compute = Callable[[list[tuple[Any, Any]]], dict[str, Any]]


def _store() -> tuple[ColumnStore, Compute, list[list[tuple[Any, Any]]]]:
    calls: list[list[tuple[Any, Any]]] = []
    store = ColumnStore({"text": object, "size": np.int64, "long": bool})

    def compute(pairs: list[tuple[Any, Any]]) -> dict[str, Any]:
        calls.append(list(pairs))
        rows = [(f"{group}:{key}", len(key), len(key) > 3) for group, key in pairs]
        return as_columns(rows, ["text", "size", "long"])

    return store, compute, calls


def test_new_keys_are_computed_once_and_found_after() -> None:
    store, compute, calls = _store()
    first = store.ids([("a", ["x", "yyyy"]), ("b", ["x"])], compute)
    assert [ids.tolist() for ids in first] == [[0, 1], [2]]
    assert calls == [[("a", "x"), ("a", "yyyy"), ("b", "x")]]
    again = store.ids([("b", ["zz", "x"]), ("a", ["yyyy"])], compute)
    assert [ids.tolist() for ids in again] == [[3, 2], [1]]
    assert calls[1] == [("b", "zz")]  # only the unseen pair
    assert store.column("text").tolist() == ["a:x", "a:yyyy", "b:x", "b:zz"]
    assert store.column("size").tolist() == [1, 4, 1, 2]
    assert store.column("long").tolist() == [False, True, False, False]


def test_columns_grow_past_their_first_capacity() -> None:
    store, compute, _ = _store()
    keys = [str(i) for i in range(5000)]
    (ids,) = store.ids([("g", keys)], compute)
    assert ids.tolist() == list(range(5000)) and len(store) == 5000
    assert store.column("text")[4999] == "g:4999"


def test_clear_forgets_every_row() -> None:
    store, compute, calls = _store()
    store.ids([("g", ["k"])], compute)
    store.clear()
    assert len(store) == 0
    (ids,) = store.ids([("g", ["k"])], compute)
    assert ids.tolist() == [0] and len(calls) == 2


def test_compute_must_give_every_column() -> None:
    store = ColumnStore({"text": object, "size": np.int64})
    with pytest.raises(ValueError, match="expected columns"):
        store.ids([("g", ["k"])], lambda pairs: {"text": ["t"]})
