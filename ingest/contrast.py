"""Two figures of one sentence set against each other belong to two entities.

Why: "a single-core score of 126 to Apple's 142" and "528 per GPU (versus 432 ... on A100)"
give the second figure an owner of its own (a possessive before it, "on"/"for" and a name
after it); the first figure is then the other side's, even where the nearest name before it
is the second one's (docs/prose.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from crosscheck.ingest.attribution import Named, ProseState, entity_name
from crosscheck.ingest.lexicon import Lexicon
from crosscheck.ingest.spans import FigureSpan

_POSSESSIVE_BEFORE = re.compile(r"[\w.+-]+(?:'s|’s)\s+[~≈]?$")
_LAST_WORD = re.compile(r"(\S+\s+(?:the\s+)?)$", re.IGNORECASE)
_OWNER_REACH = 40


def contrast_pairs(text: str, spans: list[FigureSpan], lex: Lexicon) -> dict[int, FigureSpan]:
    """The first figure's start → the second figure, for each pair of neighbouring figures
    whose gap sets them against each other and whose second figure names its own owner."""
    pairs: dict[int, FigureSpan] = {}
    for first, second in pairwise(spans):
        if lex.contrast_gap.match(text[first.end : second.start]):
            pairs[first.start] = second
    return pairs


def owner_after(text: str, span: FigureSpan, names: list[Named], lex: Lexicon) -> str | None:
    """'432 3rd-gen Tensor Cores on A100)': the name that "on"/"for" gives the figure within a
    few words, before any parenthesis closes or sentence part ends."""
    for n in names:
        start = n.mention.start
        if start < span.end:
            continue
        gap = text[span.end : start]
        if start - span.end > _OWNER_REACH or any(c in gap for c in ").;,"):
            return None
        last = _LAST_WORD.search(gap)
        if last and lex.owner_after.match(" " + last.group(1)):
            return entity_name(n, text)
        return None
    return None


def other_side(
    text: str,
    span: FigureSpan,
    entity: str,
    partner: FigureSpan,
    names: list[Named],
    state: ProseState,
    partner_entity: Callable[[], str | None],
) -> str:
    """The entity of the first figure of a pair: unchanged unless the second figure has an
    owner of its own and the first was given the same one; then the nearest other name before
    it, else the page's one other compared entity."""
    lex = state.lex
    theirs = owner_after(text, partner, names, lex)
    if theirs is None and _POSSESSIVE_BEFORE.search(text, 0, partner.start):
        # "to B's 142": only a name the page knows owns it ("Apple's 142" may be any chip)
        owner = next((n for n in names if 0 <= partner.start - n.mention.end <= 3), None)
        theirs = partner_entity() if owner is not None else None
    if theirs is None or state.finder.canonical(theirs) != state.finder.canonical(entity):
        return entity
    before = [n for n in names if n.mention.end <= span.start]
    for n in reversed(before):
        name = entity_name(n, text)
        if state.finder.canonical(name) != state.finder.canonical(theirs):
            return name
    own = state.finder.canonical(theirs)
    others = [c for c in state.compared if state.finder.canonical(c) != own]
    return others[0] if len(others) == 1 else entity


def unnamed_counterpart(
    text: str,
    span: FigureSpan,
    names: list[Named],
    values: list[FigureSpan],
    lex: Lexicon,
    entity: str | None,
) -> bool:
    """Whether `span`, given to `entity`, follows "compared to" with no name after the
    marker, `entity` being the sentence's subject named before it with a figure of its own
    ("A has 24GB ..., compared to 16GB ..."): on a page of two products, the other one's
    figure. A figure already given to another name ("(3.1 TB vs 6.0 TB)" after "half the
    disk of B") keeps it."""
    marker = None
    for found in lex.unnamed_counterpart.finditer(text, 0, span.start):
        marker = found
    if marker is None:
        return False
    at, end = marker.start(), marker.end()
    if any(n.mention.start >= end for n in names):
        return False  # "compared to 285 W for the B": the name owns it
    subjects = {entity_name(n, text) for n in names if n.mention.end <= at and not n.counterpart}
    if subjects != {entity}:
        return False  # "half the disk of B (3.1 TB vs 6.0 TB)": two names, the pair's order
    if not any(v.end <= at for v in values):
        return False  # no figure of the subject's to set this one against
    return not lex.unnamed_counterpart_not.search(text, end)
