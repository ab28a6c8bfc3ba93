"""`logic`: figures that cannot all be true together (p99 latency below the average; a
release year the entity's age rules out; a range whose minimum exceeds its maximum)."""

from __future__ import annotations

import pandas as pd

from checks.config import CheckConfig
from checks.conflict import comparable_facts
from checks.findings import Finding, make_finding
from checks.formatting import format_interval
from crosscheck.contracts import FindingKind, Scope, Severity

_YEAR_SECONDS = 31_557_600


def _p99_below_average(df: pd.DataFrame) -> list[Finding]:
    findings: list[Finding] = []
    latency = df[df["metric"] == "latency"]
    for (source, entity), group in latency.groupby(["source", "entity"], sort=True):
        p99 = group[group["qualifier"].str.contains("p99", na=False)]
        avg = group[group["qualifier"].str.contains("average|hello world|simple get", na=False)]
        for p in p99.itertuples(index=False):
            higher = avg[avg["low"] > p.high]
            if higher.empty:
                continue
            worst = higher.loc[higher["low"].idxmax()]
            explanation = (
                f"{entity} p99 latency {format_interval(p.low, p.high, p.unit)} ({p.raw_value!r}) "
                f"is below its {worst['qualifier']} latency "
                f"{format_interval(worst['low'], worst['high'], worst['unit'])} "
                f"({worst['raw_value']!r}) on {source}; a 99th percentile cannot be under the mean."
            )
            findings.append(make_finding(
                FindingKind.LOGIC, Scope.SAME_PAGE, Severity.HIGH, entity, "latency", "p99",
                explanation, [p.claim_id, *higher["claim_id"]]))
    return findings


def _age_vs_release(df: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    findings: list[Finding] = []
    years = df[df["metric"] == "release_year"]
    ages = df[(df["metric"] == "age_years") & (df["unit"] == "s")]
    for (source, entity), year_group in years.groupby(["source", "entity"], sort=True):
        own_ages = ages[(ages["entity"] == entity)]
        for y in year_group.itertuples(index=False):
            for a in own_ages.itertuples(index=False):
                age_low = a.cmp_lo / _YEAR_SECONDS  # "15+ years" read as the policy says
                age_high = a.cmp_hi / _YEAR_SECONDS
                earliest = config.reference_year - age_high - 1
                latest = config.reference_year - age_low + 1
                if earliest <= y.low <= latest:
                    continue
                scope = Scope.SAME_PAGE if a.source == source else Scope.CROSS_SOURCE
                explanation = (
                    f"{entity} release year {int(y.low)} ({y.raw_value!r}, {source}) does not fit "
                    f"its age {a.raw_value!r} ({a.source}): as of {config.reference_year} that "
                    f"age means a first release between {max(0, int(earliest))} and {int(latest)}."
                )
                findings.append(make_finding(
                    FindingKind.LOGIC, scope, Severity.MEDIUM, entity, "release_year", None,
                    explanation, [y.claim_id, a.claim_id]))
    return findings


def find_logic(facts: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """All logic rules over the comparable facts."""
    df = comparable_facts(facts, config)
    if df.empty:
        return []
    return _p99_below_average(df) + _age_vs_release(df, config)
