"""What a sentence's text alone decides, read once per distinct text.

Why: the prose and verdict readers scan each sentence with several of the lexicon's regexes
(figures, word multipliers, cross-references, clause breaks, conditions); those scans depend
on the text alone, and pages repeat their sentences (over half of the sentences a 1,000-page
corpus reads were read before), so a process scans each distinct sentence once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

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


@functools.lru_cache(maxsize=16384)
def sentence_text(text: str, lex: Lexicon) -> SentenceText:
    """The scans of `text` (kept per text and lexicon)."""
    found = find_prose_figures(text)
    found += [FigureSpan(m.group(), m.start(), m.end()) for m in lex.word_multiplier.finditer(text)]
    found.sort(key=lambda f: f.start)
    covered = [(m.start(), m.end()) for m in lex.condition.finditer(text)]
    return SentenceText(
        tuple(found),
        lex.cross_reference.search(text) is not None,
        clauses(text, lex),
        covered,
        tuple(dict.fromkeys(text[a:b].strip() for a, b in covered)),
    )
