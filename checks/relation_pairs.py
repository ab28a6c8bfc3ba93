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

import numpy as np
import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.conflict import comparable_facts
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.common.intervals import IntervalPolicy, rounding_tolerance
from crosscheck.contracts import (
    AUTO_METRIC_PREFIX,
    UNMAPPED_METRIC,
    BoundKind,
    FindingKind,
    RelationAspect,
    Scope,
    Severity,
)

AT_LEAST_SLACK = IntervalPolicy().at_least_slack  # "N+" reaches up to 1.3 N (the policy)
APPROXIMATE_FLOOR = IntervalPolicy().approximate_tolerance
# Words of metrics where less is better: a "35 % improvement" of a time is a lower time.
_LOWER_BETTER = re.compile(
    r"latency|time|duration|memory|\bram\b|rss|size|cost|price|start|boot|build|allocs?|"
    r"\bns\b|\bms\b|/op|延迟|内存|內存|時間|时间",
    re.IGNORECASE,
)
_READ = [
    *("claim_id", "source", "entity", "metric", "qualifier", "unit", "row_key", "raw_value"),
    *("low", "high", "bound", "point", "label", "evidence", "conditions", "entity_qualifier"),
]
_TOKEN = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\x00-\x7f]+")
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


def tokens(text: str | None) -> set[str]:
    """Lower-case word tokens, camel case split ("NetHTTPServerGet" → net, http, server, get)."""
    return {t.lower() for t in _TOKEN.findall(text or "")}


def lower_is_better(text: str) -> bool:
    """Whether a metric named by `text` is better low (times, memory, sizes, costs)."""
    return _LOWER_BETTER.search(text or "") is not None


def _speed_unit(unit: str) -> bool:
    """Units a plain "faster" may be about: a time, or requests (queries, operations) per
    second; not bandwidths, FLOPS or clock rates, which a page compares by name."""
    return unit in ("s", "req/s")


AGE_SECONDS = 30 * 86400.0  # a "time" of a month or more is an age or a period, no speed


def _an_age(f: _Figures, row: int) -> bool:
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
    if rel["aspect"] == RelationAspect.SPEED.value and pair.lower_better:
        return 1 / high, 1 / low, 1 / point
    return low, high, point


def _span(low: float, high: float, bound: str | None, raw: str) -> tuple[float, float]:
    """What a figure may be, as written: its range, "N+" up to 1.3 N, "~N" and exact figures
    within the rounding of their last digit (never wider than the tolerance policy)."""
    high = high if math.isfinite(high) else low * (1 + AT_LEAST_SLACK)
    if bound == BoundKind.AT_LEAST.value:
        return low, max(high, low * (1 + AT_LEAST_SLACK))
    if bound == BoundKind.AT_MOST.value:
        return high * 0.5, high
    if bound == BoundKind.APPROXIMATE.value:
        slack = max(rounding_tolerance(low), APPROXIMATE_FLOOR)
        return low * (1 - slack), high * (1 + slack)
    slack = _written_slack(raw)
    return low * (1 - slack), high * (1 + slack)


_WRITTEN = re.compile(r"\d+(?:[ ,]\d{3}(?!\d))*(?:[.,](\d+))?")


def _written_slack(raw: str) -> float:
    """Half a unit of the last digit written, relative to the number ("0,4276" → 0.01 %,
    "1.5" → 3 %); an exact "10,000" is exact to the unit, not a rounded 1e4."""
    found = _WRITTEN.search(raw or "")
    if not found:
        return 0.0
    decimals = found.group(1) or ""
    text = found.group(0)
    if "," in text and "." not in text and len(decimals) == 3:
        decimals = ""  # "12,400": a thousands separator, not a decimal comma
    whole = text[: len(text) - len(decimals) - 1] if decimals else text
    try:
        number = float(re.sub(r"[ ,.]", "", whole) + ("." + decimals if decimals else ""))
    except ValueError:
        return 0.0
    if number <= 0:
        return 0.0
    return 0.5 * 10 ** -len(decimals) / number


