"""Comparable facts: the numeric value facts of mapped metrics with their comparison bounds,
point values and key codes, which every numeric rule reads; and the filters on them the
rules share (retracted figures, one table row, typical figures, metric names).

Why a module of its own: split off checks.conflict (moved unchanged) to keep each module
short; conflict re-exports the names its importers read.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.grouping import code_column, distinct_counts, with_codes

from crosscheck.contracts import (
    RETRACTED_QUALIFIER,
    UNMAPPED_METRIC,
    BoundKind,
    ClaimRole,
    ValueType,
)
from crosscheck.intervals import comparison_bounds, point_values

#: The key of one measure: an entity's metric under a qualifier, in a unit.
KEYS = ["entity", "metric", "qualifier", "unit"]
_KEYS = KEYS

# Qualifiers of figures that sit apart from the typical one by design: a percentile or an
# extreme, a spread (stddev), a growth ("base + increase" memory), or another measurement of
# the same metric (a gzipped size, a build with cache, HMR, a GET or a SET benchmark, a
# processor's tensor-core or sparse rate beside its plain one).
PERCENTILE = (
    r"\bp\d{2}\b|percentile|\bmax(?:imum)?\b|\bmin(?:imum)?\b|\bpeak\b"
    r"|\bstddev\b|\bincrease\b|\bp10\b|\bgzip\b|\bminified\b|\bbrotli\b|\bcache\b"
    r"|\bhmr\b|\brebuild\b|\btensor\b|\bsparse\b|\bsparsity\b"
    # GET / SET name an operation when a qualifier part starts with it ("get", "set benchmark",
    # "p99, set"); a scenario that ends in get ("simple get" latency) is the typical figure
    r"|(?:^|[,;]\s*)(?:get|set)\b"
)

# What the numeric rules read of a comparable fact: filtering a narrower frame costs less.
_READ = [
    *("claim_id", "source", "entity", "metric", "qualifier", "unit", "unit_hint", "row_key"),
    *("raw_value", "low", "high", "bound", "label", "locator", "evidence", "note"),
    *("conditions", "entity_qualifier", "location_kind", "entity_raw", "value_start"),
]
# The key columns the numeric rules group on: coded once here (see grouping.with_codes).
_CODED = ["source", "entity", "metric", "qualifier", "unit", "row_key", "raw_value", "low", "high"]


_RETRACTED = re.compile(RETRACTED_QUALIFIER)


def without_retracted(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts minus the figures their own sentence takes back ("73%, but in fact 93%":
    the 73 % is kept as written, qualified as retracted, and no rule compares it)."""
    if facts.empty or "qualifier" not in facts.columns:
        return facts
    qualifiers = facts["qualifier"]
    distinct = [q for q in qualifiers.dropna().unique() if _RETRACTED.search(str(q))]
    if not distinct:
        return facts
    return facts[~qualifiers.isin(distinct)]


def comparable_rows(facts: pd.DataFrame) -> pd.Series:
    """Which facts `comparable_facts` keeps: numeric values of mapped metrics."""
    return (
        (facts["value_type"] == ValueType.NUMERIC.value)
        & (facts["role"] == ClaimRole.VALUE.value)
        & (facts["metric"] != UNMAPPED_METRIC)
        & facts["low"].notna()
    )


#: The fact columns `comparable_facts` reads (its mask's and its frame's).
COMPARABLE_READ = [*_READ, "value_type", "role"]


