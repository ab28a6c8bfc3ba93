"""`logic`: figures that cannot all be true together (p99 latency below the average; a
release year the entity's stated age rules out). A reversed range never gets here: the
FactModel contract rejects low > high at the normalize boundary."""

from __future__ import annotations

import pandas as pd

from checks.config import CheckConfig
from checks.conflict import comparable_facts
from checks.findings import Finding, make_finding
from crosscheck.contracts import FindingKind, Scope, Severity
from crosscheck.formatting import format_interval

_YEAR_SECONDS = 31_557_600


def _p99_below_average(df: pd.DataFrame) -> list[Finding]:
    """One finding per page and entity whose p99 latency sits under an average latency."""
    findings: list[Finding] = []
    latency = df[df["metric"] == "latency"]
    for (source, entity), group in latency.groupby(["source", "entity"], sort=True):
        p99 = group[group["qualifier"].str.contains("p99", na=False)]
        avg = group[group["qualifier"].str.contains("average|hello world|simple get", na=False)]
        if p99.empty or avg.empty:
            continue
        higher = avg[avg["low"] > p99["high"].min()]
        if higher.empty:
            continue
        p = p99.loc[p99["high"].idxmin()]
        worst = higher.loc[higher["low"].idxmax()]
        explanation = (
            f"{entity} p99 latency {format_interval(p['low'], p['high'], p['unit'])} "
            f"({p['raw_value']!r}) is below its {worst['qualifier']} latency "
            f"{format_interval(worst['low'], worst['high'], worst['unit'])} "
            f"({worst['raw_value']!r}) on {source}; a 99th percentile cannot be under the mean."
        )
        claims = [*p99.loc[p99["low"] < worst["low"], "claim_id"], *higher["claim_id"]]
        findings.append(
            make_finding(
                FindingKind.LOGIC,
                Scope.SAME_PAGE,
                Severity.HIGH,
                entity,
                "latency",
                "p99",
                explanation,
                claims,
            )
        )
    return findings


def _age_vs_release(df: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """A release year outside what the entity's stated age allows as of the reference year;
    one finding per (entity, year, age statement), resting on every copy of both."""
    findings: list[Finding] = []
    years = df[df["metric"] == "release_year"]
    ages = df[(df["metric"] == "age_years") & (df["unit"] == "s")]
    for (entity, year), year_group in years.groupby(["entity", "low"], sort=True):
        own = ages[ages["entity"] == entity]
        for age_text, age_group in own.groupby("raw_value", sort=True):
            a = age_group.iloc[0]
            if str(int(year)) in str(a["note"] or ""):
                continue  # "6 years (2018)" states the year itself
            earliest = config.reference_year - a["cmp_hi"] / _YEAR_SECONDS - 1
            latest = config.reference_year - a["cmp_lo"] / _YEAR_SECONDS + 1
            if earliest <= year <= latest:
                continue
            claims = pd.concat([year_group, age_group])
            scope = Scope.SAME_PAGE if claims["source"].nunique() == 1 else Scope.CROSS_SOURCE
            y = year_group.iloc[0]
            explanation = (
                f"{entity} release year {int(year)} ({y['source']} {y['locator']}) does not fit "
                f"its stated age {age_text!r} ({a['source']}): as of {config.reference_year} that "
                f"age means a first release between {int(earliest)} and {int(latest)}."
            )
            findings.append(
                make_finding(
                    FindingKind.LOGIC,
                    scope,
                    Severity.MEDIUM,
                    entity,
                    "release_year",
                    None,
                    explanation,
                    claims["claim_id"],
                )
            )
    return findings


def find_logic(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """All logic rules over the comparable facts."""
    df = comparable if comparable is not None else comparable_facts(facts, config)
    if df.empty:
        return []
    return _p99_below_average(df) + _age_vs_release(df, config)