def _values(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None
) -> pd.DataFrame:
    values = comparable if comparable is not None else comparable_facts(facts, config)
    if values.empty:
        return values
    if "conditions" in values.columns:
        return values
    if "conditions" in facts.columns:
        conditions = facts.set_index("claim_id")["conditions"]
        values = values.assign(conditions=values["claim_id"].map(conditions))
    else:
        values = values.assign(conditions=None)
    return values


Row = dict[str, Any]  # one statement (RELATION_COLUMNS), as a plain record
Key = tuple[str, str, frozenset[str]]


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _same(x: object, y: object) -> bool:
    """Equality as pandas compares a column with a value: a missing value equals nothing."""
    if x.__class__ is str and y.__class__ is str:  # the common case, without the checks
        return x == y
    return not _missing(x) and not _missing(y) and bool(x == y)


def _candidates(rel: Row, f: _Figures, page: list[int]) -> list[int]:
    """The page's figures whose metric the statement may be about."""
    metric = rel["metric"]
    metrics = f.metric
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


def _names(rel: Row, f: _Figures) -> frozenset[str]:
    """The words of the statement's entities as written and as named."""
    words = f.words
    return words(rel["a"]) | words(rel["b"]) | words(rel["a_raw"]) | words(rel["b_raw"])


def _text(value: object) -> str:
    return "" if _missing(value) else str(value)


def _key(f: _Figures, row: int, names: frozenset[str]) -> Key:
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


def _lower(f: _Figures, row: int) -> bool:
    """Whether the row's figure is better low (a time, or a metric named so), once per row."""
    found = f.lower[row]
    if found is None:
        found = f.unit[row] == "s" or lower_is_better(f"{f.metric[row]} {f.label[row]}")
        f.lower[row] = found
    return found


def _pair(f: _Figures, a: int, b: int) -> FigurePair:
    lower = _lower(f, a) and not str(f.unit[a]).endswith("/s")
    return FigurePair(
        f.claim_id[a], f.claim_id[b], f.raw_value[a], f.raw_value[b],
        float(f.point[a]), float(f.point[b]), f.span(a), f.span(b),
        f.entity[b], f.metric[a], f.unit[a], f.qualifier[a] or "", lower,
    )  # fmt: skip


def _in_sentence(rel: Row, f: _Figures, figures: list[int]) -> list[int]:
    """The figures written in the statement's own sentence: as whole numbers ('513' of
    another line is not in "2513 points") outside the statement's own number ('68' of
    another line is not the "68%" the statement states)."""
    sentence = str(rel["evidence"] or "")
    if not sentence:
        return []
    raw, written = f.raw_value, f.written
    stated = str(rel.get("raw_value") or "")
    at = sentence.find(stated) if stated else -1
    own = (at, at + len(stated)) if at >= 0 else (-1, -1)
    # the substring test first: most figures are not in the sentence at all
    return [
        r
        for r in figures
        if written(r) and raw[r] in sentence and _written_in(raw[r], sentence, own)
    ]


def _written_in(raw: str, sentence: str, own: tuple[int, int]) -> bool:
    """Whether `raw` stands in `sentence` as written, neither inside a longer number nor
    inside the statement's own number (its span `own`)."""
    at = sentence.find(raw)
    while at >= 0:
        end = at + len(raw)
        glued = (raw[:1].isdigit() and _continues_number(sentence, at)) or (
            raw[-1:].isdigit() and end < len(sentence) and sentence[end].isdigit()
        )
        if not glued and not (own[0] <= at and end <= own[1]):
            return True
        at = sentence.find(raw, at + 1)
    return False


def _continues_number(sentence: str, at: int) -> bool:
    """Whether the text before `at` ends in a number the figure would continue ("2513",
    "1.5", "1,500")."""
    before = sentence[at - 2 : at] if at >= 2 else sentence[:at]
    return bool(before) and (
        before[-1].isdigit() or (before[-1] in ".," and len(before) == 2 and before[0].isdigit())
    )


_TABLE_ROW = re.compile(r"^(t\d+)r\d+$")


