"""`conflict`: a figure and its conversion written side by side ("a 310-mile (436 km) range")
that do not agree: 310 miles is 499 km.

Why: a page that converts its own figure into another unit states one quantity twice; when the
conversion is wrong the reader cannot tell which of the two was measured. Both figures are
known at once (one phrase, the second in brackets right after the first), so no metric or
condition is needed to compare them. Where other figures of the entity (any page) agree with
one side within their written digits and none with the other, the finding names the closest
and says which side to believe (scope cross_source when they are on other pages).
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import ClaimRole, FindingKind, Scope, Severity

__all__ = ["find_unit_pair_slips"]

_READ = [
    "claim_id",
    "source",
    "entity",
    "metric",
    "raw_value",
    "unit",
    "low",
    "high",
    "evidence",
    "value_start",
    "role",
]
# what may stand between a figure and its conversion: an opening bracket, nothing else
_BETWEEN = re.compile(r"\s*[(\[]\s*")
# a bracket, maybe an approximation word, a digit; right after a unit word's last letter
_PAIR_SHAPE = re.compile(r"[(\[](?= ?(?:approx\. ?|about |around |~ ?|≈ ?)?\d)")
_LETTER_BEFORE = re.compile(r"[^\W\d_] ?$")
_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")
_LETTERS = re.compile(r"[^\W\d_]+")
# A writer rounds the converted figure: 3 % of the larger side, beyond each side's last digit.
_SLACK = 0.03


def _point(low: float, high: float) -> float | None:
    """The one value a side states (a lower bound's start: "more than 200 miles")."""
    if math.isfinite(low) and low > 0:
        return low
    if math.isfinite(high) and high > 0:
        return high
    return None


def _last_place(raw: str) -> float | None:
    """Half the place value of the written number's last significant digit, as a fraction of
    the number ("310" → 5/310, "436" → 0.5/436, "2.5" → 0.05/2.5)."""
    found = _NUMBER.search(raw)
    if found is None:
        return None
    text = found.group(0).replace(",", "")
    value = float(text)
    if value <= 0:
        return None
    if found.group(1):
        place = 10.0 ** -len(found.group(1))
    else:
        digits = text.rstrip("0")
        place = 10.0 ** (len(text) - len(digits)) if digits else 1.0
    return place / 2 / value


def _unit_word(raw: str) -> str:
    """The letters of a raw value (its written unit): "310-mile" → "mile"."""
    return " ".join(_LETTERS.findall(raw.lower()))


def _pairs(df: pd.DataFrame) -> list[tuple[int, int]]:
    """Positions (i, j) of figures of one sentence where j is written in brackets right
    after i, in another unit of the same quantity. Only sentences of that shape are read (one
    scan of the distinct sentences), and only figures right after a bracket as a second."""
    evidence = df["evidence"].to_numpy(dtype=object)
    codes, uniques = pd.factorize(evidence)
    rows = np.flatnonzero(np.isin(codes, _with_pair_shape(uniques)))
    if len(rows) < 2:
        return []
    starts = df["value_start"].to_numpy(dtype=float)
    in_sentence: dict[int, list[int]] = {}
    seconds = []
    for row in rows.tolist():
        at = starts[row]
        if not math.isfinite(at):
            continue
        in_sentence.setdefault(int(codes[row]), []).append(row)
        text, k = str(evidence[row]), int(at) - 1
        while k >= 0 and text[k] == " ":
            k -= 1
        if k >= 0 and text[k] in "([":
            seconds.append(row)
    out: list[tuple[int, int]] = []
    for j in seconds:
        before = [
            r for r in in_sentence[int(codes[j])] if starts[r] < starts[j] and _alike(df, r, j)
        ]
        if not before:
            continue
        i = max(before, key=lambda r: starts[r])
        if _side_by_side(df, i, j):
            out.append((i, j))
    return out


def _with_pair_shape(sentences: np.ndarray) -> np.ndarray:
    """Indexes of the distinct sentences holding a unit word, a bracket and a number
    ("310-mile (436km"): one regex scan of them joined, led by the bracket (a test per
    sentence cost 0.3 CPU-s at 10,000 synthetic pages, where most sentences hold a bracket)."""
    texts = sentences.tolist()
    if not texts:
        return np.zeros(0, dtype=np.int64)
    try:
        joined = "\n".join(texts)
    except TypeError:  # a sentence that is no text
        texts = [t if isinstance(t, str) else "" for t in texts]
        joined = "\n".join(texts)
    ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1)
    hits = [
        m.start()
        for m in _PAIR_SHAPE.finditer(joined)
        if _LETTER_BEFORE.search(joined, max(0, m.start() - 2), m.start())
    ]
    return np.unique(np.searchsorted(ends, np.asarray(hits, dtype=np.int64), side="right"))


def _alike(df: pd.DataFrame, i: int, j: int) -> bool:
    """Two figures of one page and entity (the sentence's other names' figures are no pair)."""
    return bool(
        df["source"].iat[i] == df["source"].iat[j] and df["entity"].iat[i] == df["entity"].iat[j]
    )


