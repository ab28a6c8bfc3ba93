"""Exact gates of the twenty-fifth session (issue 20): a gate may only skip work that cannot
find anything, so each test builds texts from the readers' own vocabulary and checks that
the gate passes every text the gated reader finds something in, and that the reader's
answers do not change."""

from __future__ import annotations

import random

from crosscheck.ingest import page_kinds


def _kind_texts(seed: int, count: int) -> list[list[str]]:
    """Lines naming kinds as the domains write them: heads before or after, joiners, mixed
    case, line breaks inside a kind's words, the kinds glued to other words."""
    rng = random.Random(seed)
    pages: list[list[str]] = []
    domains = page_kinds._domains()
    fillers = ["the", "vs", "or", "und", "-", "x", "Pro", "2024", "|", "("]
    for _ in range(count):
        lines: list[str] = []
        for _ in range(rng.randint(1, 4)):
            domain = rng.choice(domains)
            words: list[str] = []
            for _ in range(rng.randint(1, 3)):
                kind = rng.choice(sorted(domain.canonical))
                kind = rng.choice([kind, kind.upper(), kind.title(), kind.replace(" ", "\n")])
                head = rng.choice(["", "panels", "SSDs", "cells", "pannelli", "Akku"])
                glue = rng.choice(["", "", "", "-", "x", "_"])
                words += [rng.choice(fillers), head, glue + kind + rng.choice(["", "s", ",", "-"])]
            lines.append(" ".join(w for w in words if w))
        pages.append(lines)
    return pages


def _unguarded(texts: list[str]) -> list[str]:
    """kind_phrases as it read before the gate (one scan per domain)."""
    out: list[str] = []
    for domain in page_kinds._domains():
        by_line = [page_kinds._mentions(domain, text) for text in texts]
        if not any(len({kind for _, kind in line}) >= page_kinds._MIN_KINDS for line in by_line):
            continue
        out += [written for line in by_line for written, _ in line]
    return list(dict.fromkeys(out))


def test_the_kind_gate_passes_every_text_a_domain_names_a_kind_in() -> None:
    texts = [t for page in _kind_texts(25, 3000) for t in page]
    any_kind = page_kinds._any_kind()
    named = 0
    for text in texts:
        for domain in page_kinds._domains():
            if domain.pattern.search(text) is not None:
                named += 1
                assert any_kind.search(text) is not None, text
    assert named > 1000  # the generated texts do name kinds


def test_kind_phrases_read_the_same_with_the_gate() -> None:
    pages = [*_kind_texts(7, 1500), ["Nothing here but 42 ms and Rust"], []]
    found = 0
    for lines in pages:
        assert page_kinds.kind_phrases(lines) == _unguarded(lines)
        found += bool(_unguarded(lines))
    assert found > 100
