"""A change a page states for switching a condition on ("TLS adds 30-40 % overhead") that the
page's own pair of figures for the two conditions contradicts (57K req/s over HTTP, 46K over
HTTPS: a 19 % drop, or 24 % more time per request).

Why: a summary sentence often restates a result the page's table gives under both conditions;
when no pair of the page's figures gives the stated size under any reading (a drop from the
plain figure, a rise from the other one), the sentence or the table is wrong. Conditions, the
quantities a statement may name and the change words are data (checks/data/stated_changes.toml).
A statement is compared with every pair of its page and flagged only when none gives it; a
statement about another quantity (CPU load beside request rates) is never compared.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from crosscheck.checks.data_files import read_words
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.common.intervals import rounding_tolerance
from crosscheck.contracts import FindingKind, Scope, Severity, ValueType

_STATED_UNITS = ("percent", "x", "ratio")
_READ = ["claim_id", "source", "entity", "metric", "qualifier", "raw_value", "low", "unit"]
Fig = dict[str, object]  # one figure: the _READ columns of a fact
_SLACK_POINTS = 1.5  # percentage points a stated percent may sit from a reading
_SLACK = 0.1  # and a fraction of the stated size


@dataclass(frozen=True)
class Condition:
    """A condition a statement names (`words`) and how a figure's qualifier marks it."""

    name: str
    words: re.Pattern[str]
    on: re.Pattern[str]
    off: re.Pattern[str]


@dataclass(frozen=True)
class Vocabulary:
    conditions: tuple[Condition, ...]
    quantities: dict[str, tuple[re.Pattern[str], frozenset[str]]]
    change: re.Pattern[str]
    any_condition: re.Pattern[str]


