"""The metric a comparison names by one of the vocabulary's words for it.

"A uses 3x less memory than B" is read with the vocabulary's `memory_usage`; "B needs 50 %
less RAM than A" names no metric the vocabulary's patterns know ("RAM" alone is no label
pattern), so its class is the bare phrase "ram" and the two statements, which contradict each
other, were never compared. A statement of an amount that names no metric takes the metric
whose aliases or context keywords (`CheckConfig.metric_words`) its phrase holds, when exactly
one metric's words are there; otherwise it keeps its phrase.
"""

from __future__ import annotations

import functools
import re

import pandas as pd
from crosscheck.checks.config import CheckConfig

from crosscheck.contracts import RelationAspect

__all__ = ["named_by_words"]

Words = tuple[tuple[str, tuple[str, ...]], ...]  # (metric, its words), sorted by metric
Patterns = tuple[tuple[str, re.Pattern[str]], ...]


@functools.lru_cache(maxsize=64)
def _patterns(words: Words) -> Patterns:
    out = []
    for metric, names in words:
        kept = sorted({n.strip().lower() for n in names if n.strip()}, key=len, reverse=True)
        if kept:
            alternatives = "|".join(re.escape(n) for n in kept)
            out.append((metric, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _metric_of(phrase: str, patterns: Patterns) -> str | None:
    found = {metric for metric, pattern in patterns if pattern.search(phrase)}
    return found.pop() if len(found) == 1 else None


def named_by_words(relations: pd.DataFrame, config: CheckConfig) -> pd.DataFrame:
    """`relations` where an amount statement without a metric takes the one metric whose
    words its phrase holds (the others unchanged)."""
    if relations.empty or not config.metric_words or "phrase" not in relations.columns:
        return relations
    open_amounts = (
        relations["metric"].isna()
        & (relations["aspect"] == RelationAspect.AMOUNT.value)
        & relations["phrase"].fillna("").astype(str).str.strip().ne("")
    )
    if not open_amounts.any():
        return relations
    patterns = _patterns(tuple(sorted(config.metric_words.items())))
    phrases = relations.loc[open_amounts, "phrase"].astype(str).str.lower()
    named = phrases.map(lambda p: _metric_of(p, patterns))
    if named.isna().all():
        return relations
    found = {at: m for at, m in named.items() if isinstance(m, str)}
    metric = [
        found.get(at, m if isinstance(m, str) else None)
        for at, m in zip(relations.index, relations["metric"], strict=True)
    ]
    # object values, None where no metric (a float NaN would read as a name)
    return relations.assign(metric=pd.Series(metric, index=relations.index, dtype=object))
