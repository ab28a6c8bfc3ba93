"""Verdicts without a number ("A uses less memory than B", "Kafka has the best
throughput") checked against the page's figures: `relation_mismatch`, rule `verdict`.

Why apart from the numeric rules: a verdict states only a direction (normalize.verdicts: a
ratio interval open on one side), so it is contradicted only when every pair of figures it may
describe (relation_pairs, the same pairing as numeric statements; a superlative pairs its
entity with the strongest other one) goes the other way by more than the figures' rounding
and a margin. Low severity unless the figures reverse it by a wide gap.
"""

from __future__ import annotations

import math

import pandas as pd
from crosscheck.checks.findings import Finding
from crosscheck.checks.relation_pairs import FigurePair, goodness_span, pair_finding
from crosscheck.checks.statement_topics import on_topic

from crosscheck.contracts import RelationAspect, Severity

MARGIN = 0.10  # beyond the figures' own rounding, the other side must lead by 10 %
WIDE_GAP = 2.0  # reversed by 2x or more: medium severity (a numeric mismatch's level)


def is_verdict(rel: pd.Series | dict[str, object]) -> bool:
    """A direction-only relation: its interval is open on one side (normalize.verdicts)."""
    low, high = float(rel["low"]), float(rel["high"])  # type: ignore[arg-type]
    return not math.isfinite(high) or low <= 0


def _against(rel: pd.Series, span: tuple[float, float, float]) -> float | None:
    """How far one pair goes the other way (a factor > 1), or None when it may agree."""
    if rel["direction"] == "higher":
        best = span[1]  # the most a's figures allow
        floor = float(rel["low"]) / (1 + MARGIN)
        return floor / best if best < floor else None
    worst = span[0]
    ceiling = float(rel["high"]) * (1 + MARGIN)
    return worst / ceiling if worst > ceiling else None


def verdict_against_figures(rel: pd.Series, pairs: list[FigurePair]) -> Finding | None:
    """The verdict flagged when every pair of figures it may describe reverses it (only the
    pairs measuring the topic its sentence fronts, checks.statement_topics)."""
    pairs = on_topic(rel, pairs)
    gaps: list[tuple[float, FigurePair, float]] = []
    for pair in pairs:
        span = goodness_span(rel, pair)
        if span is None or not all(math.isfinite(x) and x > 0 for x in span):
            continue
        gap = _against(rel, span)
        if gap is None:
            return None  # this pair may give the verdict
        gaps.append((gap, pair, span[2]))
    if not gaps:
        return None
    gap, pair, point = min(gaps, key=lambda g: g[0])  # the mildest reversal is the claim
    severity = Severity.MEDIUM if point_gap(point) >= WIDE_GAP else Severity.LOW
    return pair_finding(rel, pair, _explain(rel, pair, point, len(gaps)), severity, "verdict")


def point_gap(point: float) -> float:
    """A ratio's distance from parity as a factor >= 1 (0.4 and 2.5 are both 2.5)."""
    return max(point, 1 / point) if point > 0 else math.inf


def _explain(rel: pd.Series, pair: FigurePair, point: float, pairs: int) -> str:
    b = rel["b"] or f"every other entity on the page ({pair.b_entity} is the strongest)"
    speed = rel["aspect"] == RelationAspect.SPEED.value
    higher = rel["direction"] == "higher"
    ahead = ("ahead of" if higher else "behind") if speed else ("above" if higher else "below")
    what = "speed" if speed else "amount"
    metric = pair.metric.replace("_", " ")
    condition = f" ({pair.condition})" if pair.condition else ""
    return (
        f"{rel['label']!r} says {rel['a']} is {ahead} {b} on {metric}{condition}, but the "
        f"page's own figures go the other way: {pair.a_raw!r} ({rel['a']}) vs {pair.b_raw!r} "
        f"({pair.b_entity}) give {point:.2f}x on {what}"
        f"{f', and so do all {pairs} figure pairs it may describe' if pairs > 1 else ''}."
    )
