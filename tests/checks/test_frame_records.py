"""checks.frame_records.records gives what `DataFrame.to_dict("records")` gives: the same
keys, values and value types, on the column types the statements' frames hold and on the
ones it leaves to pandas."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from crosscheck.checks.frame_records import records


def _same(a: list[dict[Any, Any]], b: list[dict[Any, Any]]) -> bool:
    """Equal rows, NaN equal to NaN, and every value of the same type."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if list(x) != list(y):
            return False
        for key in x:
            u, v = x[key], y[key]
            if type(u) is not type(v):
                return False
            nan = isinstance(u, float) and math.isnan(u) and math.isnan(v)
            if not (nan or u is v or u == v):
                return False
    return True


FRAMES = {
    "statements": pd.DataFrame(
        {
            "claim_id": ["a1", "b2", "c3"],
            "a": ["Rust", "Go", None],
            "b": [None, "Rust", "Zig"],
            "low": [1.5, float("nan"), 3.0],
            "high": [2.0, float("inf"), 3.0],
            "metric": ["latency", None, float("nan")],
        },
        index=[7, 3, 9],
    ),
    "ints and flags": pd.DataFrame({"n": [1, 2, 3], "ok": [True, False, True]}),
    "numpy scalars in an object column": pd.DataFrame(
        {"v": pd.Series([np.int64(3), "x", np.float64(2.5)], dtype=object)}
    ),
    "nullable ints": pd.DataFrame({"n": pd.array([1, None, 3], dtype="Int64")}),
    "strings": pd.DataFrame({"s": pd.array(["a", None, "c"], dtype="string")}),
    "dates": pd.DataFrame({"d": pd.to_datetime(["2026-01-01", "2026-02-01", None])}),
    "categories": pd.DataFrame({"c": pd.Categorical(["x", "y", "x"])}),
    "no rows": pd.DataFrame({"a": pd.Series([], dtype=object), "b": pd.Series([], dtype=float)}),
    "no columns": pd.DataFrame(index=[0, 1]),
    "repeated column": pd.DataFrame([[1, 2], [3, 4]], columns=["a", "a"]),
}


@pytest.mark.parametrize("name", sorted(FRAMES))
def test_records_equal_to_dict(name: str) -> None:
    frame = FRAMES[name]
    with pytest.warns(UserWarning) if name == "repeated column" else _nothing():
        expected = frame.to_dict("records")
    with pytest.warns(UserWarning) if name == "repeated column" else _nothing():
        got = records(frame)
    assert _same(got, expected)


def test_numpy_scalars_come_back_native() -> None:
    """to_dict turns an object column's numpy scalars into Python ones; so must records."""
    row = records(FRAMES["numpy scalars in an object column"])[0]
    assert type(row["v"]) is int


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
