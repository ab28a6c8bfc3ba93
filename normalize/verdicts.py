"""Qualitative verdicts ("A uses less memory than B", "Kafka has the best throughput")
read as direction-only relations.

Why: a verdict states no number, only which side is ahead; read as a ratio interval open on
one side ((1, inf) for "more"/"faster", (0, 1) for "less"/"slower") it goes through the same
pairing as numeric statements, and the checks flag it only when the page's figures point the
other way. The words come from normalize/data/verdicts.toml.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from crosscheck.normalize.vocabulary_io import packaged_data

from crosscheck.common import toml_cache
from crosscheck.contracts import BoundKind, ClaimRole, RelationAspect

__all__ = ["VerdictReading", "interpret_verdict", "is_direction_only", "verdict_claims"]


@dataclass(frozen=True)
class VerdictReading:
    """What a verdict says: the ratio a/b on its aspect lies in [low, high]."""

    low: float
    high: float
    bound: BoundKind  # at_least for a higher verdict (a/b >= 1), at_most for a lower one
    aspect: RelationAspect
    direction: str  # "higher" or "lower"
    percent: bool  # always False: no number was written
    phrase: str  # what is compared ("memory", "weekly downloads"), "" for a plain "faster"


@dataclass(frozen=True)
class _Words:
    direction: dict[str, tuple[RelationAspect, str]]
    generic: frozenset[str]
    stop_words: frozenset[str]
    hedges: tuple[str, ...]
    hedge_slack: float


@lru_cache(maxsize=1)
def _words() -> _Words:
    doc = toml_cache.loads(packaged_data("verdicts.toml").read_text("utf-8"))
    table: dict[str, tuple[RelationAspect, str]] = {}
    for key, words in doc["direction"].items():
        aspect, direction = key.split("_")
        for word in words:
            table[" ".join(word.lower().split())] = (RelationAspect(aspect), direction)
    phrase = doc["phrase"]
    return _Words(
        direction=table,
        generic=frozenset(w.lower() for w in phrase["generic"]),
        stop_words=frozenset(w.lower() for w in phrase["stop_words"]),
        hedges=tuple(sorted((h.lower() for h in phrase["hedges"]), key=len, reverse=True)),
        hedge_slack=float(doc["tolerance"]["hedge"]),
    )


def interpret_verdict(raw_value: str | None, label: str | None) -> VerdictReading | None:
    """The direction a verdict claim states, or None when its raw_value is no verdict word.

    `raw_value` is the verdict word as written ("faster", "least"), `label` the word with its
    hedge and metric phrase ("slightly faster", "least memory", "leads on downloads").
    """
    words = _words()
    word = " ".join((raw_value or "").lower().split())
    found = words.direction.get(word)
    if found is None:
        return None
    aspect, direction = found
    text = " ".join((label or "").lower().split())
    hedged = any(_without(text, h) != text for h in words.hedges)
    slack = words.hedge_slack if hedged else 0.0
    if direction == "higher":
        low, high, bound = 1 / (1 + slack), math.inf, BoundKind.AT_LEAST
    else:
        low, high, bound = 0.0, 1 + slack, BoundKind.AT_MOST
    return VerdictReading(low, high, bound, aspect, direction, False, _phrase(text, word, words))


def _without(text: str, word: str, count: int = 0) -> str:
    """`text` without `word`: a whole word, or anywhere for a word without ASCII (CJK)."""
    if not word.isascii():
        return text.replace(word, " ", count or -1)
    return re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", " ", text, count=count)


def _phrase(label: str, word: str, words: _Words) -> str:
    """The label without its verdict word, hedges, stop words and generic words."""
    text = _without(label, word, count=1)
    for hedge in words.hedges:
        text = _without(text, hedge)
    kept = [
        w
        for w in re.sub(r"[^\w\s/.-]", " ", text).split()
        if w not in words.stop_words and w not in words.generic
    ]
    return " ".join(kept)


def verdict_claims(claims: pd.DataFrame) -> np.ndarray:
    """Per claim, whether it is a verdict (a RATIO claim whose raw_value is a verdict word):
    it becomes a relation, neither a fact nor a quarantined figure."""
    if claims.empty or "role" not in claims.columns:
        return np.zeros(len(claims), dtype=bool)
    table = _words().direction
    ratio = (claims["role"] == ClaimRole.RATIO.value).to_numpy(dtype=bool)
    out = np.zeros(len(claims), dtype=bool)
    raws = claims["raw_value"].to_numpy(dtype=object)
    for i in np.flatnonzero(ratio):
        raw = raws[i]
        out[i] = isinstance(raw, str) and " ".join(raw.lower().split()) in table
    return out


def is_direction_only(low: float, high: float) -> bool:
    """Whether a relation's interval is a verdict's: open on one side from (near) parity."""
    return not math.isfinite(high) or low <= 0