def _any(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", re.IGNORECASE)


@functools.cache
def vocabulary() -> Vocabulary:
    """checks/data/stated_changes.toml, compiled once."""
    doc = read_words("stated_changes.toml")
    conditions = tuple(
        Condition(str(c["name"]), _any(c["words"]), _any(c["on"]), _any(c["off"]))
        for c in doc.get("condition", [])
    )
    quantities = {
        name: (_any(q.get("words", [])), frozenset(str(u) for u in q.get("units", [])))
        for name, q in doc.get("quantities", {}).items()
    }
    every = [p for c in doc.get("condition", []) for p in c["words"]]
    return Vocabulary(conditions, quantities, _any(doc["change"]["words"]), _any(every))


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _statements(facts: pd.DataFrame, words: Vocabulary) -> pd.DataFrame:
    """Percent and ratio figures whose sentence names a condition and a change."""
    if facts.empty or not {"unit", "evidence", "low", "high"} <= set(facts.columns):
        return facts.iloc[0:0]
    stated = facts[facts["unit"].isin(_STATED_UNITS).to_numpy(dtype=bool)]
    if "value_type" in stated.columns:
        stated = stated[stated["value_type"].astype(str) != ValueType.CATEGORICAL.value]
    if stated.empty:
        return stated
    evidence = stated["evidence"].fillna("").astype(str)
    sentences = pd.unique(evidence.to_numpy())
    named = {s for s in sentences if words.any_condition.search(s) and words.change.search(s)}
    return stated[evidence.isin(named).to_numpy(dtype=bool)] if named else stated.iloc[0:0]


def _units_named(sentence: str, words: Vocabulary) -> frozenset[str] | None:
    """The units of the quantities the sentence names; None when it names none (performance
    in general)."""
    named = [units for pattern, units in words.quantities.values() if pattern.search(sentence)]
    return frozenset().union(*named) if named else None


def _stripped(qualifier: str, pattern: re.Pattern[str]) -> str:
    return " ".join(pattern.sub(" ", qualifier).split())


def _pairs(page: list[dict[str, object]], condition: Condition) -> list[tuple[Fig, Fig]]:
    """(off, on) figures of one entity and metric whose qualifiers differ only by the
    condition's words."""
    ons: list[tuple[Fig, str]] = []
    offs: list[tuple[Fig, str]] = []
    for row in page:
        qualifier = _text(row["qualifier"])
        on, off = bool(condition.on.search(qualifier)), bool(condition.off.search(qualifier))
        if on != off:
            (ons if on else offs).append(
                (row, _stripped(qualifier, condition.on if on else condition.off))
            )
    return [
        (b, a)
        for b, rest in offs
        for a, other in ons
        if other == rest
        and (a["entity"], a["metric"], a["unit"]) == (b["entity"], b["metric"], b["unit"])
    ]


def _readings(off: float, on: float, unit: str) -> list[float]:
    """The sizes a change between the two figures may be stated as: a percent of either
    figure, or their ratio."""
    if off <= 0 or on <= 0:
        return []
    if unit == "percent":
        return [abs(1 - on / off) * 100, abs(on / off - 1) * 100, abs(1 - off / on) * 100]
    return [max(on, off) / min(on, off)]


def _holds(stated: pd.Series, off: Fig, on: Fig) -> bool:
    low, high = float(stated["low"]), float(stated["high"])
    unit = str(stated["unit"])
    if unit == "percent":
        slack_low = max(_SLACK_POINTS, _SLACK * low)
        slack_high = max(_SLACK_POINTS, _SLACK * high)
    else:
        slack_low, slack_high = _SLACK * (low - 1), _SLACK * (high - 1)
    a, b = float(str(off["low"])), float(str(on["low"]))
    spread = rounding_tolerance(a) + rounding_tolerance(b)  # '~57K' against '~46K'
    for reading in _readings(a, b, unit):
        margin = spread * (reading if unit != "percent" else 100 + reading)
        if low - slack_low - margin <= reading <= high + slack_high + margin:
            return True
    return False


def _finding(
    stated: pd.Series, condition: Condition, pairs: list[tuple[pd.Series, pd.Series]]
) -> Finding:
    off, on = pairs[0]
    a, b = float(off["low"]), float(on["low"])
    drop = abs(1 - b / a) * 100
    rise = abs(b / a - 1) * 100 if b > a else abs(a / b - 1) * 100
    explanation = (
        f"{stated['source']}: {_text(stated['evidence']).strip()!r} states {stated['raw_value']!r} "
        f"for {condition.name}, but the page's own pair for {off['entity']} "
        f"({off['raw_value']!r} without, {on['raw_value']!r} with) is a {drop:.1f} % change "
        f"({rise:.1f} % the other way round)"
        + (f", and no other of its {len(pairs)} pairs gives it." if len(pairs) > 1 else ".")
    )
    ids = [str(stated["claim_id"])] + [str(r["claim_id"]) for pair in pairs for r in pair]
    return make_finding(
        FindingKind.RELATION_MISMATCH,
        Scope.SAME_PAGE,
        Severity.LOW,
        str(off["entity"]),
        _text(off["metric"]) or None,
        None,
        explanation,
        ids,
        rule="stated_changes",
    )


def find_stated_changes(facts: pd.DataFrame) -> list[Finding]:
    """Findings (same page, low) for each stated change that no pair of its page's figures for
    the two conditions gives."""
    words = vocabulary()
    statements = _statements(facts, words)
    if statements.empty or not set(_READ) <= set(facts.columns):
        return []
    # only the statements' pages, only the columns a pair reads: facts carry many columns
    here = facts[facts["source"].isin(set(statements["source"])).to_numpy(dtype=bool)][_READ]
    low = here["low"].to_numpy(dtype=float)
    here = here[np.isfinite(low) & ~here["unit"].isin(_STATED_UNITS).to_numpy(dtype=bool)]
    pages = {str(s): g.to_dict("records") for s, g in here.groupby("source", sort=False)}
    findings: list[Finding] = []
    for source, stated_here in statements.groupby("source", sort=True):
        page = pages.get(str(source), [])
        pairs_of: dict[str, list[tuple[Fig, Fig]]] = {}
        for _, stated in stated_here.iterrows():
            sentence = _text(stated["evidence"])
            units = _units_named(sentence, words)
            for condition in words.conditions:
                if not condition.words.search(sentence):
                    continue
                if condition.name not in pairs_of:
                    pairs_of[condition.name] = _pairs(page, condition)
                pairs = [
                    (a, b)
                    for a, b in pairs_of[condition.name]
                    if units is None or str(a["unit"]) in units
                ]
                if pairs and not any(_holds(stated, a, b) for a, b in pairs):
                    findings.append(_finding(stated, condition, pairs))
    return findings
