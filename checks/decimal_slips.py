"""A ratio two pages state with the decimal point moved: "27 times more memory than B" on one
page, "2.7x of B" on another, for the same two entities, the same way round.

Why: two pages may measure a pair differently (another benchmark, another version), so a
plain difference in size is no finding (checks.relations flags only opposite directions).
The same digits at ten or a hundred times the size are no other measurement but a decimal
point lost or added in one of them. Tied only when the digits (two or more significant) are
the same, both statements (each sentence naming an entity) give the two entities in the same
order and direction, and the quantity one names (its metric or phrase) is named in the
other's sentence too. The figures of the pair on either page say which to believe, when a
pair of them gives one reading.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.frame_records import records
from crosscheck.checks.statement_readings import unnamed

from crosscheck.contracts import FindingKind, Scope, Severity

__all__ = ["find_decimal_slips"]

_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[a-z]{4,}")
# words of a metric or phrase that name no quantity
_GENERIC = frozenset({"time", "usage", "more", "less", "than", "with", "performance", "speed"})
MATCH = 0.05  # a pair of figures gives a reading within 5 %


def _digits(raw: object) -> str | None:
    """The stated number's significant digits ("2.7x" → "27"), with two or more of them."""
    found = _DIGITS.search(str(raw or ""))
    if found is None:
        return None
    digits = re.sub(r"\D", "", found.group(0)).strip("0")
    return digits if len(digits) >= 2 else None


def _words(rel: dict[str, Any]) -> set[str]:
    text = f"{rel.get('metric') or ''} {rel.get('phrase') or ''}".replace("_", " ").lower()
    return {w for w in _WORD.findall(text) if w not in _GENERIC}


def _tied(r1: dict[str, Any], r2: dict[str, Any]) -> bool:
    """Whether the quantity one statement names is named in the other's sentence."""
    for one, two in ((r1, r2), (r2, r1)):
        sentence = str(two.get("evidence") or "").lower()
        if any(w in sentence for w in _words(one)):
            return True
    return False


def _slipped(v1: float, v2: float) -> bool:
    """Whether one value is the other times 10 or 100."""
    if v1 <= 0 or v2 <= 0 or v1 == v2:
        return False
    k = math.log10(max(v1, v2) / min(v1, v2))
    return k > 0.5 and abs(k - round(k)) < 1e-6 and round(k) <= 2


def find_decimal_slips(
    relations: pd.DataFrame, facts: pd.DataFrame | None = None
) -> list[tuple[tuple[int, int], Finding]]:
    """Cross-source pairs of statements (rows i < j of `relations`) whose stated ratios are
    one number with its decimal point moved (medium), each with the rows it rests on."""
    rows = records(relations)
    groups: dict[tuple[str, str, str], list[int]] = {}
    for at, rel in enumerate(rows):
        low, high = rel.get("low"), rel.get("high")
        if not rel.get("b") or low is None or high is None or low != high:
            continue
        if not (math.isfinite(float(low)) and float(low) > 0 and _digits(rel["raw_value"])):
            continue
        if unnamed(rel):
            continue  # who leads was guessed from the page around the sentence
        key = (str(rel["a"]), str(rel["b"]), str(rel.get("direction") or ""))
        groups.setdefault(key, []).append(at)
    found: list[tuple[tuple[int, int], Finding]] = []
    for key in sorted(groups):
        members = groups[key]
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                r1, r2 = rows[i], rows[j]
                if r1["source"] == r2["source"] or r1["aspect"] != r2["aspect"]:
                    continue
                if _digits(r1["raw_value"]) != _digits(r2["raw_value"]):
                    continue
                if not _slipped(float(r1["low"]), float(r2["low"])) or not _tied(r1, r2):
                    continue
                found.append(((i, j), _finding(r1, r2, facts)))
    return found


def _measured(
    facts: pd.DataFrame | None, r1: dict[str, Any], r2: dict[str, Any]
) -> tuple[dict[str, Any], str] | None:
    """(the statement a pair of figures on either page gives, those figures as written)."""
    if facts is None or facts.empty or not {"entity", "low", "high", "unit"} <= set(facts):
        return None
    near = facts[
        facts["source"].isin([r1["source"], r2["source"]])
        & facts["entity"].isin([r1["a"], r1["b"]])
        & (facts["low"] == facts["high"])
        & (facts["low"] > 0)
    ]
    for (source, _unit), group in near.groupby(["source", "unit"], sort=True):
        a, b = group[group["entity"] == r1["a"]], group[group["entity"] == r1["b"]]
        if len(a) != 1 or len(b) != 1:
            continue
        ratio = float(a["low"].iloc[0]) / float(b["low"].iloc[0])
        ratio = max(ratio, 1 / ratio)
        given = [r for r in (r1, r2) if abs(ratio / float(r["low"]) - 1) <= MATCH]
        if len(given) == 1:
            raws = f"{a['raw_value'].iloc[0]!r} vs {b['raw_value'].iloc[0]!r} on {source}"
            return given[0], raws
    return None


def _finding(r1: dict[str, Any], r2: dict[str, Any], facts: pd.DataFrame | None) -> Finding:
    measured = _measured(facts, r1, r2)
    if measured is None:
        believe = "the pair's measured figures say which one to believe"
    else:
        rel, raws = measured
        believe = f"the measured {raws} give {rel['raw_value']!r}: believe {rel['source']}"
    explanation = (
        f"{r1['raw_value']!r} ({r1['label']}) on {r1['source']} and {r2['raw_value']!r} "
        f"({r2['label']}) on {r2['source']} state {r1['a']} against {r1['b']} with the same "
        f"digits and the decimal point moved: one of them lost or gained it; {believe}."
    )
    return make_finding(
        FindingKind.RELATION_MISMATCH,
        Scope.CROSS_SOURCE,
        Severity.MEDIUM,
        f"{r1['a']} + {r1['b']}",
        None,
        None,
        explanation,
        [r1["claim_id"], r2["claim_id"]],
        rule="decimal point",
    )
