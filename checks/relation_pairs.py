"""The pairs of figures a comparative statement may describe: a's and b's figures on its page
for the same metric, unit and conditions (entity names left out of the conditions, so
"BenchmarkNetHTTPClientGet" of net/http pairs with "BenchmarkClientGet" of fasthttp).

Why a module of its own: pairing decides precision. Only figures measured the same way pair;
figures in the statement's own sentence win, then those whose conditions the sentence names
("client" picks the client benchmarks over the server ones).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd
from crosscheck.checks.figure_rows import Figures, Row, _in_sentence, _missing
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.statement_readings import is_margin

from crosscheck.contracts import (
    AUTO_METRIC_PREFIX,
    UNMAPPED_METRIC,
    FindingKind,
    RelationAspect,
    Scope,
    Severity,
)

# Words of metrics where less is better: a "35 % improvement" of a time is a lower time.
_LOWER_BETTER = re.compile(
    r"latency|time|duration|memory|\bram\b|rss|size|cost|price|start|boot|build|allocs?|"
    r"\bns\b|\bms\b|/op|延迟|内存|內存|時間|时间",
    re.IGNORECASE,
)
# Tokens that never tell two measurements apart.
_NEUTRAL = frozenset({"benchmark", "bench", "the", "and", "of", "with", "per", "vs", "a"})
_SENTENCE_NEUTRAL = frozenset(
    {"is", "are", "than", "up", "to", "times", "faster", "slower", "more", "less", "higher"}
)


@dataclass(frozen=True, slots=True)
class FigurePair:
    """One figure of a and one of b measured the same way."""

    a_claim: str
    b_claim: str
    a_raw: str
    b_raw: str
    a_point: float
    b_point: float
    a_span: tuple[float, float]  # what each figure may be, as written (see _span)
    b_span: tuple[float, float]
    b_entity: str
    metric: str
    unit: str
    condition: str  # the qualifier shown in explanations
    lower_better: bool


def lower_is_better(text: str) -> bool:
    """Whether a metric named by `text` is better low (times, memory, sizes, costs)."""
    return _LOWER_BETTER.search(text or "") is not None


def _speed_unit(unit: str) -> bool:
    """Units a plain "faster" may be about: a time, or requests (queries, operations) per
    second; not bandwidths, FLOPS or clock rates, which a page compares by name."""
    return unit in ("s", "req/s")


AGE_SECONDS = 30 * 86400.0  # a "time" of a month or more is an age or a period, no speed


def _an_age(f: Figures, row: int) -> bool:
    """A duration no plain "faster" is about: an age ("12 years old"), a support period."""
    point = f.point[row]
    return f.unit[row] == "s" and not _missing(point) and float(point) >= AGE_SECONDS


def goodness(rel: pd.Series, pair: FigurePair) -> float | None:
    """The pair's ratio on the statement's aspect: speed is goodness (b/a on a time, a/b on
    a rate), an amount is a/b as measured."""
    span = goodness_span(rel, pair)
    return None if span is None else span[2]


def goodness_span(rel: pd.Series, pair: FigurePair) -> tuple[float, float, float] | None:
    """(lowest, highest, point) the pair's ratio can be, given what each figure may be:
    "24,000+" against "8,000-12,000" is anything from 2.0 to 3.9."""
    (a_lo, a_hi), (b_lo, b_hi) = pair.a_span, pair.b_span
    if min(a_lo, b_lo, pair.a_point, pair.b_point) <= 0:
        return None
    low, high, point = a_lo / b_hi, a_hi / b_lo, pair.a_point / pair.b_point
    if pair.lower_better and (rel["aspect"] == RelationAspect.SPEED.value or is_margin(rel)):
        return 1 / high, 1 / low, 1 / point
    return low, high, point


Key = tuple[str, str, frozenset[str]]


def _same(x: object, y: object) -> bool:
    """Equality as pandas compares a column with a value: a missing value equals nothing."""
    if x.__class__ is str and y.__class__ is str:  # the common case, without the checks
        return x == y
    return not _missing(x) and not _missing(y) and bool(x == y)


def _candidates(rel: Row, f: Figures, page: list[int]) -> list[int]:
    """The page's figures whose metric the statement may be about (those no metric names
    only pair in their own sentence: relation_pages._sentence_figures)."""
    metric = rel["metric"]
    metrics = f.metric
    page = [r for r in page if metrics[r] != UNMAPPED_METRIC]
    if metric:
        return [r for r in page if _same(metrics[r], metric)]
    names = _names(rel, f)
    phrase = {
        t for t in f.words(rel.get("phrase")) if (len(t) >= 3 or not t.isascii()) and t not in names
    }
    if phrase:  # what the statement names must be most of what the figure's label says
        words, label, unit = f.words, f.label, f.unit
        # "9x faster AI training" is no statement about how many cores there are: a count
        # never gives a speed
        speed = rel["aspect"] == RelationAspect.SPEED.value
        return [
            r
            for r in page
            if 2 * len(phrase & words(f"{metrics[r].replace('_', ' ')} {_text(label[r])}"))
            >= len(phrase)
            and not (speed and unit[r] == "count")
        ]
    if rel["aspect"] == RelationAspect.SPEED.value:
        return [r for r in page if _speed_unit(f.unit[r]) and not _an_age(f, r)]
    return []


def _names(rel: Row, f: Figures) -> frozenset[str]:
    """The words of the statement's entities as written and as named."""
    words = f.words
    return words(rel["a"]) | words(rel["b"]) | words(rel["a_raw"]) | words(rel["b_raw"])


