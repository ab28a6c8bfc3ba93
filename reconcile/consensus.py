"""Consensus per entity, metric and qualifier: the median of the claims' point values, with
the claims whose comparison interval contains it as support and the rest as dissent."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from crosscheck.contracts import RECONCILED_COLUMNS, UNMAPPED_METRIC, ClaimRole, ValueType
from crosscheck.intervals import IntervalPolicy, comparison_bounds, point_value


@dataclass(frozen=True)
class ReconcileConfig:
    """Tolerances per metric (from the vocabulary) and the shared interval policy."""

    intervals: IntervalPolicy = field(default_factory=IntervalPolicy)
    tolerances: dict[str, float] = field(default_factory=dict)


@dataclass
class ReconcileResult:
    """Reconciled facts (RECONCILED_COLUMNS) and how many groups were reconciled."""

    reconciled: pd.DataFrame
    groups: int


def _numeric(facts: pd.DataFrame, config: ReconcileConfig) -> pd.DataFrame:
    mask = (
        (facts["value_type"] == ValueType.NUMERIC.value)
        & (facts["role"] == ClaimRole.VALUE.value)
        & (facts["metric"] != UNMAPPED_METRIC)
        & facts["low"].notna()
    )
    df = facts.loc[
        mask, ["entity", "metric", "qualifier", "low", "high", "bound", "unit", "source"]
    ].copy()
    df["qualifier"] = df["qualifier"].fillna("")
    tol = df["metric"].map(lambda m: config.tolerances.get(m, config.intervals.default_tolerance))
    df["cmp_lo"], df["cmp_hi"] = comparison_bounds(
        df["low"].to_numpy(),
        df["high"].to_numpy(),
        df["bound"].to_numpy(dtype=object),
        tol.to_numpy(dtype=float),
        config.intervals,
    )
    df["point"] = [
        point_value(lo, hi, b) for lo, hi, b in zip(df["low"], df["high"], df["bound"], strict=True)
    ]
    return df


def reconcile_facts(facts: pd.DataFrame, config: ReconcileConfig | None = None) -> ReconcileResult:
    """One consensus row per (entity, metric, qualifier, unit) of numeric facts."""
    config = config or ReconcileConfig()
    df = _numeric(facts, config)
    rows: list[dict[str, object]] = []
    for (entity, metric, qualifier, unit), group in df.groupby(
        ["entity", "metric", "qualifier", "unit"], sort=True
    ):
        value = float(np.median(group["point"]))
        agree = group[(group["cmp_lo"] <= value) & (group["cmp_hi"] >= value)]
        support, dissent = len(agree), len(group) - len(agree)
        sources = sorted(agree["source"].unique())
        independent = len(sources)
        confidence = (support / len(group)) * (1 - 1 / (independent + 1))
        rows.append(
            {
                "entity": entity,
                "metric": metric,
                "qualifier": qualifier,
                "low": float(agree["point"].min()) if support else value,
                "high": float(agree["point"].max()) if support else value,
                "value": value,
                "unit": unit,
                "support": support,
                "dissent": dissent,
                "confidence": round(confidence, 3),
                "sources": sources,
            }
        )
    frame = pd.DataFrame(rows, columns=RECONCILED_COLUMNS)
    # One row per (entity, metric, qualifier): when facts disagree on the unit (a dimension
    # mismatch the checks report), the unit with the most support speaks for the group.
    frame = (
        frame.assign(_n=frame["support"] + frame["dissent"])
        .sort_values("_n", ascending=False, kind="stable")
        .drop_duplicates(["entity", "metric", "qualifier"])
        .drop(columns="_n")
        .sort_values(["entity", "metric", "qualifier"])
        .reset_index(drop=True)
    )
    return ReconcileResult(frame, len(frame))
