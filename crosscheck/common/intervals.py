"""What a fact's bound kind means when figures are compared; shared by checks and reconcile.

The tolerance policy of the project, in one place (docs/reconcile.md "Comparison intervals"):

| written      | compared as                                                              |
|--------------|--------------------------------------------------------------------------|
| `N` (exact)  | [N·(1 − tol), N·(1 + tol)], tol the metric's tolerance (10 % by default)   |
| `~N`         | a rounded N: ± max(tol, approximate floor, half a unit of N's last        |
|              | significant digit / N): `~1.2M` ±10 %, `~20,000` ±25 %, never a flat ±25 % |
|              | and never wider than ±25 % from rounding: `~10 GB`, `~1M` ±25 %, not ±50 % |
| `N+`         | a rounded figure: [N·(1 − tol), N·(1 + slack)], slack 0.3                 |
| `over N`     | a bound ("more than", "at least", "above", "N or more"): [N·(1 − tol), ∞) |
|              | when the words are known (checks pass the raw text); else as `N+`         |
| `under N`    | [0, N·(1 + tol)] ("below", "less than", "at most", "up to", "N or less")  |
| `A-B`        | [A·(1 − tol), B·(1 + tol)]                                                |
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from crosscheck.common.contracts import BoundKind


@dataclass(frozen=True)
class IntervalPolicy:
    """The tolerances of comparison; one object so checks and reconcile agree."""

    default_tolerance: float = 0.10
    approximate_tolerance: float = 0.05  # the floor of "~N"; its rounding may widen it
    # the most a rounding widens "~N": a lone leading 1 ("~10 GB", "~1M") is a round figure
    # near N, not anything from half to one and a half N
    approximate_ceiling: float = 0.25
    at_least_slack: float = 0.3


def rounding_tolerance(value: float) -> float:
    """Half a unit of the last significant digit of `value`, relative to it: how far a figure
    written rounded ("~1.2M", "~20,000") may sit from the truth (0.042 and 0.25 here).
    Read from the shortest decimal form of the float, so 1.2e6 has 2 digits and 2e4 one."""
    if not math.isfinite(value) or value == 0:
        return 0.0
    digits = Decimal(f"{abs(value):.12g}").normalize().as_tuple()
    step = Decimal(1).scaleb(int(digits.exponent))  # the unit of the last significant digit
    return float(step / 2) / abs(value)


def rounding_tolerances(values: np.ndarray) -> np.ndarray:
    """:func:`rounding_tolerance` of every value, computed once per distinct value."""
    if not len(values):
        return np.zeros(0)
    distinct, which = np.unique(values.astype(float), return_inverse=True)
    return np.array([rounding_tolerance(v) for v in distinct.tolist()], dtype=float)[which]


# "over 50,000" is a bound; "50,000+" (a plus after the number) is a rounded figure.
_BOUND_WORDS = re.compile(
    r"(?<![A-Za-z])(?:over|above|more than|greater than|at least|no less than|not less than|"
    r"no fewer than|in excess of|min(?:imum|\.)?|or (?:more|greater|higher|above|over)|"
    r"and (?:up|above|over))(?![A-Za-z])|[>≥]",
    re.IGNORECASE,
)


def written_as_bound(raw: np.ndarray) -> np.ndarray:
    """Per raw text, whether an at-least figure was written with words ("over 50,000",
    "50,000 or more", "> 50k": open upwards) rather than as "N+" (a rounded figure)."""
    texts = np.asarray(raw, dtype=object)
    if not len(texts):
        return np.zeros(0, dtype=bool)
    distinct, which = np.unique(texts.astype(str), return_inverse=True)
    found = [bool(_BOUND_WORDS.search(t)) for t in distinct.tolist()]
    return np.array(found, dtype=bool)[which]


def comparison_bounds(
    low: np.ndarray,
    high: np.ndarray,
    bound: np.ndarray,
    tolerance: np.ndarray,
    policy: IntervalPolicy,
    raw: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) to compare with: exact ±tol, '~N' ±its rounding (at least tol and the
    approximate floor), N+ as [N, N·(1+slack)], <N as [0, N] (the table in the docstring).
    With the figures' `raw` texts, an at-least written in words ("over N") is open upwards."""
    low = low.astype(float)
    high = high.astype(float)
    approx = bound == BoundKind.APPROXIMATE.value
    tol = np.asarray(tolerance, dtype=float)
    if approx.any():
        rounding = np.zeros(len(low))
        rounding[approx] = np.minimum(rounding_tolerances(low[approx]), policy.approximate_ceiling)
        widest = np.maximum(np.maximum(tol, policy.approximate_tolerance), rounding)
        tol = np.where(approx, widest, tol)
    at_least = (bound == BoundKind.AT_LEAST.value) | ~np.isfinite(high)
    low = np.where(bound == BoundKind.AT_MOST.value, 0.0, low)
    # The slack of "N+" is already its fuzz upwards; tolerance widens only its low end.
    upper = np.where(at_least, low * (1 + policy.at_least_slack), high * (1 + tol))
    if raw is not None and at_least.any():
        worded = np.zeros(len(low), dtype=bool)
        worded[at_least] = written_as_bound(np.asarray(raw, dtype=object)[at_least])
        upper = np.where(worded, np.inf, upper)
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
