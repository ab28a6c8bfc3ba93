"""A sentence's text-only scans, kept per text and lexicon: the same as scanning it afresh.

The sentences are written for these tests (shapes taken from the synthetic and real pages).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from crosscheck.ingest.attribution import clauses
from crosscheck.ingest.lexicon import load_lexicon
from crosscheck.ingest.parse import parse_snapshot
from crosscheck.ingest.sentence_text import (
    _MEMOS,
    _spelled_figures,
    says_multiplier,
    sentence_text,
)
from crosscheck.ingest.spans import FigureSpan, find_prose_figures

from crosscheck.contracts import Snapshot

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
        # a digit-less line's worded figure: a multiplier, a spelled number, a worded unit
        worded = lex.word_multiplier.search(text) is not None or bool(_spelled_figures(text, lex))
        assert says_multiplier(text, lex) == (worded or bool(find_prose_figures(text)))


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


def _claims(text: str) -> list[tuple[str, str, str]]:
    snapshot = Snapshot(
        "/tmp/page.txt", hashlib.sha256(text.encode()).hexdigest(), text, "text/plain", "now"
    )
    return sorted(
        (c["entity_raw"], c["raw_value"], c["role"]) for c in parse_snapshot(snapshot).claims
    )


def test_a_kept_sentence_reads_as_a_fresh_one_on_another_page() -> None:
    """The figures' reasons are kept by the page's name ends too: "Zorblax 7" is a version on
    a page that names Zorblax, a figure on a page that does not."""
    # (not at the sentence's start: a name-shaped subject there is a name on any page)
    sentence = "At peak Zorblax 7 handled 120,000 ops/s while Memcached reached 98,000 ops/s."
    first = f"# Zorblax vs Memcached\n\n{sentence}\n"
    second = f"# Caches compared\n\nKeyDB and Dragonfly are newer.\n\n{sentence}\n"
    _MEMOS.clear()
    fresh = _claims(second)
    named = _claims(first)  # the same sentence, now kept with the first page's name ends
    assert ("Zorblax 7", "120,000 ops/s", "value") in named
    assert not any(value == "7" for _, value, _ in named)  # a version of the named Zorblax
    assert any(value == "7" for _, value, _ in fresh)  # nobody's version where none is named
    assert _claims(second) == fresh
