"""What a sentence's text alone decides, read once per distinct text.

Why: the prose and verdict readers scan each sentence with several of the lexicon's regexes
(figures, word multipliers, cross-references, clause breaks, conditions); those scans depend
on the text alone, and pages repeat their sentences (over half of the sentences a 1,000-page
corpus reads were read before), so a process scans each distinct sentence once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from crosscheck.ingest.attribution import clauses
from crosscheck.ingest.lexicon import Lexicon
from crosscheck.ingest.spans import FigureSpan, find_prose_figures


@dataclass(frozen=True, eq=False)
class SentenceText:
    """A sentence's scans; shared between readings, so read only (copy before changing)."""

    spans: tuple[FigureSpan, ...]  # figures and word multipliers ("twice"), by start
    cross_reference: bool  # "see the table above": its figures are another block's
    parts: list[tuple[int, int]]  # the clauses, as attribution.clauses
    covered: list[tuple[int, int]]  # the lexicon's condition spans ("at 100 connections")
    conditions: tuple[str, ...]  # their texts, stripped, first occurrence of each
    # the readers' verdicts on the figures (prose: why each is no figure, or None), by the
    # offsets where the page's names end in the sentence: the only other input they read
    reasons: dict[frozenset[int], list[Any]] = field(default_factory=dict)


_MEMO_TEXTS = 8_192  # distinct texts kept per lexicon and memo (~7 MiB of sentences at most)


@dataclass(frozen=True, eq=False)
class _Memos:
    """One lexicon's memos; holds the lexicon so that its id is never reused while kept."""

    lex: Lexicon
    sentences: dict[str, SentenceText]
    multiplier: dict[str, bool]


# id(lexicon) -> its memos. Not lru_cache: hashing a Lexicon hashes its compiled patterns
# (~10 µs; a pattern alone 1-3 µs), more than most of the scans kept.
_MEMOS: dict[int, _Memos] = {}


def _memos(lex: Lexicon) -> _Memos:
    memos = _MEMOS.get(id(lex))
    if memos is None or memos.lex is not lex:
        memos = _MEMOS[id(lex)] = _Memos(lex, {}, {})
    return memos


def sentence_text(text: str, lex: Lexicon) -> SentenceText:
    """The scans of `text` (kept per text and lexicon)."""
    memo = _memos(lex).sentences
    found = memo.get(text)
    if found is None:
        if len(memo) >= _MEMO_TEXTS:
            memo.clear()
        found = memo[text] = _scan(text, lex)
    return found


def read_before(text: str, lex: Lexicon) -> SentenceText | None:
    """The scans of `text` when a reader has made them already (kept), else None: a reader that
    needs one or two of them may then run those alone."""
    return _memos(lex).sentences.get(text)


def says_multiplier(text: str, lex: Lexicon) -> bool:
    """'twice as fast' in a line without a digit (kept per text: most lines have no digit,
    and pages repeat their lines)."""
    memo = _memos(lex).multiplier
    found = memo.get(text)
    if found is None:
        if len(memo) >= _MEMO_TEXTS:
            memo.clear()
        found = memo[text] = (
            lex.word_multiplier.search(text) is not None
            or bool(_spelled_figures(text, lex))
            or bool(find_prose_figures(text))  # "bis zu drei Prozent", "two years" (notfound30)
        )
    return found


def _spelled_figures(text: str, lex: Lexicon) -> list[FigureSpan]:
    """'fivefold', 'around two to three hours more': ratios and figures written as words
    beyond Lexicon.word_multiplier, each pattern asked only of a text holding its plain
    substring ('fold', a unit's stem such as 'hour'), which costs far less than the pattern."""
    lowered = text.lower()
    found: list[re.Match[str]] = []
    if "fold" in lowered:
        found += lex.fold_multiplier.finditer(text)
    if any(stem in lowered for stem in lex.spelled_stems):
        found += lex.spelled_figure.finditer(text)
    return [FigureSpan(m.group(), m.start(), m.end()) for m in found]


def _scan(text: str, lex: Lexicon) -> SentenceText:
    found = find_prose_figures(text)
    found += [FigureSpan(m.group(), m.start(), m.end()) for m in lex.word_multiplier.finditer(text)]
    spelled = _spelled_figures(text, lex)
    if spelled:  # "two to three hours more" holds the worded "three hours": one figure
        found = [f for f in found if not any(s.start < f.end and f.start < s.end for s in spelled)]
    found += spelled
    found.sort(key=lambda f: f.start)
    covered = [(m.start(), m.end()) for m in lex.condition.finditer(text)]
    return SentenceText(
        tuple(found),
        lex.cross_reference.search(text) is not None,
        clauses(text, lex),
        covered,
        tuple(dict.fromkeys(text[a:b].strip() for a, b in covered)),
    )
