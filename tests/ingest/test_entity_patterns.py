"""The gazetteer scan's fast path (an ASCII text lower-cased, matched case-sensitively) finds
exactly what the case-insensitive pattern finds, and is off for aliases it would misread."""

from __future__ import annotations

import re

from crosscheck.ingest.entities import finder_for_page, frequent_names
from crosscheck.ingest.name_patterns import (
    compound_ok,
    folds_like_lower,
    gazetteer_pattern,
    names_pattern,
)
from hypothesis import given
from hypothesis import strategies as st

from crosscheck.common.gazetteer import load_gazetteer

_ALIASES = sorted(load_gazetteer().by_alias)[:400:7]
_PIECES = [*_ALIASES, *(a.upper() for a in _ALIASES[:20]), *(a.title() for a in _ALIASES[:20])]
_PIECES += [" ", ", ", ".", "-", "/", "'s ", " vs ", "x", "2", "\n", "_", "+"]
gazetteer_pattern(load_gazetteer())  # compiled once here, not inside a timed example


@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_the_lowered_scan_finds_what_the_case_insensitive_one_finds(text: str) -> None:
    pattern = gazetteer_pattern(load_gazetteer())
    assert pattern.lowered is not None  # the packaged names are plain lower-case aliases
    fast = [(m.start(), m.end()) for m in pattern.finditer(text)]
    slow = pattern.ignorecase.finditer(text)  # with the same compound-word filter
    assert fast == [(m.start(), m.end()) for m in slow if compound_ok(text, m.start(), m.end())]


def test_the_fold_rule_is_what_the_regex_engine_does_on_ascii_texts() -> None:
    """For every character the rule accepts, case-insensitive matching against each ASCII
    character is `lower() ==`; the characters it refuses include the ones where it is not."""
    ascii_chars = [chr(code) for code in range(128)]
    accepted = [chr(code) for code in range(0x250) if folds_like_lower([chr(code)])]
    assert "k" in accepted and "K" not in accepted and "\u212a" not in accepted
    for ch in [*accepted, "\u212a", "\u017f", "\u0131", "\u0130"]:
        folded = re.compile(re.escape(ch), re.IGNORECASE)
        same = {t for t in ascii_chars if folded.fullmatch(t)} == {
            t for t in ascii_chars if t.lower() == ch
        }
        assert same or ch not in accepted, ch


def test_aliases_whose_case_folding_differs_keep_the_case_insensitive_scan() -> None:
    # the Kelvin sign matches "k" case-insensitively, an upper-case alias matches "a"
    assert not folds_like_lower(["\u212aafka"])
    assert not folds_like_lower(["Axum"])
    assert folds_like_lower(["axum", "next.js", "c++"])
    kelvin = names_pattern(["\u212aafka"])
    assert kelvin.lowered is None and [m.span() for m in kelvin.finditer("Kafka")] == [(0, 5)]


_LINE_PIECES = ["Spark", "Echo", "Iris", "Express", "express", "Node.js", "PostgreSQL", "Acme DB"]
_LINE_PIECES += [" ", ". ", ": ", ", ", "'s ", " and ", "\n", "İ", "x"]


@given(
    st.lists(
        st.lists(st.sampled_from(_LINE_PIECES), max_size=6).map("".join), min_size=1, max_size=5
    )
)
def test_mentions_read_line_by_line_are_those_of_the_joined_lines(texts: list[str]) -> None:
    """frequent_names reads a page's texts one by one (each scan is reused later); it must
    find what one scan of them joined by line breaks finds, down to a common-word name
    ("Spark") that starts a text after one ending without a full stop."""
    finder = finder_for_page()
    finder.add_page_names(["Acme DB"])
    joined = finder.mentions("\n".join(texts), cache=False)
    if any("İ" in t for t in texts):
        return  # lower-casing "İ" changes a length: frequent_names keeps the joined scan
    by_line = finder.line_mentions(texts)
    assert [(m.text, m.canonical) for m in by_line] == [(m.text, m.canonical) for m in joined]
    assert frequent_names(texts, finder) == frequent_names(["\n".join(texts)], finder)
