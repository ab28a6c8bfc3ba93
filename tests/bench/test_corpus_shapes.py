"""Shape pages of the synthetic corpus (leaderboards, N-way tables, stat cards, comparative
statements) with a share of held-out labels, names and formats, and truth that matches the
text written."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from bench.corpus import generate_corpus
from bench.corpus_heldout import heldout_shares, load_heldout
from bench.corpus_shapes import SHAPE_SHARE, is_shape_page
from bench.truth import Truth

PAGES = 80


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Truth]:
    out = tmp_path_factory.mktemp("shapes") / "corpus"
    return out, generate_corpus(out, PAGES, seed=7)


def _shape_pages(corpus: tuple[Path, Truth]) -> dict[str, str]:
    out, truth = corpus
    pages = {}
    for path in truth.pages:
        index = int(re.search(r"-(\d{5})(?:-copy)?\.", path).group(1))  # type: ignore[union-attr]
        if is_shape_page(truth.seed, index):
            pages[path] = (out / path).read_text(encoding="utf-8")
    return pages


def test_a_share_of_pages_has_the_new_shapes(corpus: tuple[Path, Truth]) -> None:
    pages = _shape_pages(corpus)
    share = len(pages) / PAGES
    assert SHAPE_SHARE / 2 < share < SHAPE_SHARE * 2
    for text in pages.values():
        assert "Leaderboard" in text and "Head to head" in text and "At a glance" in text
        assert re.search(r"\| ?Metric ?\|", text) or "<th>Metric</th>" in text


def test_statements_and_defects_are_written_as_recorded(corpus: tuple[Path, Truth]) -> None:
    _, truth = corpus
    pages = _shape_pages(corpus)
    relations = 0
    for path, text in pages.items():
        record = truth.pages[path]
        body = html.unescape(text)
        for d in record.defects:
            for raw in d.raw_values:
                assert raw in body, (path, d)
            if d.kind == "relation_mismatch":
                relations += 1
                assert d.where in body
        for la in record.lookalikes:
            if la.kind == "relation_mismatch":
                relations += 1
                assert la.where in body and la.raw_values[0] in la.where
        for m in record.mentions:
            assert m.raw in body, (path, m)
    assert relations >= 10


def test_a_share_of_names_labels_and_formats_is_held_out(corpus: tuple[Path, Truth]) -> None:
    held = load_heldout()
    text = "\n".join(html.unescape(t) for t in _shape_pages(corpus).values())
    names = [e for e in held.entities if re.search(rf"\b{re.escape(e)}\b", text)]
    labels = [lab.text for labs in held.labels.values() for lab in labs if lab.text in text]
    assert len(names) >= 3 and len(labels) >= 3
    assert "≈" in text and re.search(r"\b\d{1,3} \d{3}\b", text)
    assert re.search(r"\b\d+(?:\.\d+)?k\b", text)


def test_heldout_shares_are_measured_on_the_truth(corpus: tuple[Path, Truth]) -> None:
    _, truth = corpus
    shares = heldout_shares(truth)
    assert shares["figures"] == sum(len(p.mentions) for p in truth.pages.values())
    for key in ("label", "entity", "format"):
        assert 0.02 < shares[key] < 0.5, (key, shares)
    assert 0.2 < shares["pages_with_entity"] < 0.8