def _text(value: object) -> str:
    return "" if _missing(value) else str(value)


def _key(f: Figures, row: int, names: frozenset[str]) -> Key:
    """Metric, unit and the words of the conditions, entity names left out. The conditions
    as written keep their camel case ("BenchmarkNetHTTPClientGet"); the qualifier's parts
    that repeat them (lower-cased by normalize) or the entity's version or variant ('5.1.0'
    of fastify) are left out, its other parts kept (p99)."""
    cached = f.key_words[row]
    if cached is None:  # the row's part, once per row (a row is keyed for every statement)
        conditions = f.conditions[row] if isinstance(f.conditions[row], str) else ""
        written = {part.strip().lower() for part in conditions.split(";")}
        variant = f.entity_qualifier[row]
        if isinstance(variant, str):
            written |= {part.strip().lower() for part in variant.split(";")}
        qualifier = str(f.qualifier[row] or "")
        rest = [q for q in qualifier.split(";") if q.strip().lower() not in written]
        words = f.words(f"{conditions} {'; '.join(rest)}") - _NEUTRAL
        cached = f.key_words[row] = (f.metric[row], f.unit[row], words)
    metric, unit, words = cached
    return metric, unit, frozenset(words - names)


def _lower(f: Figures, row: int) -> bool:
    """Whether the row's figure is better low (a time, or a metric named so), once per row."""
    found = f.lower[row]
    if found is None:
        found = f.unit[row] == "s" or lower_is_better(f"{f.metric[row]} {f.label[row]}")
        f.lower[row] = found
    return found


def _pair(f: Figures, a: int, b: int) -> FigurePair:
    lower = _lower(f, a) and not str(f.unit[a]).endswith("/s")
    return FigurePair(
        f.claim_id[a], f.claim_id[b], f.raw_value[a], f.raw_value[b],
        float(f.point[a]), float(f.point[b]), f.span(a), f.span(b),
        f.entity[b], f.metric[a], f.unit[a], f.qualifier[a] or "", lower,
    )  # fmt: skip


_TABLE_ROW = re.compile(r"^(t\d+)r\d+$")


def _table_of(row_key: object) -> str | None:
    """The table of a table row key ("t1r3" -> "t1"), else None."""
    match = _TABLE_ROW.match(row_key) if isinstance(row_key, str) else None
    return match.group(1) if match else None


