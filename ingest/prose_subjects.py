"""The subject prose speaks of between sentences: the last named subject, a section line that
resets the comparisons' winner, a name written with its version, a group ("all three").

Why: a clause without a name speaks of the sentence's or the previous sentence's subject; this
state is kept apart from `prose`'s clause walk, which asks it per sentence.
"""

from __future__ import annotations

import re

from crosscheck.ingest.anaphors import note_pair
from crosscheck.ingest.attribution import (
    Named,
    ProseState,
    entity_name,
    is_modifier,
    is_part,
    paren_close,
)
from crosscheck.ingest.bound_names import BoundMention
from crosscheck.ingest.entities import Mention
from crosscheck.ingest.nonfigures import NotFigure
from crosscheck.ingest.spans import FigureSpan

_MORE_PARTS = re.compile(r"(?:\.\d+)+(?![\w.])")
_GROUP_SIZES = {"both": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_SECTION_LINE = 80


def note_subject(
    text: str,
    state: ProseState,
    names: list[Named] | None = None,
    versioned: dict[str, str] | None = None,
) -> None:
    """Remember the sentence's subject: a later clause without a name may speak of it (a
    line crediting the data's source names none); with the version the sentence wrote after
    it (`versioned`, as with_versions), so 'Its memory ...' is 'gcc 9.3.0's, not gcc's."""
    if state.lex.source_credit.match(text):
        return
    if names is None:  # the cheap path for the many lines without a figure
        mentions = state.finder.mentions(text)
        if len(mentions) >= 2:  # "A outclasses B." then "the former averages ...": the pair
            focus = state.focus
            note_pair(
                [_written(m.text) for m in mentions if not focus or m.canonical in focus], state
            )
        if mentions and state.lex.part_word.search(text):
            parts = [m for m in mentions if is_part(text, m.start, state.lex)]
            state.last_part = parts[-1].text if parts else state.last_part
        for m in _compared_runs(mentions, text, state):  # "The Kindle Paperwhite offers"
            if state.focus and m.canonical not in state.focus:
                continue
            before = text[max(0, m.start - 40) : m.start]
            if state.lex.comparison_marker.search(before) or paren_close(text, m.start):
                continue
            if is_modifier(text, m, state):
                continue
            state.last_subject = _written(m.text)
            _new_section(text, state)
            return
        return
    found = (
        [m for m in state.finder.mentions(text) if is_part(text, m.start, state.lex)]
        if state.lex.part_word.search(text)
        else []
    )
    if found:  # a part of a focused page's subject is no subject, yet "the chip" is it
        state.last_part = found[-1].text
    for n in names:
        if isinstance(n.mention, BoundMention):
            continue  # owners28: the owner of its slot's figure only, never carried on
        if not n.counterpart and n.closed_paren_end is None:
            name = entity_name(n)
            full = versioned.get(name, name) if versioned else name
            # a release ('9.3.0', '4.1') is carried on; a line's major alone ('4' of '4.x') not
            state.last_subject = full if "." in full[len(name) :] else name
            _new_section(text, state)
            return


def _compared_runs(mentions: list[Mention], text: str, state: ProseState) -> list[Mention]:
    """`mentions` with a compared name written right after another one joined to it: on a
    page comparing "Kindle" and "Paperwhite", "the Kindle Paperwhite" is one subject, the
    second (as ingest.attribution joins the names of a figure's sentence)."""
    if len(mentions) < 2:
        return mentions
    compared = {state.finder.canonical(c) for c in state.compared}
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        joined = m.canonical in compared and m.text[:1].isupper()  # a name's word, capitalised
        joined = joined and prev is not None and 0 < m.start - prev.end <= 2
        if prev is not None and joined and not text[prev.end : m.start].strip():
            out[-1] = Mention(prev.start, m.end, text[prev.start : m.end], m.canonical)
            continue
        out.append(m)
    return out


def _new_section(text: str, state: ProseState) -> None:
    """A section line naming a subject ("Reasons to consider the B"): the comparisons under
    it are its subject's, not the winner of those above."""
    if len(text) <= _SECTION_LINE and not text.rstrip().endswith((".", "!", "?")):
        state.last_relation_subject = None


def with_versions(
    text: str, figures: list[tuple[FigureSpan, NotFigure | None]], names: list[Named]
) -> dict[str, str]:
    """'PostgreSQL 16 sustained …': the name as written keeps its version, so the figure and
    a table column headed "PostgreSQL 16" speak of the same thing."""
    versions = {span.start: span.end for span, reason in figures if reason is NotFigure.VERSION}
    out: dict[str, str] = {}
    for n in names:
        gap = len(text[n.mention.end :]) - len(text[n.mention.end :].lstrip(" "))
        end = versions.get(n.mention.end + gap) if 0 < gap <= 2 else None
        if end is not None:
            name = entity_name(n)  # without a variant already taken ("Fastify 4.x:")
            more = _MORE_PARTS.match(text, end)  # 'gcc 4.2.1': the span reads '4.2' only
            end = more.end() if more else end
            out.setdefault(name, name + text[n.mention.end : end])
    return out


def group_of(as_written: str, state: ProseState) -> str:
    """Every compared entity when the group's size fits ("all three" of three, "both" of the
    title's two), else the group as written ("All four")."""
    words = as_written.lower().split()
    size = _GROUP_SIZES.get(words[-1]) if words else None
    if size is None and words and words[-1].isdigit():
        size = int(words[-1])
    titled = len(state.titled) >= 2 and state.titled == state.compared
    if len(state.compared) >= 2 and (size == len(state.compared) or (size is None and titled)):
        return " + ".join(state.compared)
    return as_written


def _written(name: str) -> str:
    """A mention as an entity is written: without its possessive ("Deno’s")."""
    return name.rstrip("’'").removesuffix("’s").removesuffix("'s")
