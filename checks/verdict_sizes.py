"""`relation_mismatch` of a page's stated verdict ("The verdict: A is 10x faster than B")
against another statement of the same comparison on the same page that gives it another
size ("A is 5 times faster than B", the post's title): one experiment, two results.

Why apart from checks.statement_pairs: that rule flags two statements only when they point
opposite ways, since sizes differ with conditions ("1.3x idle, 3x at peak"). A sentence that
says it states the page's result (checks/data/statement_words.toml `verdict_markers`) covers
the page's experiment, so an unconditioned statement of the same two entities and aspect
pointing the same way must agree with it within rounding and a margin.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

import pandas as pd
from crosscheck.checks.data_files import read_words
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.frame_records import records
from crosscheck.checks.statement_pairs import fmt, stated_tolerance
from crosscheck.checks.statement_readings import is_gap, reported

from crosscheck.contracts import BoundKind, FindingKind, Scope, Severity

__all__ = ["verdict_size_mismatches"]

MIN_FACTOR = 1.5  # beyond each side's slack, the sizes must differ by half again or more
_SIZED = frozenset({BoundKind.EXACT.value, BoundKind.APPROXIMATE.value})


@functools.cache
def _marker() -> re.Pattern[str]:
    words = read_words("statement_words.toml").get("verdict_markers", [])
    return re.compile("|".join(f"(?:{w})" for w in words) or r"(?!x)x", re.IGNORECASE)


def _conditioned(rel: dict[str, Any]) -> bool:
    value = rel.get("conditions")
    return isinstance(value, str) and value.strip() != ""


def _sized(rel: dict[str, Any]) -> tuple[str, str, str, float] | None:
    """(x, y, what, size of x over y) of a statement that states one size of a named
    comparison with no conditions; None for ranges, bounds, gaps, reported claims."""
    if not rel.get("b") or rel["a"] == rel["b"] or rel.get("bound") not in _SIZED:
        return None
    if rel.get("direction") not in ("higher", "lower") or _conditioned(rel):
        return None
    low, high = float(rel["low"]), float(rel["high"])
    if not (math.isfinite(low) and math.isfinite(high)) or low <= 0 or high > low * 1.0001:
        return None
    if is_gap(rel) or reported(rel):
        return None
    what = f"{rel['aspect']}:{rel.get('metric') or ''}"
    a, b = str(rel["a"]), str(rel["b"])
    return (a, b, what, low) if a < b else (b, a, what, 1 / low)


def _apart(one: float, two: float, slacks: tuple[float, float]) -> float | None:
    """The factor between two sizes of one direction when each side's interval (its size
    within its own rounding) misses the other and they differ by MIN_FACTOR or more (None
    when they may agree, or point opposite ways)."""
    if (one > 1) != (two > 1):
        return None
    (small, s_slack), (large, l_slack) = sorted(zip((one, two), slacks, strict=True))
    if small * (1 + s_slack) >= large / (1 + l_slack):
        return None
    factor = large / small
    return factor if factor >= MIN_FACTOR else None


def verdict_size_mismatches(relations: pd.DataFrame) -> list[tuple[tuple[int, int], Finding]]:
    """Each page's verdict statements against its other statements of the same comparison,
    with the rows (i, j) of `relations` each finding rests on (i the other statement)."""
    if relations.empty or "evidence" not in relations.columns:
        return []
    marker = _marker()
    rows = records(relations)
    groups: dict[tuple[str, str, str, str], list[tuple[int, float, bool]]] = {}
    for at, rel in enumerate(rows):
        sized = _sized(rel)
        if sized is None:
            continue
        verdict = bool(marker.search(str(rel.get("evidence") or "")))
        groups.setdefault((str(rel["source"]), *sized[:3]), []).append((at, sized[3], verdict))
    findings: list[tuple[tuple[int, int], Finding]] = []
    for members in groups.values():
        verdicts = [m for m in members if m[2]]
        if not verdicts or len(verdicts) == len(members):
            continue
        if len({round(math.log(v[1]), 1) for v in verdicts}) > 1:
            continue  # the page's verdicts disagree among themselves: no one result
        v_at, v_size, _ = verdicts[0]
        verdict = rows[v_at]
        for at, size, is_verdict in members:
            other = rows[at]
            if is_verdict or other["evidence"] == verdict["evidence"]:
                continue
            slacks = (
                stated_tolerance(str(other["raw_value"])),
                stated_tolerance(str(verdict["raw_value"])),
            )
            factor = _apart(size, v_size, slacks)
            if factor is None:
                continue
            findings.append(((at, v_at), _finding(other, verdict, factor)))
    return findings


def _finding(other: dict[str, Any], verdict: dict[str, Any], factor: float) -> Finding:
    explanation = (
        f"The page's verdict {verdict['raw_value']!r} ({verdict['a']} against {verdict['b']}: "
        f"{verdict['label']}) and its statement {other['raw_value']!r} ({other['a']} against "
        f"{other['b']}: {other['label']}) give one comparison, with no condition stated on "
        f"either, sizes {fmt(factor)}x apart: one experiment cannot give both."
    )
    return make_finding(
        FindingKind.RELATION_MISMATCH,
        Scope.SAME_PAGE,
        Severity.LOW,
        f"{verdict['a']} + {verdict['b']}",
        verdict.get("metric") or None,
        None,
        explanation,
        [other["claim_id"], verdict["claim_id"]],
        rule="verdict size",
    )
