"""`conflict`: the same entity and metric given incompatible figures.

Facts are compared on their comparison intervals (bound kind + tolerance). Within a group the
claims that disagree are those whose interval lies wholly below the highest low end or wholly
above the lowest high end; a finding names the two extremes so a reviewer sees the gap at once.
"""

from __future__ import annotations

import pandas as pd

from checks.config import CheckConfig
from checks.findings import Finding, make_finding
from checks.grouping import disagreeing, groups, representatives, with_several
from crosscheck.contracts import UNMAPPED_METRIC, ClaimRole, FindingKind, Scope, Severity, ValueType
from crosscheck.formatting import format_interval
from crosscheck.intervals import comparison_bounds, point_value

_KEYS = ["entity", "metric", "qualifier", "unit"]
PERCENTILE = r"\bp\d{2}\b|percentile|\bmax(?:imum)?\b|\bmin(?:imum)?\b|\bpeak\b"


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


def _across_sides(
    df: pd.DataFrame, keys: list[str], side: str, scope: Scope, severity: Severity, across: bool
) -> list[Finding]:
    """Findings where the representatives of different sides (qualifiers, sources) of one
    group disagree; each rests on every claim of the sides that agrees with its side."""
    reps = with_several(representatives(df, [*keys, side]), keys, side)
    sides = disagreeing(reps, keys)
    if sides.empty:
        return []
    members = df.groupby(keys, sort=False, dropna=False).indices
    return [
        _finding(
            group_sides, scope, severity, across, _camps(df.iloc[members[key]], group_sides, side)
        )
        for key, group_sides in groups(sides, keys)
    ]


def find_conflicts(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """Same-page conflicts per qualifier (high); sides that disagree across qualifiers of a
    metric on one page (low) and across sources for one qualifier (medium)."""
    df = comparable if comparable is not None else comparable_facts(facts, config)
    if df.empty:
        return []
    same_page = disagreeing(df, ["source", *_KEYS])
    findings = [
        _finding(group, Scope.SAME_PAGE, Severity.HIGH, across=False)
        for _, group in groups(same_page, ["source", *_KEYS])
    ]
    # A percentile (p99) is meant to sit above the typical figure: it is no side to compare.
    typical = df[~df["qualifier"].str.contains(PERCENTILE, regex=True)]
    findings += _across_sides(
        typical,
        ["source", "entity", "metric", "unit"],
        "qualifier",
        Scope.SAME_PAGE,
        Severity.LOW,
        True,
    )
    findings += _across_sides(df, _KEYS, "source", Scope.CROSS_SOURCE, Severity.MEDIUM, False)
    return findings