def _table_of(row_key: object) -> str | None:
    """The table of a table row key ("t1r3" -> "t1"), else None."""
    match = _TABLE_ROW.match(row_key) if isinstance(row_key, str) else None
    return match.group(1) if match else None


def _one_in_table(f: _Figures, rows: list[int], table: str) -> bool:
    """Whether the entity has a single figure of this kind in the table (its own row)."""
    return sum(_table_of(f.row_key[r]) == table for r in rows) == 1


def _best_other(f: _Figures, others: list[int], lower: bool) -> int:
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


def _stated_pairs(rel: Row, f: _Figures, mine: list[int], theirs: list[int]) -> list[FigurePair]:
    """Pairs of a's and b's figures both written in the statement's own sentence, measured
    alike (same metric and unit)."""
    stated = _in_sentence(rel, f, mine), _in_sentence(rel, f, theirs)
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
    rel: Row, f: _Figures, page: list[int], by_entity: dict[object, list[int]]
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


class _Figures:
    """The comparable figures as one list per column, a figure being its position (frame
    order), and each page's positions (all, by entity) built the first time it is read.
    Not a dict per row: ~90,000 of them at 2,000 real-shaped pages were freed at the end
    but left ~60 pymalloc arenas held by a few survivors, memory the load could not reuse
    (docs/benchmarks.md, checksmem). Per-row work (key words, spans) is cached in lists."""

    def __init__(self, values: pd.DataFrame) -> None:
        codes, sources = pd.factorize(values["source"].to_numpy(dtype=object))
        #: position of each page (with a source) in frame order
        self.order: dict[object, int] = {source: at for at, source in enumerate(sources)}
        ranked = np.argsort(codes, kind="stable")
        starts = np.searchsorted(codes[ranked], np.arange(len(sources) + 1)).tolist()
        self._ranked: list[int] = ranked.tolist()  # every position's int made once, here
        self._starts = starts
        n = len(values)

        def column(name: str) -> list[Any]:
            if name not in values.columns:
                return [None] * n
            return values[name].to_numpy(dtype=object).tolist()

        self.claim_id, self.source, self.entity = map(column, ("claim_id", "source", "entity"))
        self.metric, self.qualifier, self.unit = map(column, ("metric", "qualifier", "unit"))
        self.row_key, self.raw_value, self.low = map(column, ("row_key", "raw_value", "low"))
        self.high, self.bound, self.point = map(column, ("high", "bound", "point"))
        self.label, self.evidence = column("label"), column("evidence")
        self.conditions, self.entity_qualifier = column("conditions"), column("entity_qualifier")
        self.key_words: list[tuple[str, str, frozenset[str]] | None] = [None] * n  # `_key`
        self._spans: list[tuple[float, float] | None] = [None] * n
        self.lower: list[bool | None] = [None] * n  # see `_lower`
        self._written: list[bool | None] = [None] * n  # see `written`
        self._pages: dict[object, tuple[list[int], dict[object, list[int]]]] = {}
        # `tokens` of each distinct text read (labels, entities and sentences repeat: a
        # statement reads its words once per page it looks at)
        self._words: dict[str, frozenset[str]] = {}

    def written(self, row: int) -> bool:
        """Whether the row's raw value is a text with a digit (one a sentence may quote)."""
        found = self._written[row]
        if found is None:
            raw = self.raw_value[row]
            found = self._written[row] = isinstance(raw, str) and any(c.isdigit() for c in raw)
        return found

    def words(self, text: object) -> frozenset[str]:
        """`tokens(text)`, once per distinct text; read-only (a set shared by every reader)."""
        key = text if isinstance(text, str) else ""
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = frozenset(tokens(key))
        return found

    def span(self, row: int) -> tuple[float, float]:
        """What the row's figure may be, as written (`_span`), once per row."""
        found = self._spans[row]
        if found is None:
            raw = self.raw_value[row]
            low, high = float(self.low[row]), float(self.high[row])
            found = self._spans[row] = _span(low, high, self.bound[row], raw)
        return found

    def page(self, source: object) -> tuple[list[int], dict[object, list[int]]]:
        """The page's rows in frame order, and its rows of each entity (missing entities
        left out)."""
        found = self._pages.get(source)
        if found is None:
            at = self.order[source]
            rows = self._ranked[self._starts[at] : self._starts[at + 1]]
            by_entity: dict[object, list[int]] = {}
            entity = self.entity
            for row in rows:
                if not _missing(entity[row]):
                    by_entity.setdefault(entity[row], []).append(row)
            found = self._pages[source] = (rows, by_entity)
        return found


