"""The words of normalize/data/relations.toml and how a text is searched for them.

Why: reading a comparative statement (normalize.relations) asks many texts whether they hold
one of a few dozen words; the word lists and the whole-word matching they need are one thing,
kept apart from the reading itself.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from crosscheck.normalize.vocabulary_io import packaged_data


@dataclass(frozen=True)
class _Words:
    speed_higher: tuple[str, ...]
    speed_lower: tuple[str, ...]
    amount_higher: tuple[str, ...]
    amount_lower: tuple[str, ...]
    equal: tuple[str, ...]
    within_before: tuple[str, ...]
    share_of: re.Pattern[str]  # "62% of the hourly cost": a ratio of 0.62
    share_of_before: tuple[str, ...]  # "at" before such a percentage
    up_to: tuple[str, ...]
    at_least: tuple[str, ...]
    approximate: tuple[str, ...]
    fractions: dict[str, float]
    stop_words: frozenset[str]
    next_best: tuple[str, ...]
    phrase_metrics: dict[str, str]  # "requests" → throughput, only in a comparison


@lru_cache(maxsize=1)
def _words() -> _Words:
    doc = tomllib.loads(packaged_data("relations.toml").read_text("utf-8"))
    aspect, bound, phrase = doc["aspect"], doc["bound"], doc["phrase"]

    def words(table: dict[str, list[str]], key: str) -> tuple[str, ...]:
        return tuple(sorted((w.lower() for w in table[key]), key=len, reverse=True))

    return _Words(
        speed_higher=words(aspect, "speed_higher"),
        speed_lower=words(aspect, "speed_lower"),
        amount_higher=words(aspect, "amount_higher"),
        amount_lower=words(aspect, "amount_lower"),
        equal=words(aspect, "equal"),
        within_before=words(aspect, "within_before"),
        share_of_before=words(aspect, "share_of_before"),
        share_of=re.compile(
            r"^\s*of\s+(?:the|its|their)\s+(?:[a-z-]+\s+)?(?:"
            + "|".join(map(re.escape, words(aspect, "share_of_nouns")))
            + r")\b"
        ),
        up_to=words(bound, "up_to"),
        at_least=words(bound, "at_least"),
        approximate=words(bound, "approximate"),
        fractions={k.lower(): float(v) for k, v in doc["fractions"].items()},
        stop_words=frozenset(w.lower() for w in phrase["stop_words"]),
        next_best=words(phrase, "next_best"),
        phrase_metrics={k.lower(): str(v) for k, v in phrase.get("metrics", {}).items()},
    )


def _is_substring_word(word: str) -> bool:
    return not word.isascii() or not any(c.isalnum() for c in word)


@lru_cache(maxsize=4096)
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){re.escape(word)}(?![\w])")


@lru_cache(maxsize=256)
def _any_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation that matches wherever any of `words` would (`_has`): a text it misses
    holds none of them, so most texts need one search instead of one per word."""
    whole = [re.escape(w) for w in words if not _is_substring_word(w)]
    plain = [re.escape(w) for w in words if _is_substring_word(w)]
    parts = [rf"(?<![\w])(?:{'|'.join(whole)})(?![\w])"] if whole else []
    parts += plain
    return re.compile("|".join(parts)) if parts else None


def _has(text: str, word: str) -> bool:
    """Whole-word presence (substring for words without ASCII letters, as in CJK)."""
    if _is_substring_word(word):
        return word in text
    return _word_pattern(word).search(text) is not None


def _first(text: str, words: Iterable[str]) -> str | None:
    """The first of `words` (in their order, not the text's) that `text` holds."""
    words = tuple(words)
    combined = _any_pattern(words)
    if combined is None or combined.search(text) is None:
        return None
    return next((w for w in words if _has(text, w)), None)
