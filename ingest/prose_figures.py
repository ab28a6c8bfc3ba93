"""Which numbers of a sentence are figures: each span with the reason it is none, and the
numbers inside a name the page mentions.

Why: split from ingest.prose (its sentence walk asks these per sentence, kept per sentence by
the caller); the reasons themselves are ingest.nonfigures'.
"""

from __future__ import annotations

import re

from crosscheck.ingest.entities import Mention
from crosscheck.ingest.lexicon import Lexicon
from crosscheck.ingest.nonfigures import NotFigure, why_not
from crosscheck.ingest.spans import FigureSpan

__all__ = ["outside_names", "sentence_figures"]

_LIST_GAP = re.compile(r"\s*(?:and|or|et|und|i|,)\s*$")


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
            # "cores 2 and 3", "between 150 and 9600 VUs": the second number is like the first
            previous = figures[-1][0]
            if _LIST_GAP.match(text, previous.end, span.start):
                reason = figures[-1][1]
        figures.append((span, reason))
    return figures


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
