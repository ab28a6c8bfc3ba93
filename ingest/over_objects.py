"""A figure after "A brings improvements over B, such as 320MHz channels": A's, not B's.

Why: the nearest name before a figure owns it (ingest.attribution), but the name after "over"
in "improvements over B" is what the subject is measured against; the figures the sentence
then lists are the subject's, except the ones its own words give back to B ("the previous
160MHz max", "instead of 10").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

from crosscheck.ingest.entities import Mention
from crosscheck.ingest.spans import FigureSpan

# "improvements over", "an upgrade over the": a name after it is the compared-against side
_OVER = re.compile(
    r"\b(?:improvements?|upgrades?|advances?|advantages?|gains?|edge)\s+over\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "the previous 160MHz max", "instead of 10": the figure's own words name the other side
_OTHER_SIDE = re.compile(
    r"\b(?:previous|prior|older|former|instead\s+of|rather\s+than|than|from)\s+(?:the\s+)?[~≈]?$",
    re.IGNORECASE,
)


class _Named(Protocol):
    mention: Mention
    counterpart: bool


def over_owner(
    text: str, span: FigureSpan, names: Sequence[_Named], name_of: Callable[[_Named], str]
) -> str | None:
    """The owner of a value after "<subject> ... improvements over <B>" in one sentence: the
    subject, or B where the figure's own words point back at it; None in any other sentence."""
    before = [n for n in names if n.mention.end <= span.start]
    if len(before) < 2:
        return None
    over = next(
        (
            n
            for n in before[1:]
            if _OVER.search(text, max(0, n.mention.start - 40), n.mention.start)
        ),
        None,
    )
    if over is None or before[0].counterpart or before[0] is over:
        return None
    if any(n.mention.start > over.mention.start for n in before if n is not over):
        later = [n for n in before if n.mention.start > over.mention.end]
        if any(not _merged_with(text, over, n) for n in later):
            return None  # another name after B: the nearest-name rules decide
    if _OTHER_SIDE.search(text, max(0, span.start - 24), span.start):
        return name_of(over)
    return name_of(before[0])


def _merged_with(text: str, first: _Named, then: _Named) -> bool:
    """'Wi-Fi 6 and 6E': a second name joined to B by "and" / "/" is B's side too."""
    gap = text[first.mention.end : then.mention.start]
    return re.fullmatch(r"\s*(?:and|&|/|,)\s*", gap) is not None
