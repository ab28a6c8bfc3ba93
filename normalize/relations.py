"""Comparative statements ("3x faster", "40 % less memory", "within 5 %") read as relations.

Why: pages state most of their verdicts as comparisons; read as a ratio interval between two
entities on one aspect, a statement can be checked against the page's own figures. Pure
functions; the words come from normalize/data/relations.toml (docs/normalization.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from crosscheck.normalize.entities import resolve_entity
from crosscheck.normalize.relation_words import _first, _has, _word_pattern, _Words, _words
from crosscheck.normalize.verdicts import VerdictReading, interpret_verdict
from crosscheck.normalize.vocabulary import Vocabulary

from crosscheck.contracts import (
    RELATION_COLUMNS,
    UNMAPPED_METRIC,
    BoundKind,
    ClaimRole,
    RelationAspect,
    stable_id,
)

__all__ = ["RelationReading", "interpret_relation", "relation_facts", "relations_of_claims"]

NEXT_BEST = "next best"
_WINDOW = 48  # characters of the sentence on either side of the value that may hold its words


@dataclass(frozen=True)
class RelationReading:
    """A statement as a ratio interval a/b on an aspect: "3x faster" is speed [3, 3],
    "40 % less memory" amount [0.6, 0.6], "within 5 %" [0.95, 1.05] (direction equal)."""

    low: float
    high: float
    bound: BoundKind
    aspect: RelationAspect
    direction: str  # "higher", "lower" or "equal"
    percent: bool  # written as a percentage (a second reading exists: 35 % of the slower)
    phrase: str  # what is compared, the comparative words left out ("throughput", "memory")


_NUMBER = r"\d+(?:[.,]\d+)?"
_RANGE = re.compile(rf"({_NUMBER})\s*(?:%|x|×|X)?\s*(?:-|–|—|to|à|~|至)\s*({_NUMBER})")
_ONE = re.compile(_NUMBER)
_PERCENT = re.compile(r"%|\bper\s*cent\b|\bpercent\b|pour\s*cent")


def _number(text: str) -> float:
    if "," in text and "." not in text and len(text.split(",")[1]) <= 2:
        text = text.replace(",", ".")  # a decimal comma ("2,5x")
    return float(text.replace(",", ""))


def _numbers(raw: str, words: _Words) -> tuple[float, float] | None:
    """The number (or range) a value text states; a fraction word when it has no digit."""
    found = _RANGE.search(raw)
    if found:
        low, high = _number(found.group(1)), _number(found.group(2))
        return (low, high) if low <= high else (high, low)
    one = _ONE.search(raw)
    if one:
        value = _number(one.group(0))
        return value, value
    lowered = raw.lower()
    for word, value in sorted(words.fractions.items(), key=lambda kv: -len(kv[0])):
        if _has(lowered, word):
            return value, value
    return None


def _around(raw: str, evidence: str) -> tuple[str, str]:
    """The sentence just before and just after the value (lower case), or empty strings."""
    text = evidence or ""
    at = text.find(raw) if raw else -1
    if at < 0:
        return "", text.lower()
    return text[max(0, at - _WINDOW) : at].lower(), text[
        at + len(raw) : at + len(raw) + _WINDOW
    ].lower()


def _bound(raw: str, before: str, low: float, high: float, words: _Words) -> BoundKind:
    lowered = raw.lower()
    tail = before[-16:]
    if low != high:
        return BoundKind.RANGE
    if _first(lowered, words.up_to) or _first(tail, words.up_to):
        return BoundKind.AT_MOST
    if _first(lowered, words.at_least) or _first(tail, words.at_least) or "+" in raw:
        return BoundKind.AT_LEAST
    if _first(lowered, words.approximate) or _first(tail, words.approximate):
        return BoundKind.APPROXIMATE
    return BoundKind.EXACT


_PHRASE_NOISE = re.compile(rf"{_NUMBER}|[%×~≈()\[\],.:;!?]")


@lru_cache(maxsize=8)
def _phrase_steps(every: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str] | None], ...]:
    """The words `_phrase` removes, longest first: a plain replace (non-ASCII) or a compiled
    whole-word pattern (ASCII words of letters, spaces and hyphens); other words are kept."""
    steps: list[tuple[str, re.Pattern[str] | None]] = []
    for word in sorted(every, key=len, reverse=True):
        if not word.isascii():
            steps.append((word, None))
        elif word.replace(" ", "").replace("-", "").isalpha():
            steps.append((word, _word_pattern(word)))
    return tuple(steps)


def _phrase(label: str, words: _Words) -> str:
    """The label without its comparative, bound and stop words: what is compared."""
    text = label.lower()
    every = (
        *words.speed_higher, *words.speed_lower, *words.amount_higher, *words.amount_lower,
        *words.equal, *words.up_to, *words.at_least, *words.approximate, *words.fractions,
    )  # fmt: skip
    for word, pattern in _phrase_steps(every):
        text = text.replace(word, " ") if pattern is None else pattern.sub(" ", text)
    text = _PHRASE_NOISE.sub(" ", text)
    kept = [w for w in text.split() if w not in words.stop_words]
    return " ".join(kept)


def _ratio(low: float, high: float, percent: bool, lower: bool, equal: bool) -> tuple[float, float]:
    """The ratio interval a/b on the aspect from the stated number(s)."""
    if equal:
        span = high / 100 if percent else max(high - 1, 0.0)
        return 1 - span, 1 + span
    if percent:
        if lower:
            return (
                (1 - high / 100, 1 - low / 100)
                if high < 100
                else (1 / (1 + high / 100), 1 / (1 + low / 100))
            )
        return 1 + low / 100, 1 + high / 100
    if lower and low >= 1:
        return 1 / high, 1 / low
    return low, high


def interpret_relation(
    raw_value: str, label: str | None, evidence: str | None
) -> RelationReading | None:
    """The ratio a comparative statement states, or None when its text holds no number.

    `raw_value` is the number with its mark as written ("3x", "474%", "within 5%", "half"),
    `label` the comparative phrase ("faster", "less memory"), `evidence` the sentence. Words
    are read in the label first, then in the sentence around the value.
    """
    words = _words()
    raw = (raw_value or "").strip()
    numbers = _numbers(raw, words)
    if numbers is None or not all(math.isfinite(n) for n in numbers):
        return None
    low, high = numbers
    before, after = _around(raw, evidence or "")
    after_clause = _CLAUSE_END.split(after, maxsplit=1)[0]
    before_clause = _CLAUSE_START.split(before)[-1]
    # A label that is the sentence (or most of it) names more than this statement's words
    label_text = (label or "").lower() if _is_phrase(label, evidence) else ""
    times = re.search(r"[x×X倍]|\btimes\b|\bfois\b|\bfold\b", raw) is not None
    percent = bool(_PERCENT.search(raw)) and not times
    if (
        percent and words.share_of.match(after) and _first(before[-10:], words.share_of_before)
    ):  # "at 62% of the hourly cost": 0.62 of it
        low, high, percent, times = low / 100, high / 100, False, True
    texts = [f"{raw.lower()} {label_text}", after_clause, before_clause]
    equal = (
        _first(texts[0], words.equal)
        or _first(before[-12:], words.equal)
        or (percent and _first(before[-14:], words.within_before))
    )
    lower = higher = None
    speed = False
    for text in texts:
        lower = _first(text, (*words.speed_lower, *words.amount_lower))
        higher = _first(text, (*words.speed_higher, *words.amount_higher))
        if lower or higher:
            speed = bool(_first(text, (*words.speed_lower, *words.speed_higher)))
            break
    if not (lower or higher or equal) and not (times or raw.lower() in words.fractions):
        return None  # a bare percentage says nothing comparative
    is_lower = bool(lower) and not equal
    r_low, r_high = _ratio(low, high, percent, is_lower, bool(equal))
    if r_low <= 0 or not math.isfinite(r_high):
        return None
    direction = "equal" if equal else ("lower" if is_lower or r_high < 1 else "higher")
    phrase = (
        _phrase(label_text, words)
        if label_text
        else _phrase(after_clause, words) or _phrase(before_clause, words)
    )
    if not phrase and not speed:  # "A is within 5% of B on sustained call rate"
        phrase = _phrase(_tail(after), words)
    return RelationReading(
        low=r_low,
        high=r_high,
        bound=_bound(raw, before, low, high, words) if not equal else BoundKind.RANGE,
        aspect=RelationAspect.SPEED if speed else RelationAspect.AMOUNT,
        direction=direction,
        percent=percent,
        phrase=phrase,
    )


_TAIL = re.compile(r"\b(?:on|for|in terms of)\s+([^,;.()\[\]:!?]{3,60})")


def _tail(after: str) -> str:
    """What an amount statement compares when it names it last ("… of B on weekly
    fetches"): the words after its final "on"/"for", up to the clause's end."""
    found = _TAIL.findall(after)
    return found[-1] if found else ""


_CLAUSE_END = re.compile(
    r"\b(?:than|compared|vs\.?|versus|against|while|but|and|over|when|on)\b|[,;.()\[\]:!?]"
)
_CLAUSE_START = re.compile(r"[,;.()\[\]:!?]|\b(?:and|but|while|which)\b")


def _is_phrase(label: str | None, evidence: str | None) -> bool:
    """Whether a claim's label is a comparative phrase ("less memory") rather than its
    sentence: a few words, not the evidence itself."""
    text = (label or "").strip()
    return bool(text) and text != (evidence or "").strip() and len(text.split()) <= 6


def is_next_best(counterpart: str | None, evidence: str | None) -> bool:
    """Whether a statement compares with "the next best" rather than a named entity."""
    words = _words()
    text = f"{counterpart or ''} {evidence or ''}".lower()
    return _first(text, words.next_best) is not None


def _page_entities(claims: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Per source, the entities its claims name as written (longest first, equal lengths by
    text: a set's order follows the process's hash seed, and the first name that matches wins).
    Read from each distinct (source, entity) pair in order of first appearance: the same sets
    as from every claim (a Python step per claim cost ~0.2 s at 2,000 pages)."""
    found: dict[str, set[str]] = {}
    pairs = claims[["source", "entity_raw"]].drop_duplicates()
    for source, entity in zip(pairs["source"].tolist(), pairs["entity_raw"].tolist(), strict=True):
        if isinstance(entity, str) and len(entity.strip()) >= 2:
            found.setdefault(source, set()).add(entity.strip())
    return {s: tuple(sorted(e, key=lambda name: (-len(name), name))) for s, e in found.items()}


_THAN = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:than|compared\s+(?:to|with)|vs\.?|versus|over|of)\s+", re.I
)


def _named_after(raw: str, evidence: str | None, entities: Iterable[str], a: str) -> str | None:
    """The entity the clause right after the value compares with ("2.3x faster than Deno
    (6,180 req/s)"), when the page names it: a sentence with two statements gives each its
    own B even when the claim carries the first one."""
    text = evidence or ""
    at = text.find(raw) if raw else -1
    if at < 0:
        return None
    rest = text[at + len(raw) : at + len(raw) + 80]
    lead = _THAN.match(rest)
    if lead is None:
        return None
    rest = rest[lead.end() :]
    for entity in entities:
        if entity != a and rest.lower().startswith(entity.lower()):
            return entity
    return None


def relation_facts(
    claims: pd.DataFrame,
    entity_of: Callable[[str], str | None],
    metric_of: Callable[[str], str | None] | None = None,
) -> pd.DataFrame:
    """One RELATION_COLUMNS row per RATIO/DIFF claim that reads as a relation.

    `entity_of` maps an entity as written to its canonical name (None: not an entity);
    `metric_of` maps the compared phrase to a canonical metric (None: no metric named).
    """
    rows: list[dict[str, object]] = []
    if claims.empty:
        return pd.DataFrame(columns=RELATION_COLUMNS)
    roles = {ClaimRole.RATIO.value, ClaimRole.DIFF.value}
    stated = claims[claims["role"].isin(roles)]
    # the entities of the pages a statement is on: only those pages are looked up
    named = _page_entities(claims[claims["source"].isin(stated["source"].unique())])
    # object columns: itertuples over string columns boxes every cell through pandas
    for claim in stated.astype(object).itertuples(index=False):
        reading: RelationReading | VerdictReading | None = interpret_relation(
            claim.raw_value, claim.label, claim.evidence
        ) or interpret_verdict(claim.raw_value, claim.label)  # "less memory than B"
        if reading is None:
            continue
        a = entity_of(claim.entity_raw) if claim.entity_raw else None
        if a is None:
            continue
        b_raw = claim.counterpart_raw if isinstance(claim.counterpart_raw, str) else None
        b_raw = (
            _named_after(claim.raw_value, claim.evidence, named.get(claim.source, ()), a) or b_raw
        )
        b = entity_of(b_raw) if b_raw and not is_next_best(b_raw, None) else None
        if b is None and is_next_best(b_raw, claim.evidence):
            b_raw = NEXT_BEST
        metric = metric_of(reading.phrase) if metric_of and reading.phrase else None
        rows.append(
            {
                "relation_id": stable_id(claim.claim_id, "relation"),
                "claim_id": claim.claim_id,
                "source": claim.source,
                "a": a,
                "a_raw": claim.entity_raw,
                "b": b if b != a else None,
                "b_raw": b_raw,
                "metric": metric if metric and metric != UNMAPPED_METRIC else None,
                "phrase": reading.phrase,
                "aspect": reading.aspect.value,
                "direction": reading.direction,
                "low": reading.low,
                "high": reading.high,
                "bound": reading.bound.value,
                "raw_value": claim.raw_value,
                "label": claim.label,
                "evidence": claim.evidence,
                "conditions": getattr(claim, "conditions", None),
                "locator": claim.locator,
            }
        )
    frame = pd.DataFrame(rows, columns=RELATION_COLUMNS, dtype=object)
    return frame.astype({"low": float, "high": float})


def comparison_metric(phrase: str) -> str | None:
    """The metric a word names when two entities are compared on it ("3x the requests of
    koa": throughput), from relations.toml [phrase.metrics]; None when no such word."""
    table = _words().phrase_metrics
    words = phrase.lower().split()
    return next((table[w] for w in words if w in table), None)


def relations_of_claims(claims: pd.DataFrame, vocabulary: Vocabulary) -> pd.DataFrame:
    """:func:`relation_facts` with the packaged entity gazetteer and `vocabulary`'s labels."""

    def entity_of(raw: str) -> str | None:
        text = str(raw).strip()
        return resolve_entity(text).entity or None if text else None

    def metric_of(phrase: str) -> str | None:
        metric = vocabulary.match_label(phrase).metric
        if metric in (None, UNMAPPED_METRIC):
            return comparison_metric(phrase) or metric
        return metric

    return relation_facts(claims, entity_of, metric_of)
