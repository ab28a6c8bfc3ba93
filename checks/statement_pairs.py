"""Comparative statements against each other: two statements about the same two entities and
the same thing that point in opposite directions ("Dragonfly 25x" against "Redis 18-40 %
higher throughput than Dragonfly"), on one page or across pages; and the helpers the other
statement rules share (a stated ratio's slack, its reading as goodness, its orientation).

Split from checks/relations.py (statements against figures stay there).
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

import pandas as pd
from crosscheck.checks.figure_rows import tokens
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.frame_records import records
from crosscheck.checks.relation_pairs import lower_is_better
from crosscheck.checks.statement_readings import is_gap, reported, restated, unnamed

from crosscheck.common.intervals import rounding_tolerance
from crosscheck.contracts import BoundKind, FindingKind, RelationAspect, Scope, Severity

__all__ = [
    "RATIO_TOLERANCE",
    "against_statements",
    "fmt",
    "opposed_pairs",
    "oriented",
    "oriented_as_stated",
    "stated_goodness",
    "stated_tolerance",
]

RATIO_TOLERANCE = 0.10  # a stated ratio holds within 10 % (and its own rounding)
_SPEED_CLASSES = frozenset({"speed", "speed (unnamed)"})  # one class when statements compare
# "23 % more efficient" (per watt, per byte of memory) is better at something, not faster: it
# is compared only with other efficiency statements.
_EFFICIENCY = re.compile(r"efficien", re.IGNORECASE)


def fmt(x: float) -> str:
    return f"{x:.2f}" if x < 2 else f"{x:.1f}"


@functools.lru_cache(maxsize=4096)
def stated_tolerance(raw: str) -> float:
    """A stated figure's slack: its rounding or RATIO_TOLERANCE (kept per distinct text:
    every statement's reading asked it again, 33,313 times for 10,000 synthetic pages)."""
    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", raw.replace(",", "."))] or [1.0]
    return max(RATIO_TOLERANCE, *(rounding_tolerance(n) for n in numbers))


def stated_goodness(rel: pd.Series, lower_better: bool) -> tuple[float, float]:
    """The statement's ratio as goodness a/b (an amount of a lower-is-better metric inverts)."""
    low, high = float(rel["low"]), float(rel["high"])
    if rel["aspect"] == RelationAspect.AMOUNT.value and lower_better:
        return 1 / high, 1 / low
    return low, high


def _class_of(rel: pd.Series) -> tuple[str, bool, bool] | None:
    """(what the statement compares, whether its ratio is an amount of a lower-is-better
    metric, whether it names it). Speed, throughput and plain performance words are one
    class, being faster; None when a bare "12 % higher" names nothing."""
    names = tokens(rel["a"]) | tokens(rel["b"]) | tokens(rel["a_raw"]) | tokens(rel["b_raw"])
    phrase = " ".join(t for t in str(rel.get("phrase") or "").split() if t not in names)
    name = rel["metric"] or phrase
    if _EFFICIENCY.search(f"{phrase} {rel['label'] or ''}"):
        return "efficiency", False, True  # work per watt or per byte: better, but no speed
    if re.search(r"throughput|requests|qps|rps|ops|吞吐", f"{name} {rel['label'] or ''}"):
        return "speed", False, True
    if not name:
        return ("speed", False, False) if rel["aspect"] == RelationAspect.SPEED.value else None
    if rel["aspect"] == RelationAspect.SPEED.value:
        return name, False, True
    return name, lower_is_better(name), True


def oriented(rel: pd.Series) -> tuple[str, str, str, float, float] | None:
    """(x, y, class, low, high) with x < y and the interval as goodness of x over y, widened
    by the statement's slack (`stated_tolerance`)."""
    return oriented_as_stated(rel, stated_tolerance(str(rel["raw_value"])))


def oriented_as_stated(
    rel: pd.Series | dict[str, Any], tol: float = 0.0
) -> tuple[str, str, str, float, float] | None:
    """`oriented` with the interval widened by `tol` only (0: as the page states it)."""
    if not rel["b"] or rel["a"] == rel["b"] or is_gap(rel):
        return None  # a gap names no winner: no statement turns it around
    found = _class_of(rel)
    if found is None:
        return None
    cls, lower, named = found
    cls = cls if named else "speed (unnamed)"
    low, high = stated_goodness(rel, lower)
    if rel["bound"] == BoundKind.AT_MOST.value:
        low = min(low, 1.0)
    if rel["bound"] == BoundKind.AT_LEAST.value:
        high = math.inf
    if rel["direction"] == "equal":
        low, high = min(low, 1.0), max(high, 1.0)
    low, high = low / (1 + tol), high * (1 + tol)
    if rel["a"] < rel["b"]:
        return rel["a"], rel["b"], cls, low, high
    return rel["b"], rel["a"], cls, 1 / high if high else math.inf, 1 / low


