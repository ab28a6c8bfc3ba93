"""What one distinct claim text normalizes to, decided once and cached.

A claim's fact fields depend only on (raw value, label, location kind, role, unit hint); its
entity only on the entity text; its repair count only on its evidence. Comparison pages repeat
all three endlessly, so :class:`Normalizer` decides each distinct key once per process and
:func:`normalize.facts.normalize_claims` spreads the answers over the frame.
"""

from __future__ import annotations

from typing import NamedTuple

from crosscheck.contracts import ClaimRole, LocationKind, QuarantineReason, ValueType
from normalize.categorical import normalize_category
from normalize.entities import resolve_entity
from normalize.quantity import Failure, ParsedQuantity, read_quantity
from normalize.repair import may_hold_mojibake, repair_text
from normalize.units import unit_registry
from normalize.vocabulary import MetricMatch, Vocabulary

TABLE_KINDS = frozenset(
    {
        LocationKind.TABLE_CELL.value,
        LocationKind.COLLAPSED_ROW.value,
        LocationKind.ATTRIBUTE_ROW.value,
    }
)
_VALUE, _DIFF = ClaimRole.VALUE.value, ClaimRole.DIFF.value
_NUMERIC, _CATEGORICAL = ValueType.NUMERIC.value, ValueType.CATEGORICAL.value
# Caches are cleared past this many keys, which bounds memory on very long runs (~100 MB).
MAX_CACHED_KEYS = 400_000


class Outcome(NamedTuple):
    """The fact fields of one distinct claim text, or why it is quarantined."""

    reason: QuarantineReason | None = None  # set: quarantined with `message`
    message: str | None = None
    metric: str | None = None
    qualifier: str | None = None
    value_type: str | None = None
    low: float | None = None
    high: float | None = None
    bound: str | None = None
    unit: str | None = None
    dimension: str | None = None
    text_value: str | None = None
    note: str | None = None
    alt_low: float | None = None
    alt_high: float | None = None


ClaimKey = tuple[str, str, str, str, str | None]  # raw_value, label, location_kind, role, hint