def _one_in_table(f: Figures, rows: list[int], table: str) -> bool:
    """Whether the entity has a single figure of this kind in the table (its own row)."""
    return sum(_table_of(f.row_key[r]) == table for r in rows) == 1


def _best_other(f: Figures, others: list[int], lower: bool) -> int:
    """The lowest (or highest) point, the first of equals; missing points are skipped."""
    best: int | None = None
    best_point: Any = None
    for row in others:
        point = f.point[row]
        if _missing(point):
            continue
        if best is None or (point < best_point if lower else point > best_point):
            best, best_point = row, point
    return best if best is not None else others[0]


def _strongest_lowest(rel: Row, lower: bool) -> bool:
    """Whether the other side of a "next best" statement is the other entity with the lowest
    figure: the best one for a statement that a is ahead ("2-3x faster than the next
    library", `lower` on a time); for a verdict that a is last or has the most of something
    ("the slowest", "the most memory"), the entity nearest to it on that side."""
    open_ended = not math.isfinite(float(rel["high"])) or float(rel["low"]) <= 0
    if not open_ended:
        return lower  # numeric statements: as measured so far
    higher = rel["direction"] != "lower"
    speed = rel["aspect"] == RelationAspect.SPEED.value
    return higher == (speed and lower)  # the lowest figure is the strongest rival


def _stated_pairs(rel: Row, f: Figures, mine: list[int], theirs: list[int]) -> list[FigurePair]:
    """Pairs of a's and b's figures both written in the statement's own sentence, measured
    alike (same metric and unit)."""
    stated = _in_sentence(rel, f, mine), _in_sentence(rel, f, theirs)
    if rel["metric"] or rel.get("phrase"):
        # a statement naming its measure ("increases throughput by 20%") is not about the
        # figures no metric names in its sentence ("320MHz channels"): those are for one
        # that names nothing but the comparison ("so B is 25% cheaper")
        named = [r for r in stated[0] if f.metric[r] != UNMAPPED_METRIC]
        stated = named, [r for r in stated[1] if f.metric[r] != UNMAPPED_METRIC]
    if not (stated[0] and stated[1]):
        return []
    return [
        _pair(f, a, b)
        for a in stated[0]
        for b in stated[1]
        if f.unit[a] == f.unit[b]
        and (f.metric[a] == f.metric[b] or (_unnamed(f.metric[a]) and _unnamed(f.metric[b])))
    ]


def _unnamed(metric: object) -> bool:
    """A metric the vocabulary does not name: one the label's words made ("auto:…"), or none.
    Two such figures of one sentence are measured alike when their units are
    ("The RTX 4090 costs $1,599, and the RTX 4080 costs $1,199")."""
    return isinstance(metric, str) and (
        metric == UNMAPPED_METRIC or metric.startswith(AUTO_METRIC_PREFIX)
    )


