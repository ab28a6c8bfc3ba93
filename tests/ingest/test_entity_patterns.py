"""The gazetteer scan's fast path (an ASCII text lower-cased, matched case-sensitively) finds
exactly what the case-insensitive pattern finds, and is off for aliases it would misread."""

from __future__ import annotations

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


def test_aliases_whose_case_folding_differs_keep_the_case_insensitive_scan() -> None:
    # the Kelvin sign matches "k" case-insensitively, an upper-case alias matches "a"
    assert not _folds_like_lower(["\u212aafka"])
    assert not _folds_like_lower(["Axum"])
    assert _folds_like_lower(["axum", "next.js", "c++"])
    kelvin = _names_pattern(["\u212aafka"])
    assert kelvin.lowered is None and [m.span() for m in kelvin.finditer("Kafka")] == [(0, 5)]
