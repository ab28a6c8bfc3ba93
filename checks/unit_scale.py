"""`unit_scale`: a header unit or scale that contradicts the value, or a metric from the wrong
domain ("Weekly NPM Downloads" for a PyPI package)."""

from __future__ import annotations

import pandas as pd

from checks.config import CheckConfig
from checks.conflict import metric_name
from checks.findings import Finding, make_finding
from checks.formatting import format_interval
from crosscheck.contracts import FindingKind, Scope, Severity

_ECOSYSTEMS = {"npm": ("pypi", "python"), "pypi": ("npm",)}


def find_unit_scale(facts: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """Facts with two readings (header vs cell) and facts labelled for another ecosystem."""
    findings: list[Finding] = []
    two = facts[facts["alt_low"].notna()]
    for fact in two.itertuples(index=False):
        as_written = format_interval(fact.low, fact.high, fact.unit)
        with_header = format_interval(fact.alt_low, fact.alt_high, fact.unit)
        explanation = (
            f"{fact.entity} {metric_name(fact.metric, fact.qualifier)}: the header unit "
            f"({fact.unit_hint}) and the value {fact.raw_value!r} disagree: read as written it is "
            f"{as_written}, read with the header it would be {with_header}."
        )
        findings.append(make_finding(
            FindingKind.UNIT_SCALE, Scope.SAME_PAGE, Severity.MEDIUM, fact.entity, fact.metric,
            fact.qualifier, explanation, [fact.claim_id]))
    for fact in facts.itertuples(index=False):
        label = fact.label.casefold()
        note = (fact.note or "").casefold()
        for named, contradicted_by in _ECOSYSTEMS.items():
            if named in label.split() and any(word in note for word in contradicted_by):
                explanation = (
                    f"{fact.entity}: {fact.label!r} names {named.upper()} but its value "
                    f"{fact.raw_value!r} refers to another package registry ({fact.note}), so "
                    "the figure belongs to a different ecosystem."
                )
                findings.append(make_finding(
                    FindingKind.UNIT_SCALE, Scope.SAME_PAGE, Severity.MEDIUM, fact.entity,
                    fact.metric, fact.qualifier, explanation, [fact.claim_id]))
    return findings
