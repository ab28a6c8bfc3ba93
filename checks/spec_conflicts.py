"""`conflict` across sources: one product's spec figure of a physical dimension (a screen size,
a weight, a clock, an actuation force) that two pages give differently, where the metric
vocabulary names the measure on neither page or on one only.

Why: the cross-source conflict rule compares figures of one metric, and a figure read from
prose ("its 6.7-inch, 300 ppi display") or from a table whose header the vocabulary does not
know gets an unmapped or label-made metric that never meets another page's. A careful reader
still sets one page's only screen size of a product against another page's only screen size.
So: per entity and physical dimension (checks/data/spec_conflicts.toml), each page whose
figures of that dimension for the entity are one value is a side, and two sides that differ
beyond the dimension's slack (a spec is stated, not measured: the slack is small) conflict.
Pages giving the entity several values of the dimension (two variants, a device's size and its
screen) are no side: which figure would be the other page's measure is not known.
"""

from __future__ import annotations

import functools
import itertools
import re

import pandas as pd
from crosscheck.checks.comparable import PERCENTILE, without_retracted
from crosscheck.checks.data_files import read_words
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import (
    UNMAPPED_METRIC,
    ClaimRole,
    FindingKind,
    Scope,
    Severity,
    ValueType,
    is_auto_metric,
)

__all__ = ["find_spec_conflicts"]

_READ = [
    *("claim_id", "source", "entity", "entity_qualifier", "metric", "qualifier", "dimension"),
    *("raw_value", "label", "low", "high", "role", "value_type"),
]
# a written unit: a letter or a unit sign after the digits ("6.7-inch", '6.1"', "45 cN")
_UNIT_MARK = re.compile(r"\d[^\d]*?[^\W\d_\s.,]|\d\s*[\"″']")


@functools.cache
def _settings() -> tuple[dict[str, float], re.Pattern[str], float]:
    """The compared dimensions with their slack, the words that set a side apart, and the
    factor beyond which two figures measure different things (spec_conflicts.toml)."""
    doc = read_words("spec_conflicts.toml")
    tolerance = {str(k): float(v) for k, v in doc.get("tolerance", {}).items()}
    words = [str(w) for w in doc.get("apart", {}).get("words", [])]
    apart = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
    factor = float(doc.get("limits", {}).get("max_factor", 3.0))
    return tolerance, apart, factor


def _candidates(facts: pd.DataFrame, tolerance: dict[str, float]) -> pd.DataFrame:
    """Numeric value facts of the compared dimensions, with their point value."""
    df = without_retracted(facts[[c for c in _READ if c in facts.columns]])
    keep = (
        (df["value_type"] == ValueType.NUMERIC.value)
        & (df["role"] == ClaimRole.VALUE.value)
        & df["dimension"].isin(list(tolerance))
        & df["low"].notna()
        & df["high"].notna()
    )
    df = df[keep]
    return df.assign(point=(df["low"] + df["high"]) / 2)


def _sides(df: pd.DataFrame, apart: re.Pattern[str]) -> pd.DataFrame:
    """Per page, entity and dimension whose figures are one value, that value's first figure
    when it stands alone: no other version or variant, no percentile or boost, no word that
    makes it one of several figures of its quantity."""
    keys = ["source", "entity", "dimension"]
    values = df.groupby(keys, sort=False)["point"].transform(lambda s: s.round(9).nunique())
    one = df[values == 1].drop_duplicates(keys)
    plain = one["entity_qualifier"].isna() | (one["entity_qualifier"].astype(str) == "")
    words = one["label"].fillna("").astype(str) + " " + one["qualifier"].fillna("").astype(str)
    marked = words.str.contains(apart) | one["qualifier"].fillna("").str.contains(PERCENTILE)
    # a bare number whose unit comes from a neighbour ("to the Kindle's 161") is read less
    # surely than a figure that writes its unit: no side
    written = one["raw_value"].fillna("").astype(str).str.contains(_UNIT_MARK)
    return one[plain.to_numpy() & ~marked.to_numpy() & written.to_numpy()]


def _unnamed(metric: object) -> bool:
    return metric == UNMAPPED_METRIC or is_auto_metric(str(metric))


def _differ(a: pd.Series, b: pd.Series, slack: float, factor: float) -> bool:
    """Whether two sides' ranges lie apart beyond the slack, but within a factor of each
    other (further apart, they are not one spec read twice)."""
    lo, hi = sorted([a, b], key=lambda r: float(r["point"]))
    if float(lo["point"]) <= 0 or float(hi["point"]) / float(lo["point"]) > factor:
        return False
    return float(lo["high"]) * (1 + slack) < float(hi["low"]) * (1 - slack)


def _finding(a: pd.Series, b: pd.Series) -> Finding:
    entity, dimension = str(a["entity"]), str(a["dimension"]).replace("_", " ")
    explanation = (
        f"{entity} {dimension} across 2 sources: {a['raw_value']} on {a['source']}, "
        f"{b['raw_value']} on {b['source']}; each is the only {dimension} figure its page "
        "gives this product, and a stated spec does not vary by page."
    )
    metric = a["metric"] if not _unnamed(a["metric"]) else b["metric"]
    return make_finding(
        FindingKind.CONFLICT,
        Scope.CROSS_SOURCE,
        Severity.LOW,
        entity,
        str(metric),
        None,
        explanation,
        [str(a["claim_id"]), str(b["claim_id"])],
        rule="spec_conflicts",
    )


def find_spec_conflicts(facts: pd.DataFrame) -> list[Finding]:
    """Pairs of pages whose only figure of a physical dimension for one entity differ, the
    measure unnamed by the vocabulary on at least one of them (named metrics on both are the
    conflict rule's)."""
    needed = {"dimension", "source", "entity", "low", "high", "label"}
    if facts.empty or not needed <= set(facts.columns):
        return []
    tolerance, apart, factor = _settings()
    sides = _sides(_candidates(facts, tolerance), apart)
    findings: list[Finding] = []
    for (_entity, dimension), group in sides.groupby(["entity", "dimension"], sort=True):
        if group["source"].nunique() < 2:
            continue
        rows = [row for _, row in group.sort_values("source").iterrows()]
        for a, b in itertools.combinations(rows, 2):
            if not (_unnamed(a["metric"]) or _unnamed(b["metric"])):
                continue
            if _differ(a, b, tolerance[str(dimension)], factor):
                findings.append(_finding(a, b))
    return findings
