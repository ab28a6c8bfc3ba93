"""Map metric labels and prose figures to the versioned vocabulary of canonical metrics.

Why: pages label one figure a dozen ways; checks can only compare facts whose metric and
qualifier agree, so the mapping is data-driven, deterministic, versioned and never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path

from crosscheck.normalize.units import hint_info
from crosscheck.normalize.vocabulary_io import (
    packaged_data as packaged_data,  # re-exported (entities)
)
from crosscheck.normalize.vocabulary_io import read_vocabulary
from crosscheck.normalize.vocabulary_types import CATEGORY_DIMENSION, Metric, MetricMatch, UnitKind
from crosscheck.normalize.vocabulary_types import MatchMethod as MatchMethod  # re-exported
from rapidfuzz import fuzz, process, utils

from crosscheck.contracts import UNMAPPED_METRIC, ValueType

# token_sort_ratio of 88 accepts one or two wrong letters in a two-word label ("Github Starz"
# scores 91.7) but not a different word ("Github Forks" vs "github stars" scores 50).
FUZZY_THRESHOLD = 88.0
CONTEXT_WINDOW = 80  # characters between a figure and a context keyword that still count
QUALIFIER_WINDOW = 40  # narrower: "near" keywords score double; qualifiers are read this close
_PARENS = re.compile(r"\([^()]*\)")
_DIGIT = re.compile(r"\d")
_UNIT_NOUN = re.compile(
    r"(?:ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?"
    r"|years?|b|bytes|[kmg]i?b|kilobytes|megabytes|gigabytes|%|percent|x|times|[km])",
    re.IGNORECASE,
)


def _clean(text: str | None) -> str:
    """Whitespace runs (NBSP included) as one space, none at the ends."""
    return " ".join((text or "").split())  # str.split and re's \s agree on whitespace


def _canonical_dimension(dimension: str | None) -> str | None:
    if not dimension:
        return None
    dim = dimension.strip().lower()
    return CATEGORY_DIMENSION if dim in ("categorical", "category", "text") else dim


def hint_dimension(unit_hint: str | None) -> str | None:
    """The dimension a header's unit hint implies ("RPS" → rate), None when it says nothing.

    Delegates to the quantity parser's header reading so both stages agree on every hint.
    """
    info = hint_info(unit_hint)
    return info.unit.dimension if info.unit is not None else None


def _unmapped(score: float = 0.0) -> MetricMatch:
    return MetricMatch(UNMAPPED_METRIC, "", round(score, 1), "unmapped")


class Vocabulary:
    """The loaded vocabulary; its match methods are pure and cached per instance."""

    def __init__(self, version: str, metrics: Mapping[str, Metric], cache_size: int = 1 << 16):
        self.version = version
        self.metrics: dict[str, Metric] = dict(metrics)
        self._numeric = [m for m in self.metrics.values() if m.value_type is ValueType.NUMERIC]
        self._categorical = [
            m for m in self.metrics.values() if m.value_type is ValueType.CATEGORICAL
        ]
        self._exact: dict[str, str] = {}
        for m in self.metrics.values():
            for alias in m.aliases:
                self._exact.setdefault(utils.default_process(alias), m.id)
        self._choices: dict[str | None, tuple[list[str], list[str]]] = {}
        # lru_cache on per-instance bound methods: no global cache keeps the instance alive
        self._label_cache = lru_cache(maxsize=cache_size)(self._match_label)
        self._context_cache = lru_cache(maxsize=cache_size)(self._match_context)
        self._cache_size = cache_size
        self._pools: dict[tuple[str | None, bool], list[Metric]] = {}
        self._nouns: dict[str, frozenset[str]] = {}
        self._bodies: dict[str, tuple[str, str, dict[str, list[tuple[int, int]]]]] = {}

    def __contains__(self, metric_id: object) -> bool:
        return metric_id in self.metrics

    def match_label(
        self,
        label: str,
        unit_hint: str | None = None,
        dimension: str | None = None,
        unit_kind: UnitKind | None = None,
    ) -> MetricMatch:
        """Map a table label: patterns, then exact aliases, then fuzzy aliases; else unmapped.

        Patterns are ranked by the unit hint's dimension, then the value's `dimension` (so a
        Diff cell's percent does not override its row), then whether the metric is
        `written_in` the value's `unit_kind` (bits or bytes: "Memory Speed 21 Gbps" is a
        per-pin rate, "716.8 GB/s" a bandwidth), then match length; fuzzy matches need an
        agreeing dimension. A pattern match in the wrong dimension is kept for the checks.
        """
        return self._label_cache(label, unit_hint, dimension, unit_kind)

    def match_context(
        self,
        text: str,
        dimension: str | None = None,
        noun: str | None = None,
        figure: str | None = None,
        unit_kind: UnitKind | None = None,
    ) -> MetricMatch:
        """Map a figure in a sentence, card or list item by its noun and nearby keywords.

        `figure` is the value as written ("~7,500 RPS"); when given, only keywords near it
        count, which keeps "2-3x better throughput ... 15+ years" apart. With
        dimension="category" the categorical metrics are matched by their keywords.
        """
        return self._context_cache(text, dimension, noun, figure, unit_kind)

    def cache_clear(self) -> None:
        self._label_cache.cache_clear()
        self._context_cache.cache_clear()
        self._nouns.clear()
        self._bodies.clear()

    def _match_label(
        self,
        label: str,
        unit_hint: str | None,
        dimension: str | None,
        unit_kind: UnitKind | None = None,
    ) -> MetricMatch:
        text = _clean(label)
        if not text:
            return _unmapped()
        value_dim, header_dim = _canonical_dimension(dimension), hint_dimension(unit_hint)
        # the header's unit says what the column measures (a Diff cell's value is a percent)
        ranked = sorted(
            (
                (
                    bool(header_dim) and m.agrees(header_dim),
                    bool(value_dim) and m.agrees(value_dim),
                    unit_kind is not None and m.written_in == unit_kind,
                    span,
                    m,
                )
                for m in self.metrics.values()
                if (span := m.pattern_span(text))
            ),
            key=lambda c: c[:4],
            reverse=True,
        )
        if ranked:
            if len(ranked) > 1 and ranked[0][:4] == ranked[1][:4]:
                return _unmapped()  # two metrics fit equally well: ambiguous, never a guess
            best = ranked[0][4]
            return MetricMatch(best.id, best.qualifier_of(text), 100.0, "pattern")
        dim = value_dim or header_dim
        query = utils.default_process(_PARENS.sub(" ", text)) or utils.default_process(text)
        exact = self._exact.get(query)
        if exact and self.metrics[exact].agrees(dim):
            return MetricMatch(exact, self.metrics[exact].qualifier_of(text), 100.0, "alias")
        choices, ids = self._fuzzy_choices(dim)
        found = process.extractOne(query, choices, scorer=fuzz.token_sort_ratio, processor=None)
        if found is None:
            return _unmapped()
        _, score, index = found
        if score < FUZZY_THRESHOLD:
            return _unmapped(score)
        metric = self.metrics[ids[index]]
        return MetricMatch(metric.id, metric.qualifier_of(text), round(score, 1), "fuzzy")

    def _fuzzy_choices(self, dim: str | None) -> tuple[list[str], list[str]]:
        if dim not in self._choices:
            pairs = [
                (utils.default_process(alias), m.id)
                for m in self.metrics.values()
                if m.agrees(dim)
                for alias in m.aliases
            ]
            self._choices[dim] = ([p[0] for p in pairs], [p[1] for p in pairs])
        return self._choices[dim]

    def _match_context(
        self,
        text: str,
        dimension: str | None,
        noun: str | None,
        figure: str | None,
        unit_kind: UnitKind | None = None,
    ) -> MetricMatch:
        body, lowered, spans = self._sentence(text)
        noun_text = _clean(noun).lower()
        dim = _canonical_dimension(dimension)
        relative = dim in ("ratio", "percent")  # "3x faster throughput": any metric's relation
        anchor = _find(body, _clean(figure), lowered) or _find(body, noun_text, lowered)
        near = body
        if anchor is not None:
            near = body[max(0, anchor[0] - QUALIFIER_WINDOW) : anchor[1] + QUALIFIER_WINDOW]
        content_noun = bool(noun_text) and not relative and not _UNIT_NOUN.fullmatch(noun_text)
        named = self._noun_hits(noun_text) if noun_text else frozenset()
        scored: list[tuple[int, Metric]] = []
        for m in self._context_pool(dim, relative):
            noun_hit = m.id in named
            if content_noun and not noun_hit:
                continue  # "1,000+ tutorials" is not a figure of any metric near it
            if unit_kind and m.written_in and m.written_in != unit_kind:
                continue  # "memory speed of 21 Gbps" is no bandwidth (written_in)
            near_points = _proximity(spans(m), body, anchor)
            if noun_hit or near_points:
                bonus = 1 if relative and m.dimension == dim else 0
                scored.append((2 * noun_hit + near_points + bonus, m))
        if not scored:
            return _unmapped()
        scored.sort(key=lambda s: s[0], reverse=True)
        if len(scored) > 1 and scored[0][0] == scored[1][0]:
            return _unmapped()  # two metrics have equal evidence: ambiguous
        points, best = scored[0]
        score = min(100.0, 40.0 + 20.0 * points)
        return MetricMatch(best.id, best.qualifier_of(near), score, "context")

    def _context_pool(self, dim: str | None, relative: bool) -> list[Metric]:
        """The metrics a free-text figure of `dim` can belong to (those with keywords)."""
        key = (dim, relative)
        pool = self._pools.get(key)
        if pool is None:
            candidates = self._categorical if dim == CATEGORY_DIMENSION else self._numeric
            pool = self._pools[key] = [
                m
                for m in candidates
                if m.keyword_pattern is not None and (relative or m.agrees(dim))
            ]
        return pool

    def _noun_hits(self, noun_text: str) -> frozenset[str]:
        """Ids of the metrics whose context keywords occur in a figure's noun ("stars")."""
        hits = self._nouns.get(noun_text)
        if hits is None:
            hits = frozenset(
                m.id
                for m in self.metrics.values()
                if m.keyword_pattern is not None and m.keyword_pattern.search(noun_text)
            )
            if len(self._nouns) >= self._cache_size:
                self._nouns.clear()
            self._nouns[noun_text] = hits
        return hits

    def _sentence(self, text: str) -> tuple[str, str, Callable[[Metric], list[tuple[int, int]]]]:
        """A text's cleaned body, the body lowered, and where each metric's keywords occur in
        it: made once per text (a sentence holds several figures, each matched on its own)."""
        found = self._bodies.get(text)
        if found is None:
            if len(self._bodies) >= self._cache_size:
                self._bodies.clear()
            body = _clean(text)
            found = self._bodies[text] = (body, body.lower(), {})
        body, lowered, hits_of = found

        def spans(metric: Metric) -> list[tuple[int, int]]:
            hits = hits_of.get(metric.id)
            if hits is None:
                assert metric.keyword_pattern is not None  # the pool holds only such metrics
                hits = hits_of[metric.id] = [
                    h.span() for h in metric.keyword_pattern.finditer(body)
                ]
            return hits

        return body, lowered, spans