def _side_by_side(df: pd.DataFrame, i: int, j: int) -> bool:
    """Whether j is i's conversion: the same unit, only a bracket between, other unit words."""
    first, second = df.iloc[i], df.iloc[j]
    if first["unit"] != second["unit"]:
        return False
    raw = str(first["raw_value"])
    text = str(first["evidence"])
    start, end = int(first["value_start"]), int(second["value_start"])
    if text[start : start + len(raw)] != raw:
        return False
    if not _BETWEEN.fullmatch(text[start + len(raw) : end]):
        return False
    words = _unit_word(raw), _unit_word(str(second["raw_value"]))
    return all(words) and words[0] != words[1]


def _agree(a: float, b: float, ra: float, rb: float, slack: float = _SLACK) -> bool:
    """Whether two values agree within each one's last written digit (and `slack`)."""
    return abs(a - b) <= slack * max(a, b) + ra * a + rb * b


def find_unit_pair_slips(facts: pd.DataFrame) -> list[Finding]:
    """One finding per figure whose bracketed conversion in the same phrase disagrees."""
    if facts.empty or "value_start" not in facts.columns:
        return []
    mask = (facts["role"] == ClaimRole.VALUE.value) & facts["value_start"].notna()
    mask &= facts["evidence"].notna() & facts["unit"].notna()
    df = facts.loc[mask, [c for c in _READ if c in facts.columns]].reset_index(drop=True)
    if len(df) < 2:
        return []
    findings: list[Finding] = []
    for i, j in _pairs(df):
        first, second = df.iloc[i], df.iloc[j]
        a = _point(float(first["low"]), float(first["high"]))
        b = _point(float(second["low"]), float(second["high"]))
        ra, rb = _last_place(str(first["raw_value"])), _last_place(str(second["raw_value"]))
        if a is None or b is None or ra is None or rb is None or _agree(a, b, ra, rb):
            continue
        findings.append(_finding(facts, first, second, a, b, (ra, rb)))
    return findings


def _finding(
    facts: pd.DataFrame,
    first: pd.Series,
    second: pd.Series,
    a: float,
    b: float,
    places: tuple[float, float],
) -> Finding:
    """The finding of one pair, with the entity's other figures that side with one of them."""
    raw_a, raw_b = str(first["raw_value"]), str(second["raw_value"])
    number = _NUMBER.search(raw_b)
    written = float(number.group(0).replace(",", "")) if number else b
    explanation = (
        f"{first['entity']} on {first['source']}: {raw_a!r} is written with its conversion "
        f"{raw_b!r} in one phrase, but {raw_a!r} is {a * written / b:.4g} in the unit of "
        f"{raw_b!r}, not {written:g} ({abs(a - b) / max(a, b):.0%} apart): one of them is wrong."
    )
    sides = _supporters(facts, first, second, a, b, places)
    believe, support = sides
    if believe is not None:
        believed = raw_a if believe == 0 else raw_b
        doubted = raw_b if believe == 0 else raw_a
        shown = ", ".join(f"{r!r} ({s})" for _, r, s in support[:3])
        explanation += f" {shown} agree with {believed!r}: believe it, {doubted!r} is the slip."
    claims = [str(first["claim_id"]), str(second["claim_id"])] + [c for c, _, _ in support[:3]]
    elsewhere = any(s != str(first["source"]) for _, _, s in support[:3])
    return make_finding(
        FindingKind.CONFLICT,
        Scope.CROSS_SOURCE if elsewhere else Scope.SAME_PAGE,
        Severity.MEDIUM,
        str(first["entity"]),
        None if first["metric"] == "unmapped" else str(first["metric"]),
        None,
        explanation,
        claims,
        rule="unit_pair",
    )


def _supporters(
    facts: pd.DataFrame,
    first: pd.Series,
    second: pd.Series,
    a: float,
    b: float,
    places: tuple[float, float],
) -> tuple[int | None, list[tuple[str, str, str]]]:
    """Which side (0 first, 1 second) the entity's other point figures of the same metric and
    unit agree with, when they all agree with that one only, and those figures (claim, raw,
    source), closest first."""
    others = facts[
        (facts["entity"] == first["entity"])
        & (facts["metric"] == first["metric"])
        & (facts["unit"] == first["unit"])
        & (facts["role"] == ClaimRole.VALUE.value)
        & ~facts["claim_id"].isin([first["claim_id"], second["claim_id"]])
    ]
    if others.empty:
        return None, []
    with_a: list[tuple[float, str, str, str]] = []
    with_b: list[tuple[float, str, str, str]] = []
    lows = others["low"].to_numpy(dtype=float)
    highs = others["high"].to_numpy(dtype=float)
    for k in np.flatnonzero(np.isfinite(lows) & (lows == highs) & (lows > 0)):
        row = others.iloc[k]
        raw = str(row["raw_value"])
        place = _last_place(raw)
        if place is None:
            continue
        value = float(lows[k])
        # a supporter agrees within the digits written, no slack: another trim's 441 km is
        # no support for a 436 km conversion
        side_a = _agree(value, a, place, places[0], 0.0)
        side_b = _agree(value, b, place, places[1], 0.0)
        if side_a != side_b:
            near = abs(value - (a if side_a else b)) / value
            found = (near, str(row["claim_id"]), raw, str(row["source"]))
            (with_a if side_a else with_b).append(found)
    if bool(with_a) == bool(with_b):
        return None, []
    side, support = (0, with_a) if with_a else (1, with_b)
    return side, [(c, r, s) for _, c, r, s in sorted(support)]
