"""`diff_mismatch`: a total a sentence states for a count of parts ("three simultaneous streams,
for a total of 1,400 Mbps") that the page's own per-part figure ("433 Mbps per stream") does
not give (3 x 433 = 1,299 Mbps).

Why: spec prose multiplies a per-part rate or size by a count in the same breath; a total that
no per-part figure of the page gives is a slip (another generation's total, a rounding gone
wrong), and the page's own figures show it. The count may be written in words. Parts, the
words saying "total" and number words are data (checks/data/counted_totals.toml). A total is
flagged only when the page states per-part figures in its unit and none gives it within
rounding and 5 %; the nearest earlier per-part figure is cited.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pandas as pd
from crosscheck.checks.data_files import read_words
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.common.intervals import point_value, rounding_tolerance
from crosscheck.contracts import FindingKind, Scope, Severity

_READ = ["claim_id", "source", "entity", "raw_value", "low", "high", "bound", "unit", "evidence"]
_UNITS = ("B/s", "B")
_TOLERANCE = 0.05
_GAP = 60  # characters between the parts' count and the total's words


@dataclass(frozen=True)
class Part:
    name: str
    count: re.Pattern[str]  # "<number> <parts> ... <total words>" in one sentence
    per: re.Pattern[str]  # what follows a per-part figure's value


@functools.cache
def parts() -> tuple[Part, ...]:
    """checks/data/counted_totals.toml, compiled once."""
    doc = read_words("counted_totals.toml")
    words = "|".join(re.escape(str(w)) for w in doc.get("numbers", {}))
    total = "|".join(f"(?:{w})" for w in doc["total"]["words"])
    return tuple(
        Part(
            str(p["name"]),
            re.compile(
                rf"(?<![\w.,])(?P<n>\d+|{words})\s+(?:{p['count']})\b.{{0,{_GAP}}}?(?:{total})",
                re.IGNORECASE | re.DOTALL,
            ),
            re.compile(rf"^\W{{0,3}}{p['per']}", re.IGNORECASE),
        )
        for p in doc.get("part", [])
    )


@functools.cache
def _nouns() -> tuple[str, ...]:
    """The parts' plural nouns, lower case: a sentence without one is never read by the
    patterns (their number at every digit is most of the cost)."""
    doc = read_words("counted_totals.toml")
    return tuple(str(n).lower() for p in doc.get("part", []) for n in p.get("nouns", []))


@functools.cache
def _numbers() -> dict[str, int]:
    return {str(k).lower(): int(v) for k, v in read_words("counted_totals.toml")["numbers"].items()}


def _count(text: str) -> int:
    return int(text) if text.isdigit() else _numbers()[text.lower()]


def _per_part(page: pd.DataFrame, part: Part, unit: str) -> list[pd.Series]:
    """The page's figures in `unit` whose value is followed by the part's 'per' words."""
    found = []
    for _, row in page[page["unit"] == unit].iterrows():
        evidence, raw = str(row["evidence"]), str(row["raw_value"])
        at = evidence.find(raw)
        if at >= 0 and part.per.search(evidence[at + len(raw) :]):
            found.append(row)
    return found


def _point(row: pd.Series) -> float:
    """A figure's value ("up to 1,200 Mbps" is 1,200, not its open low end)."""
    bound = row["bound"]
    return point_value(
        float(row["low"]), float(row["high"]), None if pd.isna(bound) else str(bound)
    )


def _holds(count: int, per: float, total: float, per_raw: float, total_raw: float) -> bool:
    slack = _TOLERANCE + rounding_tolerance(per_raw) + rounding_tolerance(total_raw)
    return total > 0 and abs(count * per / total - 1) <= slack


def find_counted_totals(facts: pd.DataFrame) -> list[Finding]:
    """Findings (same page, medium) for stated totals of counted parts that no per-part
    figure of the page gives."""
    if facts.empty or not set(_READ) <= set(facts.columns):
        return []
    rows = facts[facts["unit"].isin(_UNITS).to_numpy(dtype=bool)][_READ]
    rows = rows[rows["evidence"].notna().to_numpy(dtype=bool)]
    if rows.empty:
        return []
    evidence = rows["evidence"].astype(str)
    every = parts()
    nouns = _nouns()
    named = {
        s
        for s in pd.unique(evidence.to_numpy())
        if any(n in s.lower() for n in nouns) and any(p.count.search(s) for p in every)
    }
    if not named:
        return []
    findings: list[Finding] = []
    totals = rows[evidence.isin(named).to_numpy(dtype=bool)]
    for _, total in totals.iterrows():
        sentence, raw = str(total["evidence"]), str(total["raw_value"])
        for part in every:
            m = part.count.search(sentence)
            if m is None or sentence.find(raw, m.end()) < 0:
                continue
            page = rows[(rows["source"] == total["source"]).to_numpy(dtype=bool)]
            candidates = [
                c
                for c in _per_part(page, part, str(total["unit"]))
                if c["claim_id"] != total["claim_id"]
            ]
            count = _count(m.group("n"))
            value = _point(total)
            if (
                not candidates
                or not value > 0
                or any(_holds(count, _point(c), value, _point(c), value) for c in candidates)
            ):
                continue
            findings.append(_finding(total, candidates, count, part))
    return findings


def _finding(total: pd.Series, candidates: list[pd.Series], count: int, part: Part) -> Finding:
    nearest = candidates[-1]  # content order: the last per-part figure before or near it
    given = count * _point(nearest)
    explanation = (
        f"{total['source']}: {total['raw_value']!r} is stated for {count} {part.name}s, but the "
        f"page's {nearest['raw_value']!r} per {part.name} gives {given / _point(total):.2f} "
        f"times that ({count} x {nearest['raw_value']}); no per-{part.name} figure of the page "
        f"gives the total."
    )
    return make_finding(
        FindingKind.DIFF_MISMATCH,
        Scope.SAME_PAGE,
        Severity.MEDIUM,
        str(total["entity"]),
        None,
        None,
        explanation,
        [str(total["claim_id"]), str(nearest["claim_id"])],
        rule="counted_totals",
    )
