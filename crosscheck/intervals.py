"""Moved to :mod:`crosscheck.common.intervals`; this name is kept for one release."""

from crosscheck.common.intervals import *  # noqa: F403  (re-export for old imports)
from crosscheck.common.intervals import (
    IntervalPolicy,
    comparison_bounds,
    point_value,
    point_values,
    rounding_tolerance,
    rounding_tolerances,
)

__all__ = [
    "IntervalPolicy",
    "comparison_bounds",
    "point_value",
    "point_values",
    "rounding_tolerance",
    "rounding_tolerances",
]
