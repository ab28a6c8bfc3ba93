"""Which facts vote in the consensus: the value facts of mapped metrics, less the figures the
run's own checks flag and those their sentence takes back.

Kept apart from the vote (crosscheck.reconcile.consensus) because the partitioned reconcile
(crosscheck.reconcile.partitioned) makes the same choice per entity partition.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from crosscheck.reconcile.arrays import dense_codes
from crosscheck.reconcile.errors import ReconcileError

from crosscheck.contracts import (
    RETRACTED_QUALIFIER,
    UNMAPPED_METRIC,
    ClaimRole,
    FindingKind,
    ValueType,
)

REQUIRED_COLUMNS: tuple[str, ...] = (
    "source", "entity", "metric", "qualifier", "role", "value_type", "low", "high", "bound",
    "unit", "text_value", "label", "raw_value",
)  # fmt: skip

# Finding kinds that say a figure itself is wrong (copied from another column, belonging to
# another entity, read at the wrong scale), not merely that figures disagree.
FLAGGING_KINDS = frozenset(
    {FindingKind.IDENTICAL_COLUMNS, FindingKind.MISATTRIBUTION, FindingKind.UNIT_SCALE}
)


def flagged_claims(findings: pd.DataFrame) -> frozenset[str]:
    """Claim ids of the evidence of findings whose kind flags the figure itself."""
    if findings.empty:
        return frozenset()
    kinds = {k.value for k in FLAGGING_KINDS}
    rows = findings[findings["kind"].isin(kinds)]
    return frozenset(c for ids in rows["claim_ids"] for c in ids)


def unflagged(facts: pd.DataFrame, flagged: frozenset[str]) -> pd.DataFrame:
    """The facts without the flagged ones, except in keys (entity, metric, qualifier) where
    every fact is flagged: a consensus never rests on a figure its own checks flag while any
    unflagged figure is there to decide it."""
    kept = unflagged_rows(facts, flagged)
    return facts if kept is None else facts[kept]


def unflagged_rows(facts: pd.DataFrame, flagged: frozenset[str]) -> np.ndarray | None:
    """Which rows `unflagged` keeps (None: every one), so `value_facts` filters only the
    columns it takes (a row filter of the whole frame copied every column: ~0.2 s CPU at
    720,000 facts)."""
    if not flagged or "claim_id" not in facts.columns:
        return None
    suspect = facts["claim_id"].isin(flagged).to_numpy(dtype=bool, copy=True)
    if not suspect.any():
        return None
    # The same figure repeated on the page (a second table, a summary card) is the same
    # statement: flagged with it. Coded only over the pages (and, for the keys, the
    # entities) of the flagged facts: every other row is in neither a flagged figure nor key.
    same = ["source", "entity", "metric", "qualifier", "low", "high"]
    pages = _sharing(facts["source"].astype(object).fillna(""), suspect)
    # column by column: a row filter of the whole frame copies every column
    figure = dense_codes(*(facts[c][pages].astype(object).fillna("") for c in same))
    suspect[pages] = np.isin(figure, figure[suspect[pages]])
    near = _sharing(facts["entity"], suspect)
    key = dense_codes(
        facts["entity"][near], facts["metric"][near], facts["qualifier"][near].fillna("")
    )
    clean_keys = np.unique(key[~suspect[near]])
    dropped = np.zeros(len(facts), dtype=bool)
    dropped[near] = suspect[near] & np.isin(key, clean_keys)
    return ~dropped


def _sharing(column: pd.Series, rows: np.ndarray) -> np.ndarray:
    """Which rows hold a value of `column` that a row in `rows` holds (missing matches
    missing): a superset of the rows that can share a coded combination with them."""
    values = column.to_numpy(dtype=object)
    held = pd.unique(values[rows])
    missing = pd.isna(held)
    found = np.asarray(column.isin(held[~missing]).to_numpy(dtype=bool))
    return found | column.isna().to_numpy(dtype=bool) if missing.any() else found


def value_facts(
    facts: pd.DataFrame, kept: np.ndarray | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Numeric and categorical value facts of mapped metrics among the `kept` rows (default
    every one); a missing qualifier reads ''."""
    missing = [c for c in REQUIRED_COLUMNS if c not in facts.columns]
    if missing:
        raise ReconcileError(f"facts frame lacks column(s): {', '.join(missing)}")
    value = (
        (facts["role"] == ClaimRole.VALUE.value)
        & facts["metric"].notna()
        & (facts["metric"] != UNMAPPED_METRIC)
        & facts["entity"].notna()
        & facts["source"].notna()
    ).to_numpy(dtype=bool)
    # a figure its own sentence takes back ("73%, but in fact 93%") is no voice
    value = value & ~_retracted(facts["qualifier"])
    if kept is not None:
        value &= kept
    low = pd.to_numeric(facts["low"], errors="coerce").to_numpy(dtype=float)
    kind = facts["value_type"].to_numpy(dtype=object)
    numeric = value & (kind == ValueType.NUMERIC.value) & np.isfinite(low)
    numeric &= facts["unit"].notna().to_numpy(dtype=bool)
    categorical = value & (kind == ValueType.CATEGORICAL.value)
    categorical &= facts["text_value"].notna().to_numpy(dtype=bool)
    keys = ["source", "entity", "metric", "qualifier"]
    num = facts.loc[numeric, [*keys, "low", "high", "bound", "unit", "raw_value"]]
    cat = facts.loc[categorical, [*keys, "text_value"]]
    return (
        num.assign(qualifier=num["qualifier"].fillna("")).reset_index(drop=True),
        cat.assign(qualifier=cat["qualifier"].fillna("")).reset_index(drop=True),
    )


def _retracted(qualifier: pd.Series) -> np.ndarray:
    """Per row, whether its qualifier marks a retracted figure: the pattern is tried once per
    distinct qualifier (missing reads ''), not once per fact."""
    codes, distinct = pd.factorize(qualifier.to_numpy(dtype=object))
    texts = [str(q) for q in distinct] + [""]  # code -1 (missing) reads the last
    hit = np.array([re.search(RETRACTED_QUALIFIER, t) is not None for t in texts], dtype=bool)
    return hit[codes]
