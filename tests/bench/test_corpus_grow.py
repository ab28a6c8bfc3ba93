"""A large benchmark corpus made cheaply: a smaller corpus's pages copied and the rest written
by several processes give the pages (and truth records) of that many page indices, each page
exactly as the one-process generator writes it; a subset is hard-linked."""

from __future__ import annotations

import os
from pathlib import Path

from bench.corpus import generate_corpus
from bench.corpus_grow import grow_corpus, subset_corpus
from bench.truth import TRUTH_FILE, Truth


def _pages(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.name != TRUTH_FILE
    }


def test_a_grown_corpus_has_the_base_pages_and_pages_the_generator_writes(tmp_path: Path) -> None:
    base = tmp_path / "corpus-12"
    generate_corpus(base, 12)
    grown = grow_corpus(tmp_path / "corpus-40", 40, base, processes=2)
    pages = _pages(tmp_path / "corpus-40")
    assert len(pages) == len(grown.pages) == 40 == grown.n_pages
    assert set(pages) == set(grown.pages)
    base_pages = _pages(base)
    assert all(pages[p] == body for p, body in base_pages.items())  # copied as they were
    # a page grown by another process is the page the one-process generator writes for its
    # index (each page has its own random stream); only cross-page defects may differ
    one = tmp_path / "one-process"
    generate_corpus(one, 40)
    alone = Truth.load(one / TRUTH_FILE)
    new = [p for p in grown.pages if p not in base_pages and p in alone.pages]
    assert len(new) >= 20
    written = _pages(one)
    assert all(pages[p] == written[p] for p in new if not alone.pages[p].cross_page)
    assert Truth.load(tmp_path / "corpus-40" / TRUTH_FILE).n_pages == 40

    sub = subset_corpus(tmp_path / "corpus-40", tmp_path / "corpus-20", 20)
    assert len(sub.pages) == 20 and set(_pages(tmp_path / "corpus-20")) == set(sub.pages)
    some = next(iter(sub.pages))
    assert os.path.samefile(tmp_path / "corpus-20" / some, tmp_path / "corpus-40" / some)
