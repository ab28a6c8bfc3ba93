"""`categorical_conflict`: one entity given incompatible categories for one feature, e.g. async
support "Third-party extensions only" vs "Native, default behavior"."""

from __future__ import annotations

import itertools

import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.conflict import metric_name
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.grouping import groups

from crosscheck.contracts import UNMAPPED_METRIC, FindingKind, Scope, Severity, ValueType

# Normalized categories that say "the framework has it" vs "it does not / only via add-ons".
_HAS = frozenset({"native", "builtin", "yes"})
_LACKS = frozenset({"none", "no", "manual", "extension", "third_party"})


def categories_incompatible(a: str, b: str) -> bool:
    """Native/built-in/yes contradicts none/no/manual/extension/third-party."""
    return (a in _HAS and b in _LACKS) or (a in _LACKS and b in _HAS)


def find_categorical_conflicts(facts: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """One finding per entity and categorical metric with incompatible categories."""
    cats = facts[
        (facts["value_type"] == ValueType.CATEGORICAL.value) & (facts["metric"] != UNMAPPED_METRIC)
    ]
    keys = [cats["entity"], cats["metric"]]
    has = cats["text_value"].isin(_HAS).groupby(keys, sort=False).transform("any")
    lacks = cats["text_value"].isin(_LACKS).groupby(keys, sort=False).transform("any")
    cats = cats[has & lacks]  # only features said both to be there and not to be
    findings: list[Finding] = []
    for (entity, metric), group in groups(cats, ["entity", "metric"]):
        values = group.drop_duplicates("text_value")
        pairs = [
            (a, b)
            for a, b in itertools.combinations(values.itertuples(index=False), 2)
            if categories_incompatible(a.text_value, b.text_value)
        ]
        if not pairs:
            continue
        a, b = pairs[0]
        involved = {c for pair in pairs for c in (pair[0].text_value, pair[1].text_value)}
        claims = group[group["text_value"].isin(involved)]
        scope = Scope.SAME_PAGE if claims["source"].nunique() == 1 else Scope.CROSS_SOURCE
        explanation = (
            f"{entity} {metric_name(metric, None)}: {a.raw_value!r} ('{a.label}', {a.source} "
            f"{a.locator}) means {a.text_value} but {b.raw_value!r} ('{b.label}', {b.source} "
            f"{b.locator}) means {b.text_value}."
        )
        findings.append(
            make_finding(
                FindingKind.CATEGORICAL_CONFLICT,
                scope,
                Severity.MEDIUM,
                entity,
                metric,
                None,
                explanation,
                claims["claim_id"],
            )
        )
    return findings
