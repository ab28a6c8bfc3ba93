"""The topic a comparison's sentence fronts ("In terms of charging, A is said to be faster than
the rest"): a verdict that names no metric of its own is about that topic, so the page's
figures of another measure (a battery-runtime table) are no pair for it.

Why: a bare "faster" pairs with every time and rate on its page (checks.relation_pairs); a
sentence that says what it is about rules out the figures that measure something else.
Markers and generic words live in checks/data/statement_words.toml.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

from crosscheck.checks.data_files import read_words
from crosscheck.checks.figure_rows import tokens
from crosscheck.checks.relation_pairs import FigurePair

STEM = 5  # words agree when their first five letters do ("charging", "charge")
_MAX_WORDS = 5  # a topic is a short phrase: "in terms of battery charging speed"
_END = re.compile(r"[,;:.!?()\[\]—–]|\s-\s")


@functools.cache
def _words() -> tuple[re.Pattern[str], frozenset[str]]:
    data = read_words("statement_words.toml")
    markers = data.get("topic_markers", [])
    marker = re.compile("|".join(f"(?:{m})" for m in markers) or r"(?!x)x", re.IGNORECASE)
    return marker, frozenset(w.lower() for w in data.get("generic_topics", []))


def _stem(word: str) -> str:
    return word[:STEM] if len(word) > STEM else word


def topic_words(sentence: str | None, names: frozenset[str] = frozenset()) -> frozenset[str]:
    """The stems of the topic the sentence fronts, its entities' words and generic words
    ("speed", "performance") left out; empty when it fronts none."""
    marker, generic = _words()
    found = marker.search(sentence or "")
    if found is None:
        return frozenset()
    rest = sentence[found.end() :]  # type: ignore[index]
    end = _END.search(rest)
    phrase = rest[: end.start()] if end else rest
    words = [w for w in phrase.lower().split() if w][:_MAX_WORDS]
    kept = {w.strip("'\"") for w in words} - generic - names
    return frozenset(_stem(w) for w in kept if len(w) >= 3 and not w.isdigit())


def _measures(pair: FigurePair) -> frozenset[str]:
    """The stems of what a figure pair measures: its metric's words and its conditions."""
    metric = re.sub(r"[_:]", " ", pair.metric or "")
    return frozenset(_stem(t) for t in tokens(f"{metric} {pair.condition or ''}") if len(t) >= 3)


def on_topic(rel: Mapping[str, object], pairs: Sequence[FigurePair]) -> list[FigurePair]:
    """The pairs a statement may describe once its fronted topic is read: all of them when it
    names a metric or fronts no particular topic, else those whose measure shares a word
    with the topic."""
    if rel.get("metric") or not pairs:
        return list(pairs)
    names = frozenset(tokens(" ".join(str(rel.get(k) or "") for k in ("a", "b", "a_raw", "b_raw"))))
    topic = topic_words(str(rel.get("evidence") or ""), names)
    if not topic:
        return list(pairs)
    return [p for p in pairs if topic & _measures(p)]
