"""Two pages that agree who leads but state leads of sizes far apart: "35% to 60% ahead" on
one page against "15-25% higher frame rates" on another and a measured "24.3% speed boost"
on a third, for the same two products and the same kind of lead.

Why a rule of its own: checks.statement_pairs only sets statements pointing opposite ways
against each other; leads in the same direction differ legitimately with conditions, so
this one asks more: both are leads in speed (frame rates, performance, throughput:
checks/data/statement_words.toml `speed_topics`; an amount such as memory differs with the
workload by design, tests/checks/test_unseen_findings6-7), their excesses (ratio − 1) are
apart by a clear factor once each is widened by its own rounding, wording ("about", "over",
"up to") and a range's ends, both statements name the two entities in their own sentences,
at least one names what it measures, and no condition family (a resolution, a load) is
named by both with different values.
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
from crosscheck.checks.statement_pairs import fmt, oriented_as_stated
from crosscheck.checks.statement_readings import reported, unnamed

from crosscheck.common.intervals import rounding_tolerance
from crosscheck.contracts import BoundKind, FindingKind, Scope, Severity

__all__ = ["size_mismatches"]

APART = 1.25  # one lead's excess at least this factor beyond the other's, both widened
APPROX_SLACK = 0.2  # "about 50%": 40-60 %
EXACT_SLACK = 0.05  # a plain "24.3%": its rounding, at least 5 % of the excess
_UNNAMED = "speed (unnamed)"


@functools.cache
def _words() -> tuple[re.Pattern[str] | None, tuple[re.Pattern[str], ...]]:
    """The speed topics as one pattern, and one pattern per condition family."""
    data = read_words("statement_words.toml")
    speed = [str(w) for w in data.get("speed_topics", [])]
    families = data.get("condition_families", {})
    pattern = re.compile("|".join(speed), re.IGNORECASE) if speed else None
    return pattern, tuple(
        re.compile("|".join(f"(?P<v{i}>{w})" for i, w in enumerate(ws)), re.IGNORECASE)
        for ws in families.values()
        if ws
    )


def _kind(cls: str) -> str:
    """The statement's class with every speed word one kind ("frame rates", "speed fps")."""
    speed, _ = _words()
    if cls.startswith("speed") or (speed is not None and speed.search(cls)):
        return "speed"
    return cls


def _conditions(sentence: str) -> tuple[frozenset[str], ...]:
    """Per condition family, the values the sentence names ("4K", "1440p")."""
    _, families = _words()
    return tuple(
        frozenset(k for m in family.finditer(sentence) for k, v in m.groupdict().items() if v)
        for family in families
    )


def _excess(rel: dict[str, Any], low: float, high: float) -> tuple[float, float] | None:
    """The lead (ratio − 1 of the leader over the other) the statement allows, widened by
    its wording and rounding; None for a statement that names no lead."""
    if low <= 1 <= high or low <= 0:
        return None
    if high < 1:
        low, high = 1 / high, 1 / low
    lo, hi = low - 1, high - 1
    bound = rel["bound"]
    if bound == BoundKind.AT_LEAST.value:
        return lo * (1 - EXACT_SLACK), math.inf
    if bound == BoundKind.AT_MOST.value:
        return 0.0, hi * (1 + EXACT_SLACK)
    if bound == BoundKind.APPROXIMATE.value:
        return lo * (1 - APPROX_SLACK), hi * (1 + APPROX_SLACK)
    slack = max(EXACT_SLACK, rounding_tolerance(lo * 100) if lo > 0 else EXACT_SLACK)
    return lo * (1 - slack), hi * (1 + slack)


def _apart(one: tuple[float, float], two: tuple[float, float]) -> bool:
    return one[1] * APART < two[0] or two[1] * APART < one[0]


