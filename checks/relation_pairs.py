"""The pairs of figures a comparative statement may describe: a's and b's figures on its page
for the same metric, unit and conditions (entity names left out of the conditions, so
"BenchmarkNetHTTPClientGet" of net/http pairs with "BenchmarkClientGet" of fasthttp).

Why a module of its own: pairing decides precision. Only figures measured the same way pair;
figures in the statement's own sentence win, then those whose conditions the sentence names
("client" picks the client benchmarks over the server ones).
"""

from __future__ import annotations

import functools
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
from crosscheck.contracts import BoundKind, FindingKind, RelationAspect, Scope, Severity

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


@dataclass(frozen=True)
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


def _an_age(row: Row) -> bool:
    """A duration no plain "faster" is about: an age ("12 years old"), a support period."""
    point = row["point"]
    return row["unit"] == "s" and not _missing(point) and float(point) >= AGE_SECONDS


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


@functools.lru_cache(maxsize=1 << 16)
def _written_slack(raw: str) -> float:
    """Half a unit of the last digit written, relative to the number ("0,4276" → 0.01 %,
    "1.5" → 3 %); an exact "10,000" is exact to the unit, not a rounded 1e4. Cached: a
    figure is paired with every figure of its kind on the page."""
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


Row = dict[str, Any]  # one comparable fact (the _READ columns), as a plain record
_KEY_WORDS = "_key_words"  # a Row's cached (metric, unit, words) of `_key`, names not left out


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _same(x: object, y: object) -> bool:
    """Equality as pandas compares a column with a value: a missing value equals nothing."""
    if x.__class__ is str and y.__class__ is str:  # the common case, without the checks
        return x == y
    return not _missing(x) and not _missing(y) and bool(x == y)


def _candidates(rel: Row, page: list[Row]) -> list[Row]:
    """The page's figures whose metric the statement may be about."""
    metric = rel["metric"]
    if metric:
        return [r for r in page if _same(r["metric"], metric)]
    names = tokens(rel["a"]) | tokens(rel["b"]) | tokens(rel["a_raw"]) | tokens(rel["b_raw"])
    phrase = {
        t for t in tokens(rel.get("phrase")) if (len(t) >= 3 or not t.isascii()) and t not in names
    }
    if phrase:  # what the statement names must be most of what the figure's label says
        return [
            r
            for r in page
            if 2 * len(phrase & tokens(f"{r['metric'].replace('_', ' ')} {_text(r['label'])}"))
            >= len(phrase)
        ]
    if rel["aspect"] == RelationAspect.SPEED.value:
        return [r for r in page if _speed_unit(r["unit"]) and not _an_age(r)]
    return []


def _text(value: object) -> str:
    return "" if _missing(value) else str(value)


def _key(row: Row, names: set[str]) -> tuple[str, str, frozenset[str]]:
    """Metric, unit and the words of the conditions, entity names left out. The conditions
    as written keep their camel case ("BenchmarkNetHTTPClientGet"); the qualifier's parts
    that repeat them (lower-cased by normalize) or the entity's version or variant ('5.1.0'
    of fastify) are left out, its other parts kept (p99)."""
    cached = row.get(_KEY_WORDS)
    if cached is None:  # the row's part, once per row (a row is keyed for every statement)
        conditions = row["conditions"] if isinstance(row["conditions"], str) else ""
        written = {part.strip().lower() for part in conditions.split(";")}
        variant = row.get("entity_qualifier")
        if isinstance(variant, str):
            written |= {part.strip().lower() for part in variant.split(";")}
        qualifier = str(row["qualifier"] or "")
        rest = [q for q in qualifier.split(";") if q.strip().lower() not in written]
        words = tokens(f"{conditions} {'; '.join(rest)}") - _NEUTRAL
        cached = row[_KEY_WORDS] = (row["metric"], row["unit"], words)
    metric, unit, words = cached
    return metric, unit, frozenset(words - names)


