"""A sentence's text-only scans, kept per text and lexicon: the same as scanning it afresh.

The sentences are written for these tests (shapes taken from the synthetic and real pages).
"""

from __future__ import annotations

import re
from dataclasses import replace

from crosscheck.ingest.attribution import clauses
from crosscheck.ingest.lexicon import load_lexicon
from crosscheck.ingest.sentence_text import says_multiplier, sentence_text
from crosscheck.ingest.spans import FigureSpan, find_prose_figures

SENTENCES = [
    "Bun serves 52,000 req/s at 100 connections, compared to 29,000 for Deno.",
    "Fastify is twice as fast as Express; see our 2024 post for 3.4.",
    "PostgreSQL 16 sustained 48 210 inserts/s with 64 clients, while MySQL hit 9 870.",
    "No figure here, only words.",
    "",
]


def test_scans_equal_a_fresh_scan() -> None:
    lex = load_lexicon()
    for text in SENTENCES:
        scans = sentence_text(text, lex)
        spans = find_prose_figures(text)
        spans += _multipliers(text)
        assert [(s.text, s.start) for s in scans.spans] == sorted(
            [(s.text, s.start) for s in spans], key=lambda s: s[1]
        )
        covered = [(m.start(), m.end()) for m in lex.condition.finditer(text)]
        assert scans.covered == covered
        assert list(scans.conditions) == list(dict.fromkeys(text[a:b].strip() for a, b in covered))
        assert scans.parts == clauses(text, lex)
        assert scans.cross_reference == bool(lex.cross_reference.search(text))
        assert says_multiplier(text, lex) == bool(lex.word_multiplier.search(text))


def test_kept_per_text_and_per_lexicon() -> None:
    lex = load_lexicon()
    text = SENTENCES[0]
    assert sentence_text(text, lex) is sentence_text(text, lex)  # read once
    # another lexicon (here: no condition nouns) has its own memo, never the first one's
    other = replace(lex, condition=re.compile(r"(?!x)x"))
    assert sentence_text(text, lex).covered
    assert sentence_text(text, other).covered == []
    assert says_multiplier("twice as fast", lex)
    assert not says_multiplier("twice as fast", replace(lex, word_multiplier=re.compile("(?!x)x")))


def _multipliers(text: str) -> list[FigureSpan]:
    return [
        FigureSpan(m.group(), m.start(), m.end())
        for m in load_lexicon().word_multiplier.finditer(text)
    ]