def _find(body: str, part: str, lowered: str | None = None) -> tuple[int, int] | None:
    """Span of `part` in `body` (letters-only boundaries: "3x" holds "x", "Flask" does not);
    `lowered` is body.lower() when the caller has it."""
    if not part:
        return None
    # A plain case-insensitive scan: compiling a pattern per figure cost ~0.3 ms each, and the
    # figures outnumber re's compile cache.
    haystack, needle = body.lower() if lowered is None else lowered, part.lower()
    if len(haystack) != len(body) or len(needle) != len(part):  # lowering moved offsets
        found = re.search(rf"(?<![a-z]){re.escape(part)}(?![a-z])", body, re.IGNORECASE)
        return found.span() if found else None
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        if not (start and _is_ascii_letter(haystack[start - 1])) and not (
            end < len(haystack) and _is_ascii_letter(haystack[end])
        ):
            return start, end
        start = haystack.find(needle, start + 1)
    return None


def _is_ascii_letter(char: str) -> bool:
    return "a" <= char <= "z"


def _proximity(spans: list[tuple[int, int]], body: str, anchor: tuple[int, int] | None) -> int:
    """0-2 points for context keywords (found at `spans` of `body`): near the figure (2
    within 40 chars, 1 within 80).

    A keyword separated from the figure by another number belongs to that number
    ("4.6 (113 reviews)": "reviews" is not about 4.6). Without an anchor, distinct keywords
    anywhere in the text count, at most 2.
    """
    if not spans:
        return 0
    if anchor is None:
        return min(len({body[start:end].lower() for start, end in spans}), 2)
    best = 0
    for start, end in spans:
        if end <= anchor[0]:
            between = body[end : anchor[0]]
        elif start >= anchor[1]:
            between = body[anchor[1] : start]
        else:
            between = ""  # the keyword is part of the figure ("68,000+ GitHub stars")
        if _DIGIT.search(between):
            continue
        gap = len(between)
        best = max(best, 2 if gap <= QUALIFIER_WINDOW else 1 if gap <= CONTEXT_WINDOW else 0)
    return best


# --- loading (reading and validating the TOML: normalize.vocabulary_io) ---------------------


def load_vocabulary(
    path: Path | str | None = None, overrides: Path | str | None = None
) -> Vocabulary:
    """Load the packaged (or given) vocabulary; `overrides` adds or replaces metrics by id.

    An overridden vocabulary's version records that a local mapping was in force (see
    :func:`normalize.vocabulary_io.read_vocabulary`).
    """
    version, metrics = read_vocabulary(path, overrides)
    return Vocabulary(version, metrics)


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The packaged vocabulary, loaded once per process."""
    return load_vocabulary()