def _pair(a: Row, b: Row) -> FigurePair:
    lower = a["unit"] == "s" or lower_is_better(f"{a['metric']} {a['label']}")
    if str(a["unit"]).endswith("/s"):
        lower = False
    return FigurePair(
        a["claim_id"], b["claim_id"], a["raw_value"], b["raw_value"],
        float(a["point"]), float(b["point"]),
        _span(float(a["low"]), float(a["high"]), a["bound"], a["raw_value"]),
        _span(float(b["low"]), float(b["high"]), b["bound"], b["raw_value"]),
        b["entity"], a["metric"], a["unit"], a["qualifier"] or "", lower,
    )  # fmt: skip


def _in_sentence(rel: Row, figures: list[Row]) -> list[Row]:
    """The figures written in the statement's own sentence."""
    sentence = str(rel["evidence"] or "")
    if not sentence:
        return []
    return [
        r
        for r in figures
        if isinstance(r["raw_value"], str)
        and any(c.isdigit() for c in r["raw_value"])
        and r["raw_value"] in sentence
    ]


_TABLE_ROW = re.compile(r"^(t\d+)r\d+$")


def _table_of(row_key: object) -> str | None:
    """The table of a table row key ("t1r3" -> "t1"), else None."""
    match = _TABLE_ROW.match(row_key) if isinstance(row_key, str) else None
    return match.group(1) if match else None


def _one_in_table(rows: list[Row], table: str) -> bool:
    """Whether the entity has a single figure of this kind in the table (its own row)."""
    return sum(_table_of(r["row_key"]) == table for r in rows) == 1


def _best_other(others: list[Row], lower: bool) -> Row:
    """The lowest (or highest) point, the first of equals; missing points are skipped."""
    best: Row | None = None
    for row in others:
        point = row["point"]
        if _missing(point):
            continue
        if best is None or (point < best["point"] if lower else point > best["point"]):
            best = row
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


def _pairs_of(rel: Row, page: list[Row], by_entity: dict[object, list[Row]]) -> list[FigurePair]:
    """Plain records, not pandas: called once per statement (and per other page naming both
    of its entities), on a handful of rows each time, where a frame filter costs ~100 µs.
    ``by_entity``: the page's rows of each entity (in page order)."""
    if rel["b"]:
        a, b = rel["a"], rel["b"]
        # only a's and b's rows: each keeps its page order, which is all that is used below
        page = by_entity.get(a, []) if a == b else by_entity.get(a, []) + by_entity.get(b, [])
    page = _candidates(rel, page)
    a_name, b_name = rel["a"], rel["b"]
    mine = [r for r in page if _same(r["entity"], a_name)]
    if b_name:
        theirs = [r for r in page if _same(r["entity"], b_name)]
    elif rel["b_raw"] == "next best":
        theirs = [r for r in page if not _same(r["entity"], a_name)]
    else:
        return []
    if not mine or not theirs:
        return []
    if rel["b"]:
        stated = _in_sentence(rel, mine), _in_sentence(rel, theirs)
        if stated[0] and stated[1]:  # "A 2.7x faster than B (5,240 req/s)"
            return [
                _pair(a, b)
                for a in stated[0]
                for b in stated[1]
                if a["unit"] == b["unit"] and a["metric"] == b["metric"]
            ]
    names = tokens(rel["a"]) | tokens(rel["a_raw"]) | tokens(rel["b"]) | tokens(rel["b_raw"])
    if not rel["b"]:
        names |= set().union(*(tokens(e) for e in {r["entity"] for r in theirs}))
    by_key: dict[tuple[str, str, frozenset[str]], list[Row]] = {}
    for row in theirs:
        by_key.setdefault(_key(row, names), []).append(row)
    by_a: dict[tuple[str, str, frozenset[str]], list[Row]] = {}
    mine_keys = [_key(row, names) for row in mine]
    for row, key in zip(mine, mine_keys, strict=True):
        by_a.setdefault(key, []).append(row)
    pairs: list[tuple[FigurePair, bool, set[str]]] = []
    for a, key in zip(mine, mine_keys, strict=True):
        others = by_key.get(key)
        if not others:
            continue
        if rel["b"] and (len(others) > 1 or len(by_a.get(key, ())) > 1):
            # several figures measured alike: only those of one row (or sentence) pair up
            kept = [
                o
                for o in others
                if _same(o["row_key"], a["row_key"]) or _same(o["evidence"], a["evidence"])
            ]
            table = _table_of(a["row_key"])
            if not kept and table and _one_in_table(by_a[key], table):
                # a leaderboard (one row per entity): its rows pair with each other
                kept = [o for o in others if _table_of(o["row_key"]) == table]
            others = kept
            if not others:
                continue
        lower = a["unit"] == "s" or lower_is_better(f"{a['metric']} {a['label']}")
        chosen = [_best_other(others, _strongest_lowest(rel, lower))] if not rel["b"] else others
        for b in chosen:
            same = bool(a["evidence"] == rel["evidence"] or b["evidence"] == rel["evidence"])
            words = set(key[2]) | tokens(a["label"]) | tokens(b["label"])
            pairs.append((_pair(a, b), same, words))
    if any(same for _, same, _ in pairs):
        pairs = [p for p in pairs if p[1]]
    sentence = tokens(rel["evidence"]) - names - _NEUTRAL - _SENTENCE_NEUTRAL
    scores = [len(words & sentence) for _, _, words in pairs]
    if scores and max(scores) > 0:
        pairs = [p for p, s in zip(pairs, scores, strict=True) if s == max(scores)]
    return [p for p, _, _ in pairs]


