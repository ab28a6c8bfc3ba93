"""`conflict`: the same entity and metric given incompatible figures.

Facts are compared on their comparison intervals (bound kind + tolerance). Within a group the
claims that disagree are those whose interval lies wholly below the highest low end or wholly
above the lowest high end; a finding names the two extremes so a reviewer sees the gap at once.
"""

from __future__ import annotations

import pandas as pd

from checks.config import CheckConfig
from checks.findings import Finding, make_finding
from crosscheck.contracts import UNMAPPED_METRIC, ClaimRole, FindingKind, Scope, Severity, ValueType
from crosscheck.formatting import format_interval
from crosscheck.intervals import comparison_bounds, point_value

_KEYS = ["entity", "metric", "qualifier", "unit"]


def comparable_facts(facts: pd.DataFrame, config: CheckConfig) -> pd.DataFrame:
    """Numeric value facts of mapped metrics with their comparison bounds and point values."""
    mask = (
        (facts["value_type"] == ValueType.NUMERIC.value)
        & (facts["role"] == ClaimRole.VALUE.value)
        & (facts["metric"] != UNMAPPED_METRIC)
        & facts["low"].notna()
    )
    df = facts.loc[mask].copy()
    if df.empty:
        return df.assign(cmp_lo=[], cmp_hi=[], point=[])
    df["qualifier"] = df["qualifier"].fillna("")
    tolerance = df["metric"].map(config.tolerance).to_numpy(dtype=float)
    df["cmp_lo"], df["cmp_hi"] = comparison_bounds(
        df["low"].to_numpy(),
        df["high"].to_numpy(),
        df["bound"].to_numpy(dtype=object),
        tolerance,
        config.intervals,
    )
    df["point"] = [
        point_value(lo, hi, b) for lo, hi, b in zip(df["low"], df["high"], df["bound"], strict=True)
    ]
    return df


def metric_name(metric: str, qualifier: str | None) -> str:
    name = metric.replace("_", " ")
    return f"{name} ({qualifier})" if qualifier else name


def describe_extremes(group: pd.DataFrame) -> tuple[str, float]:
    """ "1,200 req/s ('Requests Per Second (Benchmark)') vs 20,000 req/s (…)" and the ratio."""
    lo_row = group.loc[group["point"].idxmin()]
    hi_row = group.loc[group["point"].idxmax()]

    def side(row: pd.Series) -> str:
        figure = format_interval(row["low"], row["high"], row["unit"])
        label = row["label"] if len(row["label"]) <= 70 else row["label"][:67] + "…"
        return f"{figure} ('{label}', {row['source']} {row['locator']})"

    ratio = hi_row["point"] / lo_row["point"] if lo_row["point"] > 0 else float("inf")
    return f"{side(lo_row)} vs {side(hi_row)}", ratio


def _conflicting(group: pd.DataFrame) -> pd.DataFrame:
    max_lo, min_hi = group["cmp_lo"].max(), group["cmp_hi"].min()
    if max_lo <= min_hi:
        return group.iloc[0:0]
    return group[(group["cmp_hi"] < max_lo) | (group["cmp_lo"] > min_hi)]


def _finding(
    group: pd.DataFrame,
    scope: Scope,
    severity: Severity,
    across: bool,
    evidence: pd.DataFrame | None = None,
) -> Finding:
    """A conflict finding; `group` gives the extremes quoted, `evidence` every claim it rests on."""
    first = group.iloc[0]
    extremes, ratio = describe_extremes(group)
    apart = f", {ratio:.1f}× apart" if ratio != float("inf") else ""
    if scope is Scope.SAME_PAGE:
        where = "on one page"
    else:
        where = f"across {group['source'].nunique()} sources"
    qualifier = None if across else first["qualifier"]
    name = metric_name(first["metric"], qualifier)
    note = " (different qualifiers of the metric)" if across else ""
    explanation = f"{first['entity']} {name} {where}{note}: {extremes}{apart}."
    claims = (evidence if evidence is not None else group)["claim_id"]
    return make_finding(
        FindingKind.CONFLICT,
        scope,
        severity,
        first["entity"],
        first["metric"],
        qualifier,
        explanation,
        claims,
    )


def _camps(group: pd.DataFrame, sides: pd.DataFrame, by: str) -> pd.DataFrame:
    """Every claim of a disagreeing side that agrees with its side's representative."""
    rep_point = sides.set_index(by)["point"]
    members = group[group[by].isin(rep_point.index)]
    point = members[by].map(rep_point)
    return members[(members["cmp_lo"] <= point) & (members["cmp_hi"] >= point)]


def representatives(group: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per value of `by` (a source, a qualifier), the claim closest to that side's median."""
    medians = group.groupby(by)["point"].transform("median")
    distance = (group["point"] - medians).abs()
    return group.loc[distance.groupby(group[by]).idxmin()]


def _disagreeing_sides(group: pd.DataFrame, by: str) -> pd.DataFrame:
    """Representatives of the sides whose figures cannot both be true."""
    reps = representatives(group, by)
    if len(reps) < 2:
        return reps.iloc[0:0]
    return _conflicting(reps)


def find_conflicts(facts: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """Same-page conflicts per qualifier (high); sides that disagree across qualifiers of a
    metric on one page (low) and across sources for one qualifier (medium)."""
    df = comparable_facts(facts, config)
    findings: list[Finding] = []
    if df.empty:
        return findings
    for _, group in df.groupby(["source", *_KEYS], sort=True):
        bad = _conflicting(group)
        if len(bad) >= 2:
            findings.append(_finding(bad, Scope.SAME_PAGE, Severity.HIGH, across=False))
    for _, group in df.groupby(["source", "entity", "metric", "unit"], sort=True):
        if group["qualifier"].nunique() < 2:
            continue
        sides = _disagreeing_sides(group, "qualifier")
        if len(sides) >= 2:
            camps = _camps(group, sides, "qualifier")
            findings.append(_finding(sides, Scope.SAME_PAGE, Severity.LOW, True, camps))
    for _, group in df.groupby(_KEYS, sort=True):
        if group["source"].nunique() < 2:
            continue
        sides = _disagreeing_sides(group, "source")
        if len(sides) >= 2:
            camps = _camps(group, sides, "source")
            findings.append(_finding(sides, Scope.CROSS_SOURCE, Severity.MEDIUM, False, camps))
    return findings
