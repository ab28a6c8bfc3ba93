"""Sentence bounds of copy detection: the fast form of the split pattern splits as the plain
form (a lookbehind, then spaces; or line ends) does, on texts built of every piece it reads."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from crosscheck.common.passages import _SPLIT, _sentence_around, sentences

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
