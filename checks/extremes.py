"""The two extremes a conflict finding quotes, and how far apart they are.

Why: a reviewer reads a disagreement as its lowest and highest figure side by side, each with
its label, page and place; picking those rows and writing them is apart from finding the
disagreement (checks.conflict).
"""

from __future__ import annotations

import numpy as np
from crosscheck.checks.columns import Columns

from crosscheck.formatting import format_interval


def _first_extremes(points: np.ndarray) -> tuple[int, int]:
    """The positions of the first lowest and first highest point, missing ones skipped (as
    numpy's nanargmin and nanargmax, which cost ~20 µs each on a group's few figures)."""
    values = points.tolist()
    lo = hi = -1
    for at, value in enumerate(values):
        if value != value:  # NaN
            continue
        if lo < 0 or value < values[lo]:
            lo = at
        if hi < 0 or value > values[hi]:
            hi = at
    if lo < 0:  # every point missing: numpy's error
        return int(np.nanargmin(points)), int(np.nanargmax(points))
    return lo, hi


def describe_extremes(rows: Columns, at: np.ndarray) -> tuple[str, float]:
    """ "1,200 req/s ('Requests Per Second (Benchmark)') vs 20,000 req/s (…)" and the ratio,
    for the rows at positions `at` (the first lowest and first highest point are quoted)."""
    point = rows["point"]
    lo_at, hi_at = _first_extremes(point[at])
    lo, hi = at[lo_at], at[hi_at]
    low, high, unit, label = rows["low"], rows["high"], rows["unit"], rows["label"]
    source, locator = rows["source"], rows["locator"]

    def side(i: int) -> str:  # the columns read directly: a Row per side cost more
        figure = format_interval(low[i], high[i], unit[i])
        text = label[i] if len(label[i]) <= 70 else label[i][:67] + "…"
        return f"{figure} ('{text}', {source[i]} {locator[i]})"

    ratio = point[hi] / point[lo] if point[lo] > 0 else float("inf")
    return f"{side(lo)} vs {side(hi)}", ratio
