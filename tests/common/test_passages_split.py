"""Sentence bounds and name hits of copy detection: the fast forms find what the plain
regexes find (the split: a lookbehind, then spaces, or line ends; the names: one alternation,
longest first), on texts built of every piece they read."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from crosscheck.common.passages import _SPLIT, _sentence_around, name_hits, sentences

# the plain form, as first written: punctuation behind, spaces, a capital/digit/quote ahead
_PLAIN = re.compile(r"(?<=[.!?。！？])\s+(?=[\"'“‘(\[*]?[A-Z0-9])|\n+")
_PIECES = [".", "!", "?", "。", " ", "  ", "\n", "\n\n", "\t", "A", "b", "7", '"', "(", "*", "x."]


@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_the_split_matches_where_the_plain_pattern_does(text: str) -> None:
    assert [m.span() for m in _SPLIT.finditer(text)] == [m.span() for m in _PLAIN.finditer(text)]
    assert _SPLIT.split(text) == _PLAIN.split(text)


def test_sentences_and_their_bounds_on_a_paragraph() -> None:
    text = 'Flask serves 2,500 req/s. It is small!\n\nKoa (v2) is 3x faster? yes.  "Quoted" ends'
    assert sentences(text) == [
        "Flask serves 2,500 req/s.",
        "It is small!",
        "Koa (v2) is 3x faster? yes.",
        '"Quoted" ends',
    ]
    start = text.index("Koa")
    left, right = _sentence_around(text, start, start + 3)
    assert text[left:right] == "Koa (v2) is 3x faster? yes."


_NAMES = ["go", "gofiber", "fiber", "next", "next.js", "js", "bun", "bu", "un"]


@given(
    st.lists(st.sampled_from([*_NAMES, " ", ".", "x", "-"]), max_size=14).map("".join),
    st.lists(st.sampled_from(_NAMES), min_size=1, max_size=5),
)
@example("gofiber on next.js, bun", ["go", "fiber", "gofiber", "next", "next.js", "js", "un"])
def test_name_hits_are_what_the_longest_first_alternation_finds(text: str, names: list) -> None:
    """Overlapping and nested names ("go" in "gofiber", "next" in "next.js"): the plain
    searches give the regex's hits, left to right, the longest name at each place."""
    named = re.compile("|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True)))
    assert name_hits(text, names) == [m.span() for m in named.finditer(text)]
