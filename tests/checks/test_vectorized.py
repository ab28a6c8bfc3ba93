"""The whole-array forms of per-row rules give what the per-row rules give."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from crosscheck.checks.grouping import group_positions, sorted_codes, with_codes

from crosscheck.contracts import BoundKind
from crosscheck.intervals import point_value, point_values

_FIGURES = [0.0, -0.0, 1.5, -2.0, 1e308, -1e308, np.inf, -np.inf, np.nan]
_BOUNDS = [*(kind.value for kind in BoundKind), None, "other"]


def test_point_values_equal_point_value_for_every_bound_and_figure() -> None:
    cases = list(itertools.product(_FIGURES, _FIGURES, _BOUNDS))
    low = np.array([c[0] for c in cases])
    high = np.array([c[1] for c in cases])
    bound = np.array([c[2] for c in cases], dtype=object)
    expected = np.array([point_value(lo, hi, b) for lo, hi, b in cases], dtype=float)
    np.testing.assert_array_equal(point_values(low, high, bound), expected)


def test_sorted_codes_order_values_by_text_with_missing_last() -> None:
    values = pd.Series(["b", None, "a", "b", "B", None], dtype=object)
    assert list(sorted_codes(values)) == [2, -1, 1, 2, 0, -1]
    floats = pd.Series([10.0, 9.0, np.nan, 100.0])  # by text: "10.0" < "100.0" < "9.0"
    assert list(sorted_codes(floats)) == [0, 2, -1, 1]


def _by_slicing(df: pd.DataFrame, keys: list[str]) -> list[list[int]]:
    """The group order of the first pass: pandas' sorted groups, then by text, missing last."""

    def text(key: tuple) -> tuple:
        return tuple((p is None or p != p, "" if p is None or p != p else str(p)) for p in key)

    positions = df.groupby(keys, sort=True, dropna=False).indices
    return [list(positions[key]) for key in sorted(positions, key=text)]


def test_group_positions_keep_the_text_order_with_or_without_carried_codes() -> None:
    df = pd.DataFrame(
        {
            "source": ["b", "a", None, "a", "b", "a", "a"],
            "low": [10.0, 9.0, 9.0, 100.0, 10.0, np.nan, 9.0],
        },
        index=[4, 8, 15, 16, 23, 42, 43],
    )
    expected = _by_slicing(df, ["source", "low"])
    assert expected == [[3], [1, 6], [5], [0, 4], [2]]
    for frame in (df, with_codes(df, ["source", "low"]), with_codes(df, ["low"])):
        assert [list(at) for _, at in group_positions(frame, ["source", "low"])] == expected
    # Codes carried from the whole frame stay right on a filtered part of it.
    part = with_codes(df, ["source", "low"]).iloc[[6, 0, 3, 5]]
    assert [list(at) for _, at in group_positions(part, ["source", "low"])] == _by_slicing(
        part, ["source", "low"]
    )
