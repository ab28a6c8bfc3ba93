"""A value chain 'A @ B' ("52 CUs @ 1.825 GHz", "10GB @ 560 GB/s"): two figures, each the
other's condition.

Why: "@" before a figure marks a test bed's setting ("Intel Xeon CPU @ 2.20GHz": the clock of
the machine that ran the test), so the figure after it was never read; but where the words
before "@" are themselves a figure with its unit or its counted noun, the line states two
figures of one part at once (the GPU's compute units and their clock, a memory pool and its
bandwidth), as a spec sheet writes them. The second figure then takes the first one's
standing: a figure when the first is one, a setting when the first is a setting ("CPU: 8 cores
@ 3.2 GHz" on a benchmark's test bed stays a setting). Each side names the other as its
condition, so two pools of one line ("10GB @ 560 GB/s, 6GB @ 336 GB/s") are told apart.
"""

from __future__ import annotations

import re

from crosscheck.ingest.labels import unit_of
from crosscheck.ingest.nonfigures import NotFigure
from crosscheck.ingest.number_words import chain_count_nouns
from crosscheck.ingest.spans import FigureSpan

__all__ = ["SPREAD_CONDITION", "at_chains"]

Figures = list[tuple[FigureSpan, NotFigure | None]]

# between the first figure and the second: maybe the first one's counted noun, then "@"
_AT_GAP = re.compile(r"(?:\s?(?P<noun>[^\W\d_][\w-]{0,15}(?:\s[a-z]{2,12})?))?\s?@\s?")
# "36 CUs at 2.23GHz": both are figures already; the count keeps its noun
_AT_WORD_GAP = re.compile(r"\s(?P<noun>[^\W\d_][\w-]{0,15}(?:\s[a-z]{2,12})?)\sat\s")
# a measurement and its spread: "1.19 ms ± 70.7 µs", "5,484 ns/iter (+/- 438)"
_SPREAD_GAP = re.compile(r"(?:/[A-Za-z]{1,8})?\s*\(?\s*(?:±|\+/-|\+-)\s*")
SPREAD_CONDITION = "± spread"  # the spread of the figure before it, no value of that metric
# between two chains of one list: "10GB @ 560 GB/s, 6GB @ 336 GB/s"
_LIST_GAP = re.compile(r"\s*(?:,|;|and)\s*")
_LETTER = re.compile(r"[^\W\d_]")


def at_chains(text: str, figures: Figures) -> tuple[Figures, dict[int, list[str]]]:
    """`figures` with the second figure of each 'A @ B' chain read as a figure where A is one,
    and the condition each side of a chain adds (by the figure's start)."""
    if len(figures) < 2 or not ("@" in text or " at " in text or "±" in text or "+/-" in text):
        return figures, {}
    out = list(figures)
    conditions: dict[int, list[str]] = {}
    for i in range(1, len(out)):
        first, first_reason = out[i - 1]
        second, reason = out[i]
        if reason is None and _SPREAD_GAP.fullmatch(text, first.end, second.start):
            conditions.setdefault(second.start, []).append(SPREAD_CONDITION)
            continue  # "1.19 ms ± 70.7 µs": the spread is no second measurement of the metric
        worded = _AT_WORD_GAP.fullmatch(text, first.end, second.start)
        if worded and first_reason is None and reason is None:
            out[i - 1] = (_counted(text, first, worded), None)
            continue
        gap = _AT_GAP.fullmatch(text, first.end, second.start)
        if gap is None or not _LETTER.search(unit_of(second.text)):
            continue
        if first_reason is NotFigure.SETTING and _opens_another(text, out, i - 1):
            first_reason = None  # "…, 6GB @ 336 GB/s" after a chain: a setting by listing only
            out[i - 1] = (first, None)
        if first_reason is not None or reason not in (None, NotFigure.SETTING):
            continue
        noun = gap.group("noun")
        if not (_LETTER.search(unit_of(first.text)) or _counts(noun)):
            continue  # "8 @ 3.2 GHz", "Xeon 6148 CPU @ 2.4GHz": no unit, no counted part
        out[i] = (second, None)
        left = f"{first.text} {noun}" if noun else first.text
        out[i - 1] = (_counted(text, first, gap), None)
        conditions.setdefault(first.start, []).append(f"@ {second.text}")
        conditions.setdefault(second.start, []).append(left)
    return out, conditions


def _counted(text: str, first: FigureSpan, gap: re.Match[str]) -> FigureSpan:
    """A bare count with the noun after it ("52 CUs"), so that it takes no unit from the
    figure before it ("12 TFLOPS, 52 CUs"); any other figure as it is."""
    noun = gap.group("noun")
    if not _counts(noun) or _LETTER.search(unit_of(first.text)):
        return first
    end = gap.start("noun") + len(noun)
    return FigureSpan(text[first.start : end], first.start, end)


def _counts(noun: str | None) -> bool:
    """Whether the word after a bare count names counted parts ("cores", "CUs")."""
    return noun is not None and noun.lower() in chain_count_nouns()


def _opens_another(text: str, figures: Figures, i: int) -> bool:
    """Whether figure i follows a chain already read as figures, after a list's comma."""
    if i < 2:
        return False
    before, before_reason = figures[i - 1]
    chained = _AT_GAP.fullmatch(text, figures[i - 2][0].end, before.start) is not None
    return (
        chained
        and before_reason is None
        and _LIST_GAP.fullmatch(text, before.end, figures[i][0].start) is not None
    )