class _PageRecords:
    """The comparable figures of each page as plain records (`Row`, in frame order) and by
    entity, built the first time a page is read."""

    def __init__(self, values: pd.DataFrame) -> None:
        codes, sources = pd.factorize(values["source"].to_numpy(dtype=object))
        #: position of each page (with a source) in frame order
        self.order: dict[object, int] = {source: at for at, source in enumerate(sources)}
        ranked = np.argsort(codes, kind="stable")
        starts = np.searchsorted(codes[ranked], np.arange(len(sources) + 1))
        self._at = {s: ranked[starts[i] : starts[i + 1]] for s, i in self.order.items()}
        self._names = list(values.columns)
        self._columns = [values[c].to_numpy(dtype=object) for c in self._names]
        self._rows: dict[object, list[Row]] = {}
        self._by_entity: dict[object, dict[object, list[Row]]] = {}

    def rows(self, source: object) -> list[Row]:
        """The page's records, in frame order."""
        rows = self._rows.get(source)
        if rows is None:
            at = self._at[source]
            names = self._names
            rows = [
                dict(zip(names, cells, strict=True))
                for cells in zip(*(column[at].tolist() for column in self._columns), strict=True)
            ]
            self._rows[source] = rows
        return rows

    def by_entity(self, source: object) -> dict[object, list[Row]]:
        """The page's records of each entity (missing entities left out), in frame order."""
        found = self._by_entity.get(source)
        if found is None:
            found = {}
            for row in self.rows(source):
                if not _missing(row["entity"]):
                    found.setdefault(row["entity"], []).append(row)
            self._by_entity[source] = found
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
    pages = _PageRecords(values)
    on_pages: dict[tuple[object, object], set[object]] = {}
    placed = values[values["source"].notna() & values["entity"].notna()]
    for entity, metric, source in zip(
        *(placed[c].tolist() for c in ("entity", "metric", "source")), strict=True
    ):
        on_pages.setdefault((entity, metric), set()).add(source)
    order = pages.order
    own: dict[str, list[FigurePair]] = {}
    elsewhere: dict[str, list[tuple[str, list[FigurePair]]]] = {}
    for rel in relations.to_dict("records"):  # read per figure below: dict look-ups
        home = rel["source"]
        own[rel["relation_id"]] = (
            _pairs_of(rel, pages.rows(home), pages.by_entity(home)) if home in order else []
        )
        if own[rel["relation_id"]] or not rel["metric"] or not rel["b"]:
            continue
        found = []
        metric = rel["metric"]
        both = on_pages.get((rel["a"], metric), set()) & on_pages.get((rel["b"], metric), set())
        for source in sorted(both - {rel["source"]}, key=order.__getitem__):
            pairs = _pairs_of(rel, pages.rows(source), pages.by_entity(source))
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
