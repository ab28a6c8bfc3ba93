"""Ratios a sentence states between its own figures of one measure: "a score of 8 000 is 2x
a score of 4 000, 3x a score of 2 000" reads each ratio as its subject figure (the one
figure before the sentence's first ratio) over the figure that follows the ratio.

Why: a worked example or a comparison that names no second entity ("N is 2x faster than M")
states its arithmetic in full; when the page's own two figures give another ratio, the
sentence is wrong on its face (checks.diff_mismatch reads ratios between two named
entities only).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from crosscheck.checks.comparable import metric_name
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import ClaimRole, FindingKind, Scope, Severity, ValueType

__all__ = ["find_flanked_ratios"]

_SLACK = 0.2  # pages round a ratio ("3x" for 3.4x): off by more than this it is wrong
_READ = [
    *("claim_id", "source", "evidence", "value_start", "role", "entity", "counterpart_raw"),
    *("metric", "unit", "raw_value", "low", "high"),
]


def _holds(stated_low: float, stated_high: float, actual: float) -> bool:
    """Whether a stated ratio holds for `actual` (read either way round: '2x faster' of a
    time is the smaller figure; of a score or a rate the larger)."""
    if actual <= 0:
        return True  # no ratio to judge
    wide = max(actual, 1 / actual)
    narrow = min(actual, 1 / actual)
    read = narrow if stated_high < 1 else wide
    return stated_low * (1 - _SLACK) <= read <= stated_high * (1 + _SLACK)


def find_flanked_ratios(facts: pd.DataFrame) -> list[Finding]:
    """A finding per ratio without a named counterpart whose sentence's subject figure and
    following figure (one entity, metric and unit) give another ratio; medium when another
    ratio of the same sentence holds (the reading is the page's own), low otherwise."""
    if facts.empty or not set(_READ) <= set(facts.columns):
        return []
    df = facts[[*_READ, "value_type"]]
    ratio = (df["role"] == ClaimRole.RATIO.value) & df["low"].notna()
    ratio &= ~df["counterpart_raw"].map(lambda x: isinstance(x, str) and bool(x.strip()))
    if not ratio.any():
        return []
    numeric = (df["role"] == ClaimRole.VALUE.value) & (df["value_type"] == ValueType.NUMERIC.value)
    numeric &= df["low"].notna() & (df["low"] > 0)
    held = df[(ratio | numeric) & df["evidence"].isin(df.loc[ratio, "evidence"])]
    held = held[held["value_start"].notna()]
    findings: list[Finding] = []
    for _, sentence in held.groupby(["source", "evidence"], sort=False):
        findings += _sentence_findings(sentence.sort_values("value_start"))
    return findings


def _sentence_findings(sentence: pd.DataFrame) -> list[Finding]:
    """The flanked ratios of one sentence that do not hold (its rows in reading order)."""
    is_ratio = (sentence["role"] == ClaimRole.RATIO.value).to_numpy()
    if not is_ratio.any() or is_ratio[0]:
        return []
    first = int(np.argmax(is_ratio))
    if first != 1 or sentence["entity"].nunique() != 1:
        return []  # one subject figure, then the ratios: anything else is another shape
    rows = sentence.to_dict("records")
    subject = rows[0]
    pairs = []
    for i in np.flatnonzero(is_ratio):
        if i + 1 >= len(rows) or is_ratio[i + 1]:
            continue
        other = rows[i + 1]
        if (other["metric"], other["unit"]) != (subject["metric"], subject["unit"]):
            continue
        if other["low"] == subject["low"]:
            continue  # the same figure twice is a condition, not the measure compared
        actual = _point(subject) / _point(other)
        pairs.append((rows[i], other, actual, _holds(rows[i]["low"], rows[i]["high"], actual)))
    confirmed = any(ok for *_, ok in pairs)
    return [
        _finding(subject, stated, other, actual, confirmed)
        for stated, other, actual, ok in pairs
        if not ok
    ]


def _point(row: dict) -> float:
    """A figure's point: its midpoint when it is a range."""
    high = row["high"] if pd.notna(row["high"]) else row["low"]
    return (float(row["low"]) + float(high)) / 2


def _finding(subject: dict, stated: dict, other: dict, actual: float, confirmed: bool) -> Finding:
    explanation = (
        f"{stated['raw_value']!r} is stated between {subject['raw_value']!r} and "
        f"{other['raw_value']!r} ({metric_name(str(subject['metric']), None)}) in one sentence "
        f"of {subject['source']}, but those figures give {max(actual, 1 / actual):.2f}×."
    )
    return make_finding(
        FindingKind.DIFF_MISMATCH,
        Scope.SAME_PAGE,
        Severity.MEDIUM if confirmed else Severity.LOW,
        str(subject["entity"]),
        str(subject["metric"]),
        None,
        explanation,
        [stated["claim_id"], subject["claim_id"], other["claim_id"]],
    )
