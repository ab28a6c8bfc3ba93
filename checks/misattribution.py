"""`misattribution`: a value in one entity's column that evidently belongs to the other.

Two signals: the value names the other entity's components ("1,200KB (with uvicorn)" in
Flask's column), or it equals the other entity's figure on the page while conflicting with
the entity's own figures for the same metric.
"""

from __future__ import annotations

import pandas as pd

from checks.config import CheckConfig
from checks.conflict import comparable_facts, metric_name
from checks.findings import Finding, make_finding
from crosscheck.contracts import FindingKind, Scope, Severity


def _names_other_component(facts: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    findings: list[Finding] = []
    if not config.components:
        return findings
    for fact in facts.itertuples(index=False):
        text = f"{fact.raw_value} {fact.note or ''}".casefold()
        for component, owner in config.components.items():
            if owner != fact.entity and component in text and f"with {component}" in text:
                explanation = (
                    f"{fact.entity} on {fact.source} is given {fact.raw_value!r} for "
                    f"{metric_name(fact.metric, fact.qualifier)}, a figure measured with "
                    f"{component}, which is part of {owner}; it likely describes {owner}."
                )
                findings.append(
                    make_finding(
                        FindingKind.MISATTRIBUTION,
                        Scope.SAME_PAGE,
                        Severity.MEDIUM,
                        fact.entity,
                        fact.metric,
                        fact.qualifier,
                        explanation,
                        [fact.claim_id],
                        rule="component",
                    )
                )
    return findings


def _copied_rows(group: pd.DataFrame) -> set[str]:
    """Row keys where two entities share one value (those are identical_columns findings)."""
    rows = group[group["row_key"].notna()]
    shared = rows.groupby(["row_key", "raw_value"])["entity"].transform("nunique") > 1
    return set(rows.loc[shared, "row_key"])


def _borrowed_value(facts: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """A value of entity E equal to the other entity's own figure (outside copied rows) while
    most of E's other figures for the metric on the page disagree with it."""
    df = comparable_facts(facts, config)
    findings: list[Finding] = []
    for (source, metric), group in df.groupby(["source", "metric"], sort=True):
        if group["entity"].nunique() < 2:
            continue
        copied = _copied_rows(group)
        clean = group[~group["row_key"].isin(copied)]
        for (entity, low, high), same in clean.groupby(["entity", "low", "high"], sort=True):
            owner = clean[
                (clean["entity"] != entity) & (clean["low"] == low) & (clean["high"] == high)
            ]
            own = clean[(clean["entity"] == entity) & ~clean["claim_id"].isin(same["claim_id"])]
            if owner.empty or len(own) < 2:
                continue
            fact = same.iloc[0]
            disagree = own[(own["cmp_hi"] < fact["cmp_lo"]) | (own["cmp_lo"] > fact["cmp_hi"])]
            if len(disagree) * 2 <= len(own):
                continue
            other = owner.iloc[0]
            theirs = clean[
                (clean["entity"] == other["entity"]) & ~clean["claim_id"].isin(owner["claim_id"])
            ]
            theirs_disagree = theirs[
                (theirs["cmp_hi"] < fact["cmp_lo"]) | (theirs["cmp_lo"] > fact["cmp_hi"])
            ]
            if len(theirs) and len(theirs_disagree) * 2 > len(theirs):
                continue  # foreign to both entities: ambiguous, not evidently the other's
            explanation = (
                f"{entity} is given {fact['raw_value']!r} for {metric_name(metric, None)} "
                f"({source} {fact['locator']}), the figure {other['entity']} has at "
                f"{other['locator']}, while {len(disagree)} of {entity}'s {len(own)} other "
                "figures for it on the page disagree; it likely belongs to "
                f"{other['entity']}."
            )
            findings.append(
                make_finding(
                    FindingKind.MISATTRIBUTION,
                    Scope.SAME_PAGE,
                    Severity.MEDIUM,
                    entity,
                    metric,
                    None,
                    explanation,
                    [*same["claim_id"], *owner["claim_id"]],
                    rule="borrowed",
                )
            )
    return findings


def find_misattributions(facts: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """Both misattribution signals."""
    return _names_other_component(facts, config) + _borrowed_value(facts, config)
