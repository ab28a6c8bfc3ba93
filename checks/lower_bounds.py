"""Bounded statements that a side is lower ("up to 40 % less memory", "more than 33 % cheaper"):
their ratio a/b is below 1, so the largest gap is the lowest pair and a bound reads downwards.

Why a module of its own: checks.relations read every bound upwards (the largest gap as the
highest ratio), which turned "up to 40 % less" around: a page whose gaps are 40 % and 10 % was
flagged, one whose largest gap is 40 % passed "up to 10 % less". Kept apart to keep
relations under its size.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
from crosscheck.checks.findings import Finding
from crosscheck.checks.relation_pairs import FigurePair, pair_finding
from crosscheck.checks.statement_pairs import RATIO_TOLERANCE

from crosscheck.contracts import BoundKind, Severity

PERCENT_POINTS = 2.0  # a stated percentage holds within 2 points (pages round and truncate)
UP_TO_SHORTFALL = 0.5  # "up to N" with every figure below N/2 overstates
PERCENT_MARK = re.compile(r"%|\bper\s?cent\b", re.IGNORECASE)
Span = tuple[float, float, float]  # (lowest, highest, point) a pair's ratio can be
Explain = Callable[[pd.Series, FigurePair, float, str], str]


def reads_down(rel: pd.Series) -> bool:
    """A bounded statement that a is below b: its bound applies to how low the ratio goes."""
    bounded = rel["bound"] in (BoundKind.AT_MOST.value, BoundKind.AT_LEAST.value)
    return bounded and rel["direction"] == "lower" and 0 < float(rel["high"]) < 1


def _lowest_allowed(rel: pd.Series, tol: float) -> float:
    """The lowest ratio an "up to N less" allows: a percentage within the points one may be off
    ("up to 21 % less" allows 23.1 % less), a multiple within its tolerance."""
    low = float(rel["low"])
    if PERCENT_MARK.search(str(rel["raw_value"])):
        stated = (1 - low) * 100
        return 1 - (stated + max(PERCENT_POINTS, stated * RATIO_TOLERANCE)) / 100
    return low / (1 + tol)


def lower_bound_finding(
    rel: pd.Series, ratios: list[tuple[Span, FigurePair]], tol: float, explain: Explain
) -> Finding | None:
    """The finding for a `reads_down` statement, or None when a pair gives it."""
    if rel["bound"] == BoundKind.AT_LEAST.value:  # "more than 33.4 % cheaper": ratio <= 0.666
        span, pair = min(ratios, key=lambda sp: sp[0][0])
        if span[0] <= float(rel["high"]) * (1 + tol):
            return None
        explanation = explain(rel, pair, span[2], "no figure pair reaches it")
        return pair_finding(rel, pair, explanation, Severity.LOW, "figures")
    span, pair = min(ratios, key=lambda sp: sp[0][1])  # "up to N less": the largest gap
    if span[1] < _lowest_allowed(rel, tol):
        what = "the largest gap on the page is larger"
    elif 1 / min(sp[0] for sp, _ in ratios) < UP_TO_SHORTFALL / float(rel["low"]):
        span, pair = min(ratios, key=lambda sp: sp[0][0])
        what = "every gap on the page is far smaller"
    else:
        return None
    return pair_finding(rel, pair, explain(rel, pair, span[2], what), Severity.MEDIUM, "figures")