def size_mismatches(relations: pd.DataFrame) -> list[tuple[tuple[int, int], Finding]]:
    """Statements of two pages on the same two entities and kind of lead, the same leader,
    and sizes far apart (low: either page may be the one measuring other conditions), each
    with the rows (i, j) of `relations` it rests on; one finding per pair of pages and
    entities, each statement set against the statements of other pages with the nearest
    lead below and above it (not every pair: popular pairs are stated on many pages)."""
    buckets: dict[tuple[str, str, str, bool], Bucket] = {}
    for at, rel in enumerate(records(relations)):
        if not rel["b"] or reported(rel) or unnamed(rel):
            continue
        found = oriented_as_stated(rel)
        if found is None:
            continue
        x, y, cls, low, high = found
        lead = _excess(rel, low, high)
        if lead is None or not math.isfinite(lead[0]):
            continue
        kind = _kind(cls)
        if kind != "speed":
            continue  # an amount (memory, disk) differs with the workload by design
        key = (x, y, kind, high < 1)
        buckets.setdefault(key, []).append((at, {**rel, "_named": cls != _UNNAMED}, lead))
    return _across_pages(buckets)


Row = tuple[int, dict[str, Any], tuple[float, float]]  # position, statement, lead
Bucket = list[Row]


def _across_pages(
    buckets: dict[tuple[str, str, str, bool], Bucket],
) -> list[tuple[tuple[int, int], Finding]]:
    """Per bucket (two entities, a kind of lead, a leader), each statement against the other
    pages' statements with the smallest and the largest lead."""
    findings: list[tuple[tuple[int, int], Finding]] = []
    seen: set[tuple[str, str, str, str]] = set()
    for (x, y, kind, _), rows in buckets.items():
        if len({r["source"] for _, r, _ in rows}) < 2:
            continue
        smallest = sorted(rows, key=lambda row: row[2][1])  # by the top of each lead
        largest = sorted(rows, key=lambda row: -row[2][0])  # by the bottom, largest first
        for at, rel, lead in rows:
            nearest = (_first_other(smallest, rel["source"]), _first_other(largest, rel["source"]))
            for o_at, other, o_lead in (o for o in nearest if o is not None):
                pages = sorted((str(rel["source"]), str(other["source"])))
                if (pages[0], pages[1], x, y) in seen or not (rel["_named"] or other["_named"]):
                    continue
                if not _apart(lead, o_lead) or _other_conditions(rel, other):
                    continue
                seen.add((pages[0], pages[1], x, y))
                first, second = (rel, other) if at < o_at else (other, rel)
                leads = (lead, o_lead) if first is rel else (o_lead, lead)
                findings.append(
                    ((min(at, o_at), max(at, o_at)), _finding(x, y, kind, (first, second), leads))
                )
    return findings


def _first_other(
    rows: Bucket, source: object
) -> tuple[int, dict[str, Any], tuple[float, float]] | None:
    """The first row of another page."""
    return next((row for row in rows if row[1]["source"] != source), None)


def _other_conditions(one: dict[str, Any], two: dict[str, Any]) -> bool:
    """Whether the two sentences name different values of one condition family."""
    mine = _conditions(str(one["evidence"] or ""))
    theirs = _conditions(str(two["evidence"] or ""))
    return any(a and b and not (a & b) for a, b in zip(mine, theirs, strict=True))


def _said(rel: dict[str, Any]) -> str:
    return f"{rel['raw_value']!r} ({rel['a']} against {rel['b']}: {rel['label']}, {rel['source']})"


def _finding(
    x: str,
    y: str,
    kind: str,
    statements: tuple[dict[str, Any], dict[str, Any]],
    leads: tuple[tuple[float, float], tuple[float, float]],
) -> Finding:
    one, two = statements
    shown = [f"{fmt(1 + lo)}-{fmt(1 + hi)}x" for lo, hi in leads]
    explanation = (
        f"{_said(one)} and {_said(two)} agree on who leads but not by how much: "
        f"{shown[0]} against {shown[1]} for {kind}, with no condition telling them apart."
    )
    return make_finding(
        FindingKind.RELATION_MISMATCH,
        Scope.CROSS_SOURCE,
        Severity.LOW,
        f"{x} + {y}",
        None if kind == "speed" else kind,
        None,
        explanation,
        [one["claim_id"], two["claim_id"]],
        rule="stated sizes",
    )