class Normalizer:
    """Holds the vocabulary and the per-process caches of repairs, entities and outcomes."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._outcomes: dict[ClaimKey, Outcome] = {}
        self._entities: dict[str, tuple[str, str | None] | None] = {}
        self._repairs: dict[str, tuple[str, int]] = {}

    def prepare(self) -> Normalizer:
        """Build the unit registry now (~0.2 s) rather than inside the first batch."""
        unit_registry()
        return self

    def repair(self, text: str) -> tuple[str, int]:
        """The repaired text and how many of its characters were mojibake."""
        hit = self._repairs.get(text)
        if hit is None:
            result = repair_text(text)
            hit = (result.text, result.mojibake)  # typography (NBSP, dashes) is no fault
            self._remember(self._repairs, text, hit)
        return hit

    def mojibake(self, text: str) -> int:
        """How many characters of `text` are mojibake (0 at C speed when none can be)."""
        if "&" not in text and not may_hold_mojibake(text):  # an entity may spell mojibake
            return 0
        return self.repair(text)[1]

    def entity(self, entity_raw: str) -> tuple[str, str | None] | None:
        """(canonical entity, qualifier), or None for a cell beyond the named columns."""
        if entity_raw in self._entities:
            return self._entities[entity_raw]
        text, _ = self.repair(entity_raw)
        found: tuple[str, str | None] | None = None
        if not text.startswith("column "):
            match = resolve_entity(text, ())
            found = (match.entity, match.qualifier or None)
        self._remember(self._entities, entity_raw, found)
        return found

    def outcome(self, key: ClaimKey) -> Outcome:
        """The fact fields (or quarantine reason) of one distinct claim text."""
        hit = self._outcomes.get(key)
        if hit is None:
            hit = self._decide(*key)
            self._remember(self._outcomes, key, hit)
        return hit

    @staticmethod
    def _remember(cache: dict, key: object, value: object) -> None:  # type: ignore[type-arg]
        if len(cache) >= MAX_CACHED_KEYS:
            cache.clear()
        cache[key] = value

    def _metric(
        self,
        table: bool,
        label: str,
        unit_hint: str | None,
        dimension: str | None,
        noun: str | None,
        figure: str | None = None,
    ) -> MetricMatch:
        if table:
            return self.vocabulary.match_label(label, unit_hint, dimension)
        # In free text the keywords nearest the figure decide, so pass where it stands.
        return self.vocabulary.match_context(label, dimension, noun, figure)

    def _decide(
        self, raw_value: str, label_raw: str, location_kind: str, role: str, unit_hint: str | None
    ) -> Outcome:
        raw, _ = self.repair(raw_value)
        label, _ = self.repair(label_raw)
        table = location_kind in TABLE_KINDS
        vocabulary = self.vocabulary
        # A Diff or ratio is a percentage or multiplier of its own; the row's header unit
        # ("(thousands)") describes the entities' values, not the difference between them.
        value = role == _VALUE
        if value and table:
            # A feature row ("Async Support Quality: Native support since 2.0") is a category
            # even when its text holds a number; the label decides before the value does.
            by_label = vocabulary.match_label(label, unit_hint, "category")
            described = vocabulary.metrics.get(by_label.metric)
            if described is not None and described.value_type == _CATEGORICAL:
                return _categorical(by_label, raw)
        parsed = read_quantity(raw, unit_hint if value else None)
        if isinstance(parsed, Failure):
            if parsed.reason is not QuarantineReason.NO_NUMBER or not value:
                return Outcome(parsed.reason, parsed.message)
            match = self._metric(table, label, unit_hint, "category", None)
            metric = vocabulary.metrics.get(match.metric)
            if metric is not None and metric.value_type == _NUMERIC:
                message = f"{metric.id} needs a figure but {raw!r} has none"
                return Outcome(QuarantineReason.NO_NUMBER, message)
            return _categorical(match, raw)
        return self._numeric(parsed, table, label, unit_hint, role, raw)

    def _numeric(
        self,
        parsed: ParsedQuantity,
        table: bool,
        label: str,
        unit_hint: str | None,
        role: str,
        raw: str,
    ) -> Outcome:
        match = self._metric(table, label, unit_hint, parsed.dimension, parsed.noun, raw)
        unit, dimension = parsed.unit, parsed.dimension
        metric = self.vocabulary.metrics.get(match.metric)
        if (
            metric is not None
            and match.method == "context"
            and metric.dimension == "count"
            and parsed.noun is None
            and not float(parsed.low).is_integer()
        ):
            # "4.6 (113 reviews)": a count is whole, so a bare 4.6 is not one (a rating).
            match, metric = self.vocabulary.match_label("", None, None), None
        bare = unit is None or (unit == "count" and parsed.noun is None)
        if bare and metric is not None and metric.value_type == _NUMERIC:
            dimension, unit = metric.dimension, metric.unit  # the metric says what it counts
        elif unit is None:
            dimension, unit = "count", "count"
        if role == _DIFF and unit != "percent":
            message = f"a Diff cell should be a percentage, got {raw!r}"
            return Outcome(QuarantineReason.UNIT_DIMENSION_MISMATCH, message)
        return Outcome(
            None,
            None,
            match.metric,
            match.qualifier,
            _NUMERIC,
            parsed.low,
            parsed.high,
            parsed.bound.value,
            unit,
            dimension,
            None,
            parsed.note,
            parsed.alt_low,
            parsed.alt_high,
        )


def _categorical(match: MetricMatch, raw: str) -> Outcome:
    """A categorical fact of `match`'s metric with the normalized category of `raw`."""
    return Outcome(
        metric=match.metric,
        qualifier=match.qualifier,
        value_type=_CATEGORICAL,
        dimension="category",
        text_value=normalize_category(raw),
    )
