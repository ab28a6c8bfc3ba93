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

import numpy as np
import pandas as pd
from crosscheck.checks.comparable import PERCENTILE, without_retracted
from crosscheck.checks.data_files import read_words
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.grouping import linked_groups

from crosscheck.contracts import (
    UNMAPPED_METRIC,
    ClaimRole,
    FindingKind,
    Scope,
    Severity,
    ValueType,
    is_auto_metric,
)
from crosscheck.intervals import IntervalPolicy

__all__ = ["find_spec_conflicts"]

_READ = [
    *("claim_id", "source", "entity", "entity_qualifier", "metric", "qualifier", "dimension"),
    *("raw_value", "label", "low", "high", "role", "value_type"),
]
# a written unit: a letter or a unit sign after the digits ("6.7-inch", '6.1"', "45 cN")
_UNIT_MARK = re.compile(r"\d[^\d]*?[^\W\d_\s.,]|\d\s*[\"″']")
# the conflict rule's slack for a metric the vocabulary does not name (crosscheck.intervals)
_DEFAULT = IntervalPolicy().default_tolerance
# the unit a raw value writes: the first word after its last digit, or an inch mark
_WRITTEN = re.compile(r"\d\s*-?\s*([^\W\d_]+|[\"″])")


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
    """The figures that may stand for their page: of no other version or variant, no
    percentile or boost, no word that makes them one of several figures of their quantity,
    their unit written with them; one per page, entity and value."""
    plain = df["entity_qualifier"].isna() | (df["entity_qualifier"].astype(str) == "")
    words = df["label"].fillna("").astype(str) + " " + df["qualifier"].fillna("").astype(str)
    marked = words.str.contains(apart) | df["qualifier"].fillna("").str.contains(PERCENTILE)
    # a bare number whose unit comes from a neighbour ("to the Kindle's 161") is read less
    # surely than a figure that writes its unit: no side
    written = df["raw_value"].fillna("").astype(str).str.contains(_UNIT_MARK)
    sides = df[plain.to_numpy() & ~marked.to_numpy() & written.to_numpy()]
    return sides.drop_duplicates(["source", "entity", "dimension", "point"])


def _alone(values: np.ndarray, point: float, own: float, factor: float) -> bool:
    """Whether `own` is the only value of a page (its `values` of the dimension for the
    entity) within `factor` of the other page's `point`: a page's 2.4 GHz radio band is no
    reading of a 240 MHz clock, but two clocks near it leave the counterpart unknown."""
    near = values[(values <= point * factor) & (values >= point / factor)]
    return bool(len(near)) and bool(np.all(np.isclose(near, own, rtol=1e-9)))


@functools.cache
def _unit_names() -> dict[str, str]:
    """Each written unit's spellings to one name ("inches", '"' -> "inch")."""
    doc = read_words("spec_conflicts.toml").get("written_units", {})
    return {str(w).lower(): str(name) for name, words in doc.items() for w in [name, *words]}


def written_unit(raw: object) -> str:
    """The unit a raw value writes, by one name: "6.7-inch" and '6.8"' are both "inch",
    "205g" and "187 grams" both "g"; a spelling not listed stands for itself."""
    found = list(_WRITTEN.finditer(str(raw or "")))
    if not found:
        return ""
    word = found[-1].group(1).lower()
    return _unit_names().get(word, word)


def _unnamed(metric: object) -> bool:
    return metric == UNMAPPED_METRIC or is_auto_metric(str(metric))


def _differ(a: pd.Series, b: pd.Series, slack: float, factor: float) -> bool:
    """Whether two sides' ranges lie apart beyond the slack, but within a factor of each
    other (further apart, they are not one spec read twice)."""
    lo, hi = sorted([a, b], key=lambda r: float(r["point"]))
    if float(lo["point"]) <= 0 or float(hi["point"]) / float(lo["point"]) > factor:
        return False
    return float(lo["high"]) * (1 + slack) < float(hi["low"]) * (1 - slack)


def _finding(rows: list[pd.Series]) -> Finding:
    """One finding for a set of pages' figures linked by disagreeing pairs: the pages that
    agree with each other against one that does not are named together."""
    first = rows[0]
    entity, dimension = str(first["entity"]), str(first["dimension"]).replace("_", " ")
    ordered = sorted(rows, key=lambda r: (float(r["point"]), str(r["source"])))
    given = "; ".join(f"{r['raw_value']} on {r['source']}" for r in ordered)
    sources = len({str(r["source"]) for r in rows})
    explanation = (
        f"{entity} {dimension} across {sources} sources: {given}. Each is the only "
        f"{dimension} figure near the others that its page gives this product, and a stated "
        "spec does not vary by page."
    )
    named = [str(r["metric"]) for r in ordered if not _unnamed(r["metric"])]
    return make_finding(
        FindingKind.CONFLICT,
        Scope.CROSS_SOURCE,
        Severity.LOW,
        entity,
        named[0] if named else str(first["metric"]),
        None,
        explanation,
        [str(r["claim_id"]) for r in rows],
        rule="spec_conflicts",
    )


def _conflict_rules(a: pd.Series, b: pd.Series, factor: float) -> bool:
    """Whether the conflict rule already sets the two sides apart: one label-made metric
    under one qualifier, beyond the default tolerance (one finding per disagreement)."""
    same = a["metric"] == b["metric"] and str(a["qualifier"] or "") == str(b["qualifier"] or "")
    return bool(same) and is_auto_metric(str(a["metric"])) and _differ(a, b, _DEFAULT, factor)


def find_spec_conflicts(facts: pd.DataFrame) -> list[Finding]:
    """Pairs of pages whose only figure of a physical dimension for one entity differ, the
    measure unnamed by the vocabulary on at least one of them (named metrics on both are the
    conflict rule's)."""
    needed = {"dimension", "source", "entity", "low", "high", "label"}
    if facts.empty or not needed <= set(facts.columns):
        return []
    tolerance, apart, factor = _settings()
    figures = _candidates(facts, tolerance)
    sides = _sides(figures, apart)
    values = {
        key: group["point"].to_numpy(dtype=float)
        for key, group in figures.groupby(["source", "entity", "dimension"], sort=False)
    }
    findings: list[Finding] = []
    for (entity, dimension), group in sides.groupby(["entity", "dimension"], sort=True):
        if group["source"].nunique() < 2:
            continue
        rows = [row for _, row in group.sort_values(["source", "point"]).iterrows()]
        pairs: list[tuple[int, int]] = []
        for (i, a), (j, b) in itertools.combinations(enumerate(rows), 2):
            if a["source"] == b["source"] or not (_unnamed(a["metric"]) or _unnamed(b["metric"])):
                continue
            pa, pb = float(a["point"]), float(b["point"])
            if not (
                _alone(values[(a["source"], entity, dimension)], pb, pa, factor)
                and _alone(values[(b["source"], entity, dimension)], pa, pb, factor)
            ):
                continue
            # a screen's 6.1 inches and a body's 146.6 mm are both lengths: a reader sets a
            # figure against another written in the same unit
            if written_unit(a["raw_value"]) != written_unit(b["raw_value"]):
                continue
            if _conflict_rules(a, b, factor):
                continue
            if _differ(a, b, tolerance[str(dimension)], factor):
                pairs.append((i, j))
        findings += [_finding([rows[i] for i in linked]) for linked in linked_groups(pairs)]
    return findings
