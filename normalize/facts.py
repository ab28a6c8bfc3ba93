"""Claims → facts and quarantine: repair, parse, map names; nothing that fails is dropped.

Column-wise: each distinct claim text, entity text and evidence text of the frame is decided
once (:class:`normalize.decide.Normalizer`, whose caches outlive a batch) and the answers are
spread back over the rows with integer codes, so the per-claim cost is a dictionary look-up
and a few array takes instead of a Python call per claim.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from crosscheck.contracts import (
    CLAIM_COLUMNS,
    FACT_COLUMNS,
    QUARANTINE_COLUMNS,
    UNMAPPED_METRIC,
    QuarantineReason,
)
from normalize.decide import Normalizer, Outcome
from normalize.errors import NormalizeError
from normalize.vocabulary import load_vocabulary

__all__ = ["NormalizeConfig", "NormalizeResult", "normalize_claims"]

_KEY_COLUMNS = ("raw_value", "label", "location_kind", "role", "unit_hint")
_TEXT_FIELDS = (
    "metric", "qualifier", "value_type", "bound", "unit", "dimension", "text_value", "note",
)  # fmt: skip
_FLOAT_FIELDS = ("low", "high", "alt_low", "alt_high")


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


def _values(column: pd.Series) -> list[Any]:
    """The column as a list with None for missing values (NaN is no dictionary key)."""
    if column.isna().any():
        return column.astype(object).where(column.notna(), None).tolist()
    return column.tolist()


def _codes(keys: Iterable[Hashable], size: int) -> tuple[np.ndarray, list[Any]]:
    """Integer code of each key (first-seen order) and the distinct keys in that order."""
    index: dict[Hashable, int] = {}
    codes = np.fromiter((index.setdefault(k, len(index)) for k in keys), np.intp, size)
    return codes, list(index)


def _spread(values: list[Any], codes: np.ndarray, dtype: Any = object) -> np.ndarray:
    """Per-distinct-key `values` as one value per row."""
    return np.asarray(values, dtype=dtype)[codes]


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
    claims = claims.reset_index(drop=True)
    size = len(claims)
    columns = {name: _values(claims[name]) for name in _KEY_COLUMNS}
    key_codes, keys = _codes(zip(*(columns[name] for name in _KEY_COLUMNS), strict=True), size)
    outcomes: list[Outcome] = [normalizer.outcome(key) for key in keys]
    entity_codes, entity_texts = _codes(_values(claims["entity_raw"]), size)
    entities = [normalizer.entity(text) for text in entity_texts]
    raw_values = columns["raw_value"]
    evidence = [e or r for e, r in zip(_values(claims["evidence"]), raw_values, strict=True)]
    evidence_codes, evidence_texts = _codes(evidence, size)
    repairs = _spread([normalizer.mojibake(t) for t in evidence_texts], evidence_codes, np.int64)

    no_entity = _spread([e is None for e in entities], entity_codes, bool)
    bad_value = _spread([o.reason is not None for o in outcomes], key_codes, bool)
    keep = ~(no_entity | bad_value)

    facts: dict[str, Any] = {name: claims[name].to_numpy()[keep] for name in CLAIM_COLUMNS}
    kept_entities = entity_codes[keep]
    facts["entity"] = _spread([e[0] if e else None for e in entities], kept_entities)
    facts["entity_qualifier"] = _spread([e[1] if e else None for e in entities], kept_entities)
    kept_keys = key_codes[keep]
    for name in _TEXT_FIELDS:
        facts[name] = _spread([getattr(o, name) for o in outcomes], kept_keys)
    for name in _FLOAT_FIELDS:
        values = [np.nan if (v := getattr(o, name)) is None else v for o in outcomes]
        facts[name] = _spread(values, kept_keys, np.float64)
    facts["repairs"] = repairs[keep]
    fact_frame = pd.DataFrame(facts, columns=FACT_COLUMNS)
    quarantine = _quarantine(claims, ~keep, no_entity, outcomes, key_codes)
    counts = {
        "claims": size,
        "facts": len(fact_frame),
        "quarantined": len(quarantine),
        "unmapped": int((fact_frame["metric"] == UNMAPPED_METRIC).sum()),
    }
    return NormalizeResult(fact_frame, quarantine, normalizer.vocabulary.version, counts)


def _quarantine(
    claims: pd.DataFrame,
    failed: np.ndarray,
    no_entity: np.ndarray,
    outcomes: list[Outcome],
    key_codes: np.ndarray,
) -> pd.DataFrame:
    """One quarantine row per failed claim, in claim order; a missing entity is named first."""
    rows = np.flatnonzero(failed)
    reasons, messages = [], []
    locators = claims["locator"].to_numpy()
    for row in rows:
        if no_entity[row]:
            reasons.append(QuarantineReason.UNMAPPED_ENTITY.value)
            messages.append(
                f"no entity for {locators[row]!r}: the row has more cells than the header names"
            )
        else:
            outcome = outcomes[key_codes[row]]
            reasons.append(outcome.reason.value if outcome.reason else "")
            messages.append(outcome.message)
    return pd.DataFrame(
        {
            "claim_id": claims["claim_id"].to_numpy()[rows],
            "source": claims["source"].to_numpy()[rows],
            "stage": "normalize",
            "reason": reasons,
            "message": messages,
            "raw_value": claims["raw_value"].to_numpy()[rows],
        },
        columns=QUARANTINE_COLUMNS,
    )
