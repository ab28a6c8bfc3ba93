"""Two values of one sentence joined by "vs", "/" or "and": which entity each belongs to.

Why: "A used half the memory of B (1.1 GB vs 2.4 GB)" gives each value to its own name in order,
and "4950 vs 3349 mAh" in a sentence naming nobody pairs the second value with the first; read
apart from the clause walk in `prose`, which asks for the pairs once per sentence.
"""

from __future__ import annotations

import re
from itertools import pairwise

from crosscheck.ingest.attribution import Named, entity_name
from crosscheck.ingest.labels import unit_of
from crosscheck.ingest.nonfigures import NotFigure
from crosscheck.ingest.spans import FigureSpan
from crosscheck.ingest.value_chains import chained_values

_DIGIT = re.compile(r"\d")
_PAIR_GAP = re.compile(r"(?:/[A-Za-z]{1,6})?\s*(?:vs\.?|versus|/|against)\s*$", re.IGNORECASE)
# "… ($0.062/min vs CircleCI's $0.120/min)": the other side named between the two values
_NAMED_PAIR_GAP = re.compile(
    r"(?:/[A-Za-z]{1,6})?\s*(?:vs\.?|versus|against)\s+(\S[^,;()]{0,40}?)(?:['’]s)?\s*$",
    re.IGNORECASE,
)
# "battery capacity: 4950 vs 3349 mAh" in a sentence naming nobody: the second value is the
# other compared entity's (the first is the sentence's owner)
_VERSUS_GAP = re.compile(r"\s*\(?\s*(?:vs\.?|versus)\s*$", re.IGNORECASE)
_AND_GAP = re.compile(r"\s+and\s+")
_UNIT_WORD = re.compile(r"\s+(?:points|pts|score)\b", re.IGNORECASE)
_RELATION_BEFORE = re.compile(r"\d\s?(?:%|x\b|×)[^:]{0,80}:\s*$")


def is_word(span: FigureSpan) -> bool:
    return not _DIGIT.search(span.text)


def paired_values(
    text: str, figures: list[tuple[FigureSpan, NotFigure | None]], names: list[Named]
) -> dict[int, str]:
    """'A used half the memory of B (1.1 GB vs 2.4 GB)': two values joined by "vs" with no name
    between them belong, in order, to the first two names of the sentence."""
    values = [span for span, reason in figures if reason is None and not is_word(span)]
    out = chained_values(text, values, names)  # "36 vs 34 vs 32" after "A vs B vs C"
    for first, second in pairwise(values):
        if first.start in out:
            continue
        named = _NAMED_PAIR_GAP.match(text, first.end, second.start)
        if named is not None:
            _pair_with_named(out, first, second, named.start(1), names)
            continue
        if not _PAIR_GAP.match(text, first.end, second.start):
            continue
        if any(first.start <= n.mention.start < second.end for n in names):
            continue
        before: list[str] = []
        for n in names:
            name = entity_name(n)
            if n.mention.end <= first.start and name not in before:
                before.append(name)
        if len(before) == 2:
            out[first.start], out[second.start] = before
    return out


def versus_seconds(text: str, values: list[FigureSpan]) -> dict[int, FigureSpan]:
    """The second value of each "N vs M" pair (→ the first value) of a sentence naming nobody;
    after a comparison ("68% faster …: 2513 and 1500 points") a bare number "and" a number
    with a unit is such a pair too."""
    out: dict[int, FigureSpan] = {}
    for first, second in pairwise(values):
        if is_word(first):
            continue
        if _VERSUS_GAP.match(text, first.end, second.start) or (
            _AND_GAP.fullmatch(text, first.end, second.start) and _and_pair(text, first, second)
        ):
            out[second.start] = first
    return out


def _and_pair(text: str, first: FigureSpan, second: FigureSpan) -> bool:
    """ "…: 2513 and 1500 points" after a comparison: a bare first number, a unit after the
    second, and a relation figure ("68%", "2x") earlier in the sentence."""
    if unit_of(first.text) or not (unit_of(second.text) or _UNIT_WORD.match(text, second.end)):
        return False
    return _RELATION_BEFORE.search(text, 0, first.start) is not None


def _pair_with_named(
    out: dict[int, str], first: FigureSpan, second: FigureSpan, at: int, names: list[Named]
) -> None:
    """'A is cheaper on macOS ($0.062/min vs B's $0.120/min)': the value after "vs B's" is
    B's, the one before it belongs to the name the sentence gave before the pair."""
    other = next((n for n in names if n.mention.start == at), None)
    if other is None:
        return
    counterpart = entity_name(other)
    before = [entity_name(n) for n in names if n.mention.end <= first.start]
    before = [name for name in before if name != counterpart]
    if before:
        out[first.start], out[second.start] = before[0], counterpart