def comparable_facts(facts: pd.DataFrame, config: CheckConfig) -> pd.DataFrame:
    """Numeric value facts of mapped metrics with their comparison bounds, point values and
    the codes of their key columns."""
    df = facts.loc[comparable_rows(facts), [c for c in _READ if c in facts.columns]]
    if df.empty:
        return df.assign(cmp_lo=[], cmp_hi=[], point=[])
    df = df.assign(qualifier=df["qualifier"].fillna(""))
    metrics, distinct = pd.factorize(df["metric"], use_na_sentinel=False)
    tolerance = np.array([config.tolerance(m) for m in distinct], dtype=float)[metrics]
    low, high = df["low"].to_numpy(dtype=float), df["high"].to_numpy(dtype=float)
    bound = df["bound"].to_numpy(dtype=object)
    raw = df["raw_value"].to_numpy(dtype=object)  # "over 50,000" is open upwards, "50,000+" not
    cmp_lo, cmp_hi = comparison_bounds(low, high, bound, tolerance, config.intervals, raw)
    cmp_lo = _maxima_compared(df, bound, high, tolerance, cmp_lo)
    df = df.assign(cmp_lo=cmp_lo, cmp_hi=cmp_hi, point=point_values(low, high, bound))
    return with_codes(df, _CODED)


def _maxima_compared(
    df: pd.DataFrame, bound: np.ndarray, high: np.ndarray, tolerance: np.ndarray, lo: np.ndarray
) -> np.ndarray:
    """Where every figure of a key is an "up to N" (datasheets: "Up to 7,450 MB/s"), each
    states the maximum: compared as N within the tolerance, not as anything from 0 to N, so
    "up to 1,600K" and "up to 1,400K" IOPS of one drive disagree. A figure with a note
    ("(2TB/4TB)") is the maximum of the variants it names, and keeps its 0-N reading."""
    at_most = bound == BoundKind.AT_MOST.value
    if at_most.sum() < 2:
        return lo
    if "note" in df.columns:  # "Up to 6,600 MB/s (2TB/4TB)": the maximum of some variants only
        at_most &= df["note"].isna().to_numpy()
    # only the rows of an entity and a metric some maximum has (one isin each, no groupby
    # over every fact: a million facts at 10,000 pages)
    near = np.ones(len(df), dtype=bool)
    for column in ("entity", "metric"):
        values = df[column]
        near &= values.isin(set(values.to_numpy(dtype=object)[at_most])).to_numpy()
    rows = np.flatnonzero(near)
    code = np.zeros(len(rows), dtype=np.int64)
    for column in _KEYS:  # one integer per key (entity, metric, qualifier, unit)
        codes, uniques = pd.factorize(df[column].to_numpy(dtype=object)[rows])
        code = code * (len(uniques) + 1) + codes + 1
    group, _ = pd.factorize(code)
    total = np.bincount(group)
    maxima = np.bincount(group, weights=at_most[rows].astype(float))
    whole = (total == maxima) & (total >= 2)
    chosen = rows[whole[group]]
    if not len(chosen):
        return lo
    out = lo.copy()
    out[chosen] = high[chosen] * (1 - tolerance[chosen])
    return out


def beyond_one_row(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The rows of groups (by `keys`) whose figures do not all sit in one table row.

    A table states each measure once per row: two figures of one entity in one row (the
    columns 'Startup (with cache)' and 'Startup (no cache)', or a 'base + increase' cell) are
    measures the table itself tells apart, never two sides of a conflict."""
    if df.empty or "row_key" not in df.columns:
        return df
    row_keys = df["row_key"].to_numpy(dtype=object)
    # a figure outside any table is a place of its own
    places = np.where(pd.isna(row_keys), "claim:" + df["claim_id"].astype(str), row_keys)
    # counted on the key columns (and their codes) only: `df` is filtered once, not copied
    read = [c for k in keys for c in (k, code_column(k)) if c in df.columns]
    counts = distinct_counts(df[read].assign(place=places), keys, "place")
    return df[counts >= 2]


def typical(df: pd.DataFrame) -> pd.DataFrame:
    """The rows whose qualifier names no percentile (p99, max…): the pattern is tried once
    per distinct qualifier, not per row."""
    qualifiers = df["qualifier"]
    percentile = [q for q in qualifiers.unique() if re.search(PERCENTILE, q)]
    return df[~qualifiers.isin(percentile)]


def metric_name(metric: str, qualifier: str | None) -> str:
    name = metric.replace("_", " ")
    return f"{name} ({qualifier})" if qualifier else name
