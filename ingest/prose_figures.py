"""Which numbers of a sentence are figures: each span with the reason it is none, and the
numbers inside a name the page mentions.

Why: split from ingest.prose (its sentence walk asks these per sentence, kept per sentence by
the caller); the reasons themselves are ingest.nonfigures'. The small per-figure tests of that
walk (a lead-in's metric, a limit past 'if you need', a condition's words) live here too.
"""

from __future__ import annotations

import re

from crosscheck.ingest.entities import Mention
from crosscheck.ingest.labels import role_of
from crosscheck.ingest.lexicon import Lexicon
from crosscheck.ingest.nonfigures import NotFigure, why_not
from crosscheck.ingest.spans import FigureSpan
from crosscheck.ingest.value_pairs import is_word

from crosscheck.contracts import ClaimRole

__all__ = [
    "beyond_limit",
    "lead_in_metric",
    "outside_names",
    "plain_values",
    "sentence_figures",
    "widen",
]

_LIST_GAP = re.compile(r"\s*(?:and|or|et|und|i|,)\s*$")
# A longer lead-in without figures ("Cold starts show large differences: A in 8-15ms, B in
# 40-60ms"): the metric phrase it holds labels the figures after the colon.
_LONG_LEAD = re.compile(r"\s*([A-Za-z][^:\d]{1,90}?)\s*:\s+\D")
_DIGIT = re.compile(r"\d")
_BARE_NUMBER = re.compile(r"[~≈]?[\d.,]+\+?")


def sentence_figures(
    text: str,
    spans: tuple[FigureSpan, ...],
    lex: Lexicon,
    ends: set[int],
    covered: list[tuple[int, int]],
) -> list[tuple[FigureSpan, NotFigure | None]]:
    """Each figure of a sentence with the reason it is no figure, or None (kept per sentence
    and name ends by the caller: read only)."""
    figures: list[tuple[FigureSpan, NotFigure | None]] = []
    for span in spans:
        reason = why_not(text, span, lex, ends, covered)
        if reason is None and figures and figures[-1][1] is not None:
            # "cores 2 and 3", "between 150 and 9600 VUs": the second number is like the first;
            # one of another kind is no continuation ("By 2025, 65% of ...": a share, no year)
            previous = figures[-1][0]
            if _LIST_GAP.match(text, previous.end, span.start) and _alike(previous, span):
                reason = figures[-1][1]
        figures.append((span, reason))
    return figures


def _alike(first: FigureSpan, second: FigureSpan) -> bool:
    """Whether two listed figures are of one kind: both bare numbers, or both with a unit."""
    return (_BARE_NUMBER.fullmatch(first.text) is None) == (
        _BARE_NUMBER.fullmatch(second.text) is None
    )


def outside_names(
    figures: list[tuple[FigureSpan, NotFigure | None]], every: list[Mention]
) -> list[tuple[FigureSpan, NotFigure | None]]:
    """A number inside a name the page mentions ("RTX 4080", "iPhone 14 Pro") is part of the
    name, no figure (the scan's reasons are shared: a new list, never edited in place)."""
    if not every:
        return figures
    inside = [(m.start, m.start + len(m.text)) for m in every]
    out = figures
    for at, (span, reason) in enumerate(figures):
        if reason is None and any(a <= span.start and span.end <= b for a, b in inside):
            if out is figures:
                out = list(figures)
            out[at] = (span, NotFigure.IDENTIFIER)
    return out


def plain_values(
    text: str, figures: list[tuple[FigureSpan, NotFigure | None]], lex: Lexicon
) -> list[FigureSpan]:
    """The figures of a sentence that state one entity's value (no comparison, no setting)."""
    return [
        span
        for span, reason in figures
        if reason is None and not is_word(span) and role_of(text, span, lex) is ClaimRole.VALUE
    ]


def lead_in_metric(text: str, every: list[Mention], lex: Lexicon) -> str | None:
    """The metric phrase of a sentence's lead-in before a colon, when the lead-in names no
    entity and holds no figure: 'Cold starts' of 'Cold starts differ a lot: A in 8-15ms'."""
    long = _LONG_LEAD.match(text)
    if long is None or any(m.start < long.end(1) for m in every):
        return None
    found = lex.metric.search(text, long.start(1), long.end(1))
    return found.group().strip() if found else None


def beyond_limit(text: str, span: FigureSpan, after: int, lex: Lexicon) -> bool:
    """Whether a figure past a recommendation's "if you need" (at `after`) is written beyond
    a limit: "more than 128 MB" (the bound inside the span), "longer than 30 seconds"."""
    if span.start < after:
        return False
    digit = _DIGIT.search(span.text)
    lead = span.text[: digit.start()] if digit else ""
    before = text[max(0, span.start - 16) : span.start] + lead
    return bool(lex.beyond_before.search(before))


def widen(text: str, span: FigureSpan) -> str:
    """A condition number with the word after it ("80 GB SXM", "setting 100")."""
    match = re.match(r"\s+[A-Za-z][\w-]*", text[span.end :])
    return (span.text + match.group()) if match else span.text
