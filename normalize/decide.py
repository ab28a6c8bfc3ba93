"""The per-process decisions of the normalizer, one per distinct text, kept column-wise.

A claim's fact is made of three answers that repeat endlessly across pages: what its value
text reads as (under the header hint), what its label says (under the hint, in a table or
not), and which metric the two together map to. :class:`Normalizer` decides each distinct
one once and keeps the answers in :class:`normalize.store.ColumnStore` columns;
:func:`normalize.facts.normalize_claims` combines them for a whole batch with array operations.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import numpy as np
from crosscheck.normalize.entities import resolve_entity
from crosscheck.normalize.label_units import written_kind
from crosscheck.normalize.quantity import Failure, ParsedQuantity
from crosscheck.normalize.quantity_shapes import ShapeReader
from crosscheck.normalize.repair import (
    count_mojibake,
    digits_matter,
    may_hold_mojibake,
    repair_text,
)
from crosscheck.normalize.store import ColumnStore, as_columns
from crosscheck.normalize.units import unit_registry
from crosscheck.normalize.vocabulary import Vocabulary
from crosscheck.normalize.vocabulary_types import UNIT_KINDS, MetricMatch, UnitKind

from crosscheck.contracts import NO_ENTITY_RAW, LocationKind, QuarantineReason, ValueType

TABLE_KINDS = frozenset(
    {
        LocationKind.TABLE_CELL.value,
        LocationKind.COLLAPSED_ROW.value,
        LocationKind.ATTRIBUTE_ROW.value,
    }
)
_NUMERIC, _CATEGORICAL = ValueType.NUMERIC.value, ValueType.CATEGORICAL.value
# Caches are emptied past this many keys, which bounds memory on very long runs (~100 MB).
MAX_CACHED_KEYS = 400_000
_NAN = float("nan")
_DIMENSION_SLOTS = 1 << 10
_DATA_RATE = "data_rate"
_KINDS: dict[str, UnitKind] = {kind: kind for kind in UNIT_KINDS}
_ZEROS = str.maketrans(
    "123456789", "000000000"
)  # a metric-match key packs (label id, dimension code) in one int

# What a value text reads as: the interval fields, or why it cannot be read.
VALUE_COLUMNS: dict[str, Any] = {
    "failed": bool, "no_number": bool, "reason": object, "message": object,
    "low": np.float64, "high": np.float64, "alt_low": np.float64, "alt_high": np.float64,
    "bound": object, "unit": object, "dimension": object, "noun": object, "note": object,
    "unit_none": bool, "unit_count": bool, "unit_percent": bool, "noun_none": bool,
    "low_whole": bool, "dimension_code": np.int64, "raw": object, "per": object,
}  # fmt: skip
# What a label says: in a table, the metric it names when read as a category (a categorical
# metric decides the fact; a numeric one makes a value without a figure a quarantine).
LABEL_COLUMNS: dict[str, Any] = {
    "label": object, "hint": object, "metric": object, "qualifier": object,
    "categorical": bool, "numeric": bool,
}  # fmt: skip
# The metric a figure maps to, and what the vocabulary says of that metric.
MATCH_COLUMNS: dict[str, Any] = {
    "metric": object, "qualifier": object, "context": bool, "known": bool, "numeric": bool,
    "dimension": object, "unit": object, "count": bool, "percent": bool, "factor": np.float64,
}  # fmt: skip
# A figure written without a unit takes its metric's unit, except where the scale is anyone's
# guess (ms or s? MB or GB?) and the metric names no `bare_unit`: then it stays a count.
_SCALED = frozenset({"time", "bytes", "data_rate"})


class Normalizer:
    """Holds the vocabulary and the per-process answers: repairs, entities, values, labels and
    metric matches (each bounded at MAX_CACHED_KEYS)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.values = ColumnStore(VALUE_COLUMNS)
        self.labels = ColumnStore(LABEL_COLUMNS)
        self.matches = ColumnStore(MATCH_COLUMNS)
        self._shapes = ShapeReader()
        self._entities: dict[str, tuple[str, str | None] | None] = {}
        self._repairs: dict[str, tuple[str, int]] = {}
        self._mojibake: dict[str, int] = {}  # evidence texts: only their count is needed
        self._dimensions: dict[str, int] = {}

    def prepare(self) -> Normalizer:
        """Build the unit registry now (~0.2 s) rather than inside the first batch."""
        unit_registry()
        return self

    def bound_memory(self) -> None:
        """Empty the answer stores together (match keys hold label and value ids) when full."""
        stores = (self.values, self.labels, self.matches)
        if any(len(store) >= MAX_CACHED_KEYS for store in stores):
            for store in stores:
                store.clear()

    # --- texts -----------------------------------------------------------------------------

    def repair(self, text: str) -> tuple[str, int]:
        """The repaired text and how many of its characters were mojibake."""
        if text.isascii() and "&" not in text:  # nothing to repair (as repair_text decides)
            return text, 0
        hit = self._repairs.get(text)
        if hit is None:
            result = repair_text(text)
            hit = (result.text, result.mojibake)  # typography (NBSP, dashes) is no fault
            _remember(self._repairs, text, hit)
        return hit

    def mojibake(self, text: str) -> int:
        """How many characters of `text` are mojibake (0 at C speed when none can be)."""
        count = self._mojibake.get(text)  # the text itself (a page re-read), then its shape
        if count is not None:
            return count
        if "&" not in text and not may_hold_mojibake(text):  # an entity may spell mojibake
            return 0
        hit = self._repairs.get(text)
        if hit is not None:
            return hit[1]
        # Rows of one table template differ only in their figures: count once per shape.
        key = text if digits_matter(text) else text.translate(_ZEROS)
        count = self._mojibake.get(key)
        if count is None:
            count = count_mojibake(text)
            _remember(self._mojibake, key, count)
        if key is not text:
            _remember(self._mojibake, text, count)
        return count

    def entity(self, entity_raw: str) -> tuple[str, str | None] | None:
        """(canonical entity, qualifier), or None for a cell beyond the named columns."""
        if entity_raw in self._entities:
            return self._entities[entity_raw]
        text, _ = self.repair(entity_raw)
        found: tuple[str, str | None] | None = None
        if not text.startswith("column ") and entity_raw != NO_ENTITY_RAW:
            match = resolve_entity(text, ())
            found = (match.entity, match.qualifier or None)
        _remember(self._entities, entity_raw, found)
        return found

    # --- the stores' rows --------------------------------------------------------------------

    def read_values(self, pairs: list[tuple[str | None, str]]) -> dict[str, Any]:
        """VALUE_COLUMNS for (header hint, value text) pairs; each text is repaired and read
        under its hint (None for a Diff or ratio cell, whose figure is a difference). Texts
        are read together (:meth:`normalize.quantity_shapes.ShapeReader.read_many`)."""
        texts = [self.repair(raw)[0] for _, raw in pairs]
        hints = [hint for hint, _ in pairs]
        read = self._shapes.read_many(list(zip(hints, texts, strict=True)))
        size = len(texts)
        together = read.which >= 0
        which = read.which[together]
        columns: dict[str, np.ndarray] = {}
        for name, dtype in VALUE_COLUMNS.items():
            columns[name] = (
                np.full(size, None, object) if dtype is object else np.zeros(size, dtype)
            )
        columns["raw"][:] = texts
        for name in ("low", "high", "alt_low", "alt_high"):
            columns[name] = getattr(read.intervals, name)
        plans = read.plans
        units = [plan.unit.canonical_unit for plan in plans]
        per_plan: dict[str, list[Any]] = {
            "bound": [plan.bound.value for plan in plans],
            "unit": units,
            "dimension": [plan.unit.dimension for plan in plans],
            "noun": [plan.noun for plan in plans],
            "note": [plan.note for plan in plans],
            "unit_none": [unit is None for unit in units],
            "unit_count": [unit == "count" for unit in units],
            "unit_percent": [unit == "percent" for unit in units],
            "noun_none": [plan.noun is None for plan in plans],
            "dimension_code": [self._code(plan.unit.dimension) for plan in plans],
            "per": [plan.unit.per for plan in plans],
        }
        for name, values in per_plan.items():
            if values:
                columns[name][together] = np.asarray(values, dtype=columns[name].dtype)[which]
        low = columns["low"]
        columns["low_whole"] = np.isfinite(low) & (low == np.floor(low)) & together
        for row, parsed in read.alone:
            if isinstance(parsed, Failure):
                fields = _failed_row(parsed, texts[row])
            else:
                fields = self._value_row(parsed, texts[row])
            for column, value in zip(columns.values(), fields, strict=True):
                column[row] = value
        # a data rate in bits or in bytes may pick another metric of one label (written_in)
        codes = columns["dimension_code"]
        for row in np.flatnonzero(columns["dimension"] == _DATA_RATE):
            codes[row] = self._code(_DATA_RATE, written_kind(texts[row], hints[row]))
        return columns

    def _code(self, dimension: str | None, kind: str | None = None) -> int:
        """A small integer per dimension (and unit kind), for packing match keys."""
        key = f"{dimension or ''}:{kind}" if kind else dimension or ""
        code = self._dimensions.setdefault(key, len(self._dimensions))
        if code >= _DIMENSION_SLOTS:
            raise OverflowError("more unit dimensions than a match key can hold")
        return code

    def _value_row(self, parsed: ParsedQuantity, raw: str) -> tuple[Any, ...]:
        unit, noun, dimension = parsed.unit, parsed.noun, parsed.dimension
        return (
            False, False, None, None,
            parsed.low, parsed.high,
            _NAN if parsed.alt_low is None else parsed.alt_low,
            _NAN if parsed.alt_high is None else parsed.alt_high,
            parsed.bound.value, unit, dimension, noun, parsed.note,
            unit is None, unit == "count", unit == "percent", noun is None,
            float(parsed.low).is_integer(), self._code(dimension), raw, parsed.per,
        )  # fmt: skip

    def read_labels(self, pairs: list[tuple[tuple[str | None, bool], str]]) -> dict[str, Any]:
        """LABEL_COLUMNS for ((header hint, in a table), label) pairs: a table label is
        matched as a category once, up front."""
        rows: list[tuple[str, str | None, str | None, str | None, bool, bool]] = []
        metrics = self.vocabulary.metrics
        for (hint, table), label_raw in pairs:
            label = self.repair(label_raw)[0]
            if not table:
                rows.append((label, hint, None, None, False, False))
                continue
            # A feature row ("Async Support Quality: Native support since 2.0") is a category
            # even when its text holds a number; the label decides before the value does.
            match = self.vocabulary.match_label(label, hint, "category")
            metric = metrics.get(match.metric)
            kind = None if metric is None else metric.value_type
            row = (label, hint, match.metric, match.qualifier, kind == _CATEGORICAL)
            rows.append((*row, kind == _NUMERIC))
        return as_columns(rows, LABEL_COLUMNS)

    def read_matches(self, pairs: list[tuple[None, int]]) -> dict[str, Any]:
        """MATCH_COLUMNS for keys made by :func:`match_keys`."""
        labels, hints = self.labels.column("label"), self.labels.column("hint")
        dimensions, nouns = self.values.column("dimension"), self.values.column("noun")
        raws = self.values.column("raw")
        names = {code: name for name, code in self._dimensions.items()}
        rows = []
        for _, key in pairs:
            packed, in_text = divmod(key, 2)
            if in_text:
                label_id, value_id = packed >> 32, packed & 0xFFFFFFFF
                # In free text the keywords nearest the figure decide, so pass where it stands.
                dimension = dimensions[value_id]
                kind = written_kind(raws[value_id]) if dimension == _DATA_RATE else None
                match = self.vocabulary.match_context(
                    labels[label_id], dimension, nouns[value_id], raws[value_id], kind
                )
            else:
                label_id, code = divmod(packed, _DIMENSION_SLOTS)
                dimension, _, kind = names[code].partition(":")
                match = self.vocabulary.match_label(
                    labels[label_id], hints[label_id], dimension or None, _KINDS.get(kind)
                )
            rows.append(self._match_row(match, labels[label_id]))
        return as_columns(rows, MATCH_COLUMNS)

    def category_match(self, label: str) -> tuple[MetricMatch, bool]:
        """A free-text value without a figure: the categorical metric its text names, and
        whether the metric found is numeric instead (then the value is a quarantine)."""
        match = self.vocabulary.match_context(label, "category", None, None)
        metric = self.vocabulary.metrics.get(match.metric)
        return match, metric is not None and metric.value_type == _NUMERIC

    def _match_row(self, match: MetricMatch, label: str = "") -> tuple[Any, ...]:
        metric = self.vocabulary.metrics.get(match.metric)
        if metric is not None and label:
            match = with_percentiles(match, label, metric.dimension == "time")
        if metric is None:
            return (match.metric, match.qualifier, match.method == "context", False, False,
                    None, None, False, False, 1.0)  # fmt: skip
        unit = metric.unit
        adopt = metric.dimension not in _SCALED or metric.bare_unit is not None
        return (
            match.metric, match.qualifier, match.method == "context", True,
            metric.value_type == _NUMERIC and adopt, metric.dimension, unit,
            metric.dimension == "count", unit == "percent", metric.bare_factor,
        )  # fmt: skip