def figure_pairs(
    facts: pd.DataFrame,
    relations: pd.DataFrame,
    config: CheckConfig,
    comparable: pd.DataFrame | None = None,
) -> dict[str, list[FigurePair]]:
    """Per relation id, the figure pairs on its page it may describe."""
    own, _ = figure_pairs_by_page(facts, relations, config, comparable)
    return own


def figure_pairs_by_page(
    facts: pd.DataFrame,
    relations: pd.DataFrame,
    config: CheckConfig,
    comparable: pd.DataFrame | None = None,
) -> tuple[dict[str, list[FigurePair]], dict[str, list[tuple[str, list[FigurePair]]]]]:
    """Per relation id, the figure pairs on its own page, and, for a statement that names
    its metric and finds no pair at home, the pairs other pages give (page, pairs)."""
    values = comparable if comparable is not None else comparable_facts(facts, config)
    if values.empty or relations.empty:
        return {}, {}
    # Only the figures a statement may name: its entities anywhere, every entity on a page
    # with a "next best" statement (a million facts are filtered once, not per statement).
    named = set(relations["a"].dropna()) | set(relations["b"].dropna())
    open_pages = set(relations.loc[relations["b"].isna(), "source"])
    wanted = values["entity"].isin(named) | values["source"].isin(open_pages)
    columns = [c for c in _READ if c in values.columns]  # a narrow frame slices cheaply
    values = _values(facts, config, values.loc[wanted.to_numpy(dtype=bool), columns])
    if values.empty:
        return {}, {}
    # Each page's rows as plain records (in page order), and the pages each entity is on:
    # a statement looks for pairs elsewhere only on the pages naming both of its entities.
    # A statement with a metric pairs on another page only with a's and b's figures of that
    # metric, so the pages are indexed by (entity, metric). Records are built only for the
    # pages a statement reads (a third of them on the real-shaped corpus).
    figures = _Figures(values)
    on_pages: dict[tuple[object, object], set[object]] = {}
    # only the (entity, metric) pairs a statement looks up: those of a and of b of a
    # statement that names its metric (a Python step per comparable figure cost ~0.1 s)
    asked = relations[relations["metric"].notna() & relations["b"].notna()]
    placed = values[
        (values["source"].notna() & values["entity"].notna()).to_numpy(dtype=bool)
        & values["metric"].isin(asked["metric"].unique()).to_numpy(dtype=bool)
        & values["entity"].isin(pd.concat([asked["a"], asked["b"]]).unique()).to_numpy(dtype=bool)
    ]
    for entity, metric, source in zip(
        *(placed[c].tolist() for c in ("entity", "metric", "source")), strict=True
    ):
        on_pages.setdefault((entity, metric), set()).add(source)
    order = figures.order
    own: dict[str, list[FigurePair]] = {}
    elsewhere: dict[str, list[tuple[str, list[FigurePair]]]] = {}
    for rel in relations.to_dict("records"):  # read per figure below: dict look-ups
        home = rel["source"]
        own[rel["relation_id"]] = (
            _pairs_of(rel, figures, *figures.page(home)) if home in order else []
        )
        if own[rel["relation_id"]] or not rel["metric"] or not rel["b"]:
            continue
        found = []
        metric = rel["metric"]
        both = on_pages.get((rel["a"], metric), set()) & on_pages.get((rel["b"], metric), set())
        for source in sorted(both - {rel["source"]}, key=order.__getitem__):
            pairs = _pairs_of(rel, figures, *figures.page(source))
            if pairs:
                found.append((str(source), pairs))
        if found:
            elsewhere[rel["relation_id"]] = found
    return own, elsewhere


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