def _pairs_of(
    rel: Row, f: Figures, page: list[int], by_entity: dict[object, list[int]]
) -> list[FigurePair]:
    """Plain lists, not pandas: called once per statement (and per other page naming both
    of its entities), on a handful of rows each time, where a frame filter costs ~100 µs.
    ``page``: the page's rows (positions in `f`, in page order); ``by_entity``: its rows of
    each entity (in page order)."""
    if rel["b"]:
        a, b = rel["a"], rel["b"]
        # only a's and b's rows: each keeps its page order, which is all that is used below
        page = by_entity.get(a, []) if a == b else by_entity.get(a, []) + by_entity.get(b, [])
        if a != b:
            # "A averaged 133 FPS, while B averaged 107, a 24% boost": the sentence's own
            # figures of a and b are what it compares, whatever words its phrase uses
            own = _stated_pairs(rel, f, by_entity.get(a, []), by_entity.get(b, []))
            if own:
                return own
    page = _candidates(rel, f, page)
    a_name, b_name = rel["a"], rel["b"]
    entity, evidence, row_key = f.entity, f.evidence, f.row_key
    mine = [r for r in page if _same(entity[r], a_name)]
    if b_name:
        theirs = [r for r in page if _same(entity[r], b_name)]
    elif rel["b_raw"] == "next best":
        theirs = [r for r in page if not _same(entity[r], a_name)]
    else:
        return []
    if not mine or not theirs:
        return []
    if rel["b"]:
        stated = _in_sentence(rel, f, mine), _in_sentence(rel, f, theirs)
        if stated[0] and stated[1]:  # "A 2.7x faster than B (5,240 req/s)"
            return [
                _pair(f, a, b)
                for a in stated[0]
                for b in stated[1]
                if f.unit[a] == f.unit[b] and f.metric[a] == f.metric[b]
            ]
    names = _names(rel, f)
    if not rel["b"]:
        names = names.union(*(f.words(e) for e in {entity[r] for r in theirs}))
    by_key: dict[Key, list[int]] = {}
    for row in theirs:
        by_key.setdefault(_key(f, row, names), []).append(row)
    by_a: dict[Key, list[int]] = {}
    mine_keys = [_key(f, row, names) for row in mine]
    for row, key in zip(mine, mine_keys, strict=True):
        by_a.setdefault(key, []).append(row)
    # (a, b, same sentence, words): a FigurePair is made only for the pairs kept
    pairs: list[tuple[int, int, bool, frozenset[str]]] = []
    for a, key in zip(mine, mine_keys, strict=True):
        others = by_key.get(key)
        if not others:
            continue
        if rel["b"] and (len(others) > 1 or len(by_a.get(key, ())) > 1):
            # several figures measured alike: only those of one row (or sentence) pair up
            kept = [
                o
                for o in others
                if _same(row_key[o], row_key[a]) or _same(evidence[o], evidence[a])
            ]
            table = _table_of(row_key[a])
            if not kept and table and _one_in_table(f, by_a[key], table):
                # a leaderboard (one row per entity): its rows pair with each other
                kept = [o for o in others if _table_of(row_key[o]) == table]
            others = kept
            if not others:
                continue
        if rel["b"]:
            chosen = others
        else:
            chosen = [_best_other(f, others, _strongest_lowest(rel, _lower(f, a)))]
        for b in chosen:
            same = bool(evidence[a] == rel["evidence"] or evidence[b] == rel["evidence"])
            words = key[2] | f.words(f.label[a]) | f.words(f.label[b])
            pairs.append((a, b, same, words))
    if any(p[2] for p in pairs):
        pairs = [p for p in pairs if p[2]]
    sentence = f.words(rel["evidence"]) - names - _NEUTRAL - _SENTENCE_NEUTRAL
    scores = [len(p[3] & sentence) for p in pairs]
    if scores and max(scores) > 0:
        pairs = [p for p, s in zip(pairs, scores, strict=True) if s == max(scores)]
    return [_pair(f, a, b) for a, b, _, _ in pairs]


def measured_in_sentence(rel: Any, pairs: list[FigurePair]) -> bool:
    """Whether the statement's own sentence writes both figures of one of its pairs: a result
    line that states its own margin ("Rust: 44ms  Go: 530ms  Rust 12x")."""
    sentence = str(rel["evidence"] or "")
    return any(p.a_raw in sentence and p.b_raw in sentence for p in pairs if p.a_raw and p.b_raw)


def pair_finding(
    rel: Any, pair: FigurePair, explanation: str, severity: Severity, rule: str
) -> Finding:
    """The same-page relation_mismatch a statement (numeric or a verdict) gets against one pair
    of the page's figures: its claim and the pair's two claims as evidence."""
    return make_finding(
        FindingKind.RELATION_MISMATCH,
        Scope.SAME_PAGE,
        severity,
        rel["a"],
        pair.metric,
        pair.condition or None,
        explanation,
        [rel["claim_id"], pair.a_claim, pair.b_claim],
        rule=rule,
    )
