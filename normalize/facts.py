"""Claims → facts and quarantine: repair, parse, map names; nothing that fails is dropped.

Each distinct (value, unit hint), (label, hint, dimension) and entity string is resolved once
per process (the caches live on the :class:`Normalizer`), which keeps the per-claim cost to a
few dictionary look-ups on pages that repeat themselves, as comparison sites do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from crosscheck.contracts import (
    FACT_COLUMNS,
    QUARANTINE_COLUMNS,
    UNMAPPED_METRIC,
    ClaimRole,
    LocationKind,
    QuarantineReason,
    ValueType,
)
from normalize.categorical import normalize_category
from normalize.entities import resolve_entity
from normalize.errors import NormalizeError
from normalize.quantity import ParsedQuantity, QuantityError, parse_quantity
from normalize.repair import repair_text
from normalize.vocabulary import MetricMatch, Vocabulary, load_vocabulary

_TABLE_KINDS = frozenset(
    {
        LocationKind.TABLE_CELL.value,
        LocationKind.COLLAPSED_ROW.value,
        LocationKind.ATTRIBUTE_ROW.value,
    }
)


@dataclass(frozen=True)
class NormalizeConfig:
    """Options of the normalize stage (vocabulary file overrides)."""

    vocabulary_overrides: str | None = None


@dataclass
class NormalizeResult:
    """Facts and quarantined claims of one batch, with counts for the run summary."""

    facts: pd.DataFrame
    quarantine: pd.DataFrame
    vocabulary_version: str
    counts: dict[str, int] = field(default_factory=dict)


class Normalizer:
    """Turns claim rows into fact rows; holds the vocabulary and the per-string caches."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._quantities: dict[tuple[str, str | None], ParsedQuantity | QuantityError] = {}
        self._repairs: dict[str, tuple[str, int]] = {}

    def _repair(self, text: str) -> tuple[str, int]:
        hit = self._repairs.get(text)
        if hit is None:
            result = repair_text(text)
            hit = (result.text, result.mojibake)  # typography (NBSP, dashes) is no fault
            self._repairs[text] = hit
        return hit

    def _quantity(self, raw: str, hint: str | None) -> ParsedQuantity | QuantityError:
        key = (raw, hint)
        hit = self._quantities.get(key)
        if hit is None:
            try:
                hit = parse_quantity(raw, hint)
            except QuantityError as error:
                hit = error
            self._quantities[key] = hit
        return hit

    def _metric(
        self,
        claim: dict[str, Any],
        label: str,
        dimension: str | None,
        noun: str | None,
        figure: str | None = None,
    ) -> MetricMatch:
        if claim["location_kind"] in _TABLE_KINDS:
            return self.vocabulary.match_label(label, claim["unit_hint"], dimension)
        # In free text the keywords nearest the figure decide, so pass where it stands.
        return self.vocabulary.match_context(label, dimension, noun, figure)

    def normalize(
        self, claim: dict[str, Any]
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """(fact, None) or (None, quarantine row) for one claim."""
        raw, _ = self._repair(claim["raw_value"])
        label, _ = self._repair(claim["label"])
        _, repairs = self._repair(claim["evidence"] or claim["raw_value"])
        entity_text, _ = self._repair(claim["entity_raw"])
        if entity_text.startswith("column "):
            return None, _quarantine(
                claim,
                QuarantineReason.UNMAPPED_ENTITY,
                f"no entity for {claim['locator']!r}: the row has more cells than the header names",
            )
        entity = resolve_entity(entity_text, ())
        # A Diff or ratio is a percentage or multiplier of its own; the row's header unit
        # ("(thousands)") describes the entities' values, not the difference between them.
        derived = claim["role"] != ClaimRole.VALUE.value
        fact = dict(claim)
        fact.update(
            entity=entity.entity,
            entity_qualifier=entity.qualifier or None,
            repairs=repairs,
            alt_low=None,
            alt_high=None,
            note=None,
            bound=None,
            low=None,
            high=None,
            unit=None,
            dimension=None,
            text_value=None,
        )
        if not derived and claim["location_kind"] in _TABLE_KINDS:
            # A feature row ("Async Support Quality: Native support since 2.0") is a category
            # even when its text holds a number; the label decides before the value does.
            by_label = self.vocabulary.match_label(label, claim["unit_hint"], "category")
            described = self.vocabulary.metrics.get(by_label.metric)
            if described is not None and described.value_type == ValueType.CATEGORICAL.value:
                return _categorical(fact, by_label, raw), None
        parsed = self._quantity(raw, None if derived else claim["unit_hint"])
        if isinstance(parsed, QuantityError):
            if parsed.reason is not QuarantineReason.NO_NUMBER or claim["role"] != "value":
                return None, _quarantine(claim, parsed.reason, str(parsed))
            match = self._metric(claim, label, "category", None)
            metric = self.vocabulary.metrics.get(match.metric)
            if metric is not None and metric.value_type == ValueType.NUMERIC.value:
                return None, _quarantine(
                    claim,
                    QuarantineReason.NO_NUMBER,
                    f"{metric.id} needs a figure but {raw!r} has none",
                )
            return _categorical(fact, match, raw), None
        match = self._metric(claim, label, parsed.dimension, parsed.noun, raw)
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
        if bare and metric is not None and metric.value_type == ValueType.NUMERIC.value:
            dimension, unit = metric.dimension, metric.unit  # the metric says what it counts
        elif unit is None:
            dimension, unit = "count", "count"
        if claim["role"] == ClaimRole.DIFF.value and unit != "percent":
            return None, _quarantine(
                claim,
                QuarantineReason.UNIT_DIMENSION_MISMATCH,
                f"a Diff cell should be a percentage, got {raw!r}",
            )
        fact.update(
            metric=match.metric,
            qualifier=match.qualifier,
            value_type=ValueType.NUMERIC.value,
            low=parsed.low,
            high=parsed.high,
            bound=parsed.bound.value,
            unit=unit,
            dimension=dimension,
            note=parsed.note,
            alt_low=parsed.alt_low,
            alt_high=parsed.alt_high,
        )
        return fact, None


def _categorical(fact: dict[str, Any], match: MetricMatch, raw: str) -> dict[str, Any]:
    """`fact` as a categorical fact of `match`'s metric with the normalized category of `raw`."""
    fact.update(
        metric=match.metric,
        qualifier=match.qualifier,
        value_type=ValueType.CATEGORICAL.value,
        dimension="category",
        text_value=normalize_category(raw),
    )
    return fact


def _quarantine(claim: dict[str, Any], reason: QuarantineReason, message: str) -> dict[str, Any]:
    return {
        "claim_id": claim["claim_id"],
        "source": claim["source"],
        "stage": "normalize",
        "reason": reason.value,
        "message": message,
        "raw_value": claim["raw_value"],
    }


def normalize_claims(
    claims: pd.DataFrame,
    config: NormalizeConfig | None = None,
    normalizer: Normalizer | None = None,
) -> NormalizeResult:
    """Facts and quarantine for a claims frame (CLAIM_COLUMNS in, FACT_COLUMNS out)."""
    config = config or NormalizeConfig()
    if normalizer is None:
        try:
            vocabulary = load_vocabulary(overrides=config.vocabulary_overrides)
        except OSError as error:
            raise NormalizeError(f"cannot read vocabulary overrides: {error}") from error
        normalizer = Normalizer(vocabulary)
    facts: list[dict[str, Any]] = []
    quarantined: list[dict[str, Any]] = []
    frame = claims.astype(object).where(claims.notna(), None)  # NaN → None at the boundary
    for claim in frame.to_dict("records"):
        fact, bad = normalizer.normalize(claim)
        if fact is not None:
            facts.append(fact)
        if bad is not None:
            quarantined.append(bad)
    fact_frame = pd.DataFrame(facts, columns=FACT_COLUMNS)
    counts = {
        "claims": len(claims),
        "facts": len(facts),
        "quarantined": len(quarantined),
        "unmapped": int((fact_frame["metric"] == UNMAPPED_METRIC).sum()),
    }
    return NormalizeResult(
        fact_frame,
        pd.DataFrame(quarantined, columns=QUARANTINE_COLUMNS),
        normalizer.vocabulary.version,
        counts,
    )
