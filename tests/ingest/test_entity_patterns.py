"""The gazetteer scan's fast path (an ASCII text lower-cased, matched case-sensitively) finds
exactly what the case-insensitive pattern finds, and is off for aliases it would misread."""

from __future__ import annotations

import re

from crosscheck.ingest.entities import _folds_like_lower, _gazetteer_pattern, _names_pattern
from hypothesis import given
from hypothesis import strategies as st

from crosscheck.common.gazetteer import load_gazetteer

_ALIASES = sorted(load_gazetteer().by_alias)[:400:7]
_PIECES = [*_ALIASES, *(a.upper() for a in _ALIASES[:20]), *(a.title() for a in _ALIASES[:20])]
_PIECES += [" ", ", ", ".", "-", "/", "'s ", " vs ", "x", "2", "\n", "_", "+"]


@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_the_lowered_scan_finds_what_the_case_insensitive_one_finds(text: str) -> None:
    pattern = _gazetteer_pattern(load_gazetteer())
    assert pattern.lowered is not None  # the packaged names are plain lower-case aliases
    fast = [(m.start(), m.end()) for m in pattern.finditer(text)]
    assert fast == [(m.start(), m.end()) for m in pattern.ignorecase.finditer(text)]


def test_the_fold_rule_is_what_the_regex_engine_does_on_ascii_texts() -> None:
    """For every character the rule accepts, case-insensitive matching against each ASCII
    character is `lower() ==`; the characters it refuses include the ones where it is not."""
    ascii_chars = [chr(code) for code in range(128)]
    accepted = [chr(code) for code in range(0x250) if _folds_like_lower([chr(code)])]
    assert "k" in accepted and "K" not in accepted and "\u212a" not in accepted
    for ch in [*accepted, "\u212a", "\u017f", "\u0131", "\u0130"]:
        folded = re.compile(re.escape(ch), re.IGNORECASE)
        same = {t for t in ascii_chars if folded.fullmatch(t)} == {
            t for t in ascii_chars if t.lower() == ch
        }
        assert same or ch not in accepted, ch


def test_aliases_whose_case_folding_differs_keep_the_case_insensitive_scan() -> None:
    # the Kelvin sign matches "k" case-insensitively, an upper-case alias matches "a"
    assert not _folds_like_lower(["\u212aafka"])
    assert not _folds_like_lower(["Axum"])
    assert _folds_like_lower(["axum", "next.js", "c++"])
    kelvin = _names_pattern(["\u212aafka"])
    assert kelvin.lowered is None and [m.span() for m in kelvin.finditer("Kafka")] == [(0, 5)]
