"""What a fact's bound kind means when figures are compared; shared by checks and reconcile.

The literal interval of a fact (`low`, `high`) is widened by a relative tolerance (wider for
"~") and "N+" is read as a rounded figure, [N, N × (1 + slack)] (slack 0.3: 12+ and 15+ agree,
50,000+ and 79,000+ do not), as docs/normalization.md describes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from crosscheck.common.contracts import BoundKind


@dataclass(frozen=True)
class IntervalPolicy:
    """The tolerances of comparison; one object so checks and reconcile agree."""

    default_tolerance: float = 0.10
    approximate_tolerance: float = 0.25
    at_least_slack: float = 0.3


def comparison_bounds(
    low: np.ndarray,
    high: np.ndarray,
    bound: np.ndarray,
    tolerance: np.ndarray,
    policy: IntervalPolicy,
) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) to compare with: exact ±tol, '~' ±wider, N+ as [N, N·(1+slack)], <N as [0, N]."""
    low = low.astype(float)
    high = high.astype(float)
    approx = bound == BoundKind.APPROXIMATE.value
    tol = np.where(approx, np.maximum(tolerance, policy.approximate_tolerance), tolerance)
    at_least = (bound == BoundKind.AT_LEAST.value) | ~np.isfinite(high)
    low = np.where(bound == BoundKind.AT_MOST.value, 0.0, low)
    # The slack of "N+" is already its fuzz upwards; tolerance widens only its low end.
    upper = np.where(at_least, low * (1 + policy.at_least_slack), high * (1 + tol))
    return low * (1 - tol), upper


def point_value(low: float, high: float, bound: str | None) -> float:
    """One representative number: the midpoint of a range, N for N+ and 'under N'."""
    if bound == BoundKind.AT_LEAST.value or not math.isfinite(high):
        return low
    if bound == BoundKind.AT_MOST.value:
        return high
    return (low + high) / 2


def point_values(low: np.ndarray, high: np.ndarray, bound: np.ndarray) -> np.ndarray:
    """:func:`point_value` of every row at once (the checks compute it for a million facts)."""
    # An empty facts frame has object columns; float arrays keep isfinite defined.
    low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    at_least = (bound == BoundKind.AT_LEAST.value) | ~np.isfinite(high)
    at_most = bound == BoundKind.AT_MOST.value
    with np.errstate(all="ignore"):  # midpoints of rows that take another branch
        midpoint = (low + high) / 2
    return np.where(at_least, low, np.where(at_most, high, midpoint))