def opposed_pairs(oriented: list[tuple[str, str, str, float, float]]) -> list[tuple[int, int]]:
    """The pairs (i < j, in scan order) of oriented statements that may contradict: the same
    two entities, the same class (speed classes alike), one above 1 and the other below. A
    pairwise scan of every statement grew with the square of the pages (popular pairs of
    entities are compared on thousands of pages); this touches only opposed statements."""
    buckets: dict[tuple[str, str, str], tuple[list[int], list[int]]] = {}
    for at, (x, y, cls, low, high) in enumerate(oriented):
        key = (x, y, "speed" if cls in _SPEED_CLASSES else cls)
        up, down = buckets.setdefault(key, ([], []))
        if low > 1:
            up.append(at)
        if high < 1:
            down.append(at)
    pairs = {(min(i, j), max(i, j)) for up, down in buckets.values() for i in up for j in down}
    return sorted(p for p in pairs if p[0] != p[1])


def against_statements(
    relations: pd.DataFrame, measured: frozenset[str] = frozenset()
) -> list[tuple[tuple[int, int], Finding]]:
    """Two statements about the same two entities and the same thing that cannot both hold
    (same page: medium; across sources: low, unless the directions disagree), each with the
    rows (i, j) of `relations` it rests on. `measured`: the claim ids of statements whose
    own sentence gives the two figures they compare ("Binary Trees  Rust: 44ms  Go: 530ms
    Rust 12x"): two of them on one page are each checked against their own figures, and
    oppose each other only as their measurements do (startup and compile time differ)."""
    readings = [(oriented(rel), rel) for rel in records(relations)]
    kept = [(o, rel, at) for at, (o, rel) in enumerate(readings) if o is not None]
    findings: list[tuple[tuple[int, int], Finding]] = []
    for i, j in opposed_pairs([o for o, _, _ in kept]):
        (one, r1, at1), (two, r2, at2) = kept[i], kept[j]
        if one[:2] != two[:2] or r1["claim_id"] == r2["claim_id"]:
            continue
        if r1["source"] == r2["source"] and r1["evidence"] == r2["evidence"]:
            continue  # "9x faster training and 30x faster inference": two aspects
        if r1["source"] == r2["source"] and {r1["claim_id"], r2["claim_id"]} <= measured:
            continue  # two lines of results, each with its own margin
        if restated(r1, r2):
            continue  # the page's one claim said twice in its words, one of them misread
        if unnamed(r1) or unnamed(r2):
            continue  # who leads was guessed from the page around the sentence
        if r1["source"] != r2["source"] and (reported(r1) or reported(r2)):
            continue  # "A markets itself as 25x faster": that page reports, it does not say
        speeds = {one[2], two[2]} <= _SPEED_CLASSES
        if one[2] != two[2] and not speeds:
            continue
        if one[3] <= two[4] and two[3] <= one[4]:
            continue  # the intervals overlap: both can hold
        opposite = (one[3] > 1 and two[4] < 1) or (one[4] < 1 and two[3] > 1)
        if not opposite:
            continue  # "1.3x idle" and "3x at peak": sizes differ with conditions
        same_page = r1["source"] == r2["source"]
        severity = Severity.MEDIUM if same_page or opposite else Severity.LOW
        where = "on one page" if same_page else f"in {r1['source']} and {r2['source']}"
        explanation = (
            f"{r1['raw_value']!r} ({r1['a']} against {r1['b']}: {r1['label']}) and "
            f"{r2['raw_value']!r} ({r2['a']} against {r2['b']}: {r2['label']}) {where} "
            f"cannot both hold: {one[0]} over {one[1]} is {fmt(one[3])}-{fmt(one[4])}x by "
            f"the first and {fmt(two[3])}-{fmt(two[4])}x by the second."
        )
        findings.append(
            (
                (at1, at2),
                make_finding(
                    FindingKind.RELATION_MISMATCH,
                    Scope.SAME_PAGE if same_page else Scope.CROSS_SOURCE,
                    severity,
                    f"{one[0]} + {one[1]}",
                    None if one[2].startswith("speed") else one[2],
                    None,
                    explanation,
                    [r1["claim_id"], r2["claim_id"]],
                    rule="statements",
                ),
            )
        )
    return findings