_PERCENTILE = re.compile(r"(?<![A-Za-z0-9])[pP](\d{1,2}(?:\.\d{1,3})?)(?![\d.])")
_PERCENT_TILE = re.compile(r"(?<![\d.])(\d{1,2}(?:\.\d{1,3})?)\s*%")


def with_percentiles(match: MetricMatch, label: str, timed: bool = False) -> MetricMatch:
    """The match with every percentile its label names ("p10", "p99.9"; "99.9%" in the label
    of a time metric: "latency 99.9%") in the qualifier: a percentile is another figure,
    whether or not the metric declares it."""
    found = [f"p{number}" for number in _PERCENTILE.findall(label)] if "p" in label.lower() else []
    if timed and "%" in label:
        found += [f"p{number}" for number in _PERCENT_TILE.findall(label)]
    if not found:
        return match
    have = set(re.split(r"[,;]\s*", match.qualifier)) if match.qualifier else set()
    extra = [p for p in dict.fromkeys(found) if p not in have]
    if not extra:
        return match
    qualifier = ", ".join([match.qualifier, *extra] if match.qualifier else extra)
    return dataclasses.replace(match, qualifier=qualifier)


def match_keys(
    in_table: np.ndarray, label_ids: np.ndarray, dimension_codes: np.ndarray, value_ids: np.ndarray
) -> np.ndarray:
    """One integer per figure naming what its metric match depends on: in a table the label
    (with its hint) and the value's dimension; in free text the sentence and the value itself
    (the keywords nearest the figure decide)."""
    table = (label_ids * _DIMENSION_SLOTS + dimension_codes) * 2
    text = ((label_ids << 32) | value_ids) * 2 + 1
    return np.where(in_table, table, text)


def _failed_row(failure: Failure, raw: str) -> tuple[Any, ...]:
    no_number = failure.reason is QuarantineReason.NO_NUMBER
    return (
        True, no_number, failure.reason, failure.message,
        _NAN, _NAN, _NAN, _NAN,
        None, None, None, None, None,
        True, False, False, True, False, -1, raw, None,
    )  # fmt: skip


def _remember(cache: dict[Any, Any], key: object, value: object) -> None:
    if len(cache) >= MAX_CACHED_KEYS:
        cache.clear()
    cache[key] = value
