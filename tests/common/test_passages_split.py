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


def test_shingle_hashes_are_the_sorted_distinct_hashes_of_the_word_grams() -> None:
    import numpy as np

    from crosscheck.common import passages

    text = " ".join(["the cat sat on the mat and the cat sat on the hat"] * 4 + ["a b"])
    for count in (1, 2, 3, 4, 9, 50):
        words = text.split()[:count]
        hashes = np.array([passages.passage_hash(w) for w in words], dtype=np.uint64)
        n = max(1, len(words) - 4 + 1)
        grams = np.zeros(n, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for offset in range(min(4, len(words))):
                grams = grams * passages._PRIME + hashes[offset : offset + n]
            grams ^= grams >> np.uint64(29)
            grams *= passages._MIX
            grams ^= grams >> np.uint64(32)
        got = passages._shingle_hashes(words, 4)
        assert got.dtype == np.uint64 and np.array_equal(got, np.unique(grams))
    assert len(passages._shingle_hashes([], 4)) == 0
