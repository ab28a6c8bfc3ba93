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
                    f"{fact.entity} is given {fact.raw_value!r} for "
                    f"{metric_name(fact.metric, fact.qualifier)}, a figure measured with "
                    f"{component}, which is part of {owner}; it likely describes {owner}."
                )
                findings.append(make_finding(
                    FindingKind.MISATTRIBUTION, Scope.SAME_PAGE, Severity.MEDIUM, fact.entity,
                    fact.metric, fact.qualifier, explanation, [fact.claim_id]))
    return findings


def _borrowed_value(facts: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    df = comparable_facts(facts, config)
    findings: list[Finding] = []
    for (source, metric), group in df.groupby(["source", "metric"], sort=True):
        if group["entity"].nunique() < 2:
            continue
        for fact in group.itertuples(index=False):
            own = group[(group["entity"] == fact.entity) & (group["claim_id"] != fact.claim_id)
                        & (group["raw_value"] != fact.raw_value)]
            other = group[(group["entity"] != fact.entity) & (group["raw_value"] == fact.raw_value)
                          & (group["row_key"] != fact.row_key)]
            if len(own) < 2 or other.empty:
                continue
            disagree = own[(own["cmp_hi"] < fact.cmp_lo) | (own["cmp_lo"] > fact.cmp_hi)]
            if len(disagree) * 2 <= len(own):
                continue
            owner = other.iloc[0]
            explanation = (
                f"{fact.entity} is given {fact.raw_value!r} for {metric_name(metric, fact.qualifier)} "
                f"({fact.locator}), the figure {owner['entity']} has at {owner['locator']}, while "
                f"{len(disagree)} of {fact.entity}'s {len(own)} other figures for it disagree."
            )
            findings.append(make_finding(
                FindingKind.MISATTRIBUTION, Scope.SAME_PAGE, Severity.MEDIUM, fact.entity, metric,
                fact.qualifier, explanation, [fact.claim_id, owner["claim_id"]]))
    return findings


def find_misattributions(facts: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """Both misattribution signals."""
    return _names_other_component(facts, config) + _borrowed_value(facts, config)
