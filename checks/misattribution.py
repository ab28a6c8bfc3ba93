"""`misattribution`: a value in one entity's column that evidently belongs to the other.

Two signals: the value names the other entity's components ("1,200KB (with uvicorn)" in
Flask's column), or it equals the other entity's figure on the page while conflicting with
the entity's own figures for the same metric.
"""

from __future__ import annotations

import pandas as pd

from checks.config import CheckConfig
from checks.conflict import PERCENTILE, comparable_facts, metric_name
from checks.findings import Finding, make_finding
from checks.grouping import groups, with_several
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


def _outside_copied_rows(df: pd.DataFrame) -> pd.DataFrame:
    """Facts not in a row where two entities share one value (identical_columns reports those)."""
    keyed = df[df["row_key"].notna()]
    shared = keyed.groupby(["source", "row_key", "raw_value"])["entity"].transform("nunique") > 1
    copied = set(zip(keyed.loc[shared, "source"], keyed.loc[shared, "row_key"], strict=True))
    if not copied:
        return df
    in_copied = [(s, r) in copied for s, r in zip(df["source"], df["row_key"], strict=True)]
    return df[~pd.Series(in_copied, index=df.index)]


def _against(rows: pd.DataFrame, fact: pd.Series) -> pd.DataFrame:
    """Rows whose comparison interval cannot contain `fact`'s."""
    return rows[(rows["cmp_hi"] < fact["cmp_lo"]) | (rows["cmp_lo"] > fact["cmp_hi"])]


def _borrowed_value(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """A value of entity E equal to the other entity's own figure (outside copied rows) while
    most of E's other figures for the metric on the page disagree with it."""
    df = comparable if comparable is not None else comparable_facts(facts, config)
    # A percentile (p99) equal to the other entity's mean is no borrowed value: keep apart.
    df = df[~df["qualifier"].str.contains(PERCENTILE, regex=True)]
    clean = _outside_copied_rows(df)
    candidates = with_several(clean, ["source", "metric", "low", "high"], "entity")
    if candidates.empty:
        return []
    pages = clean.groupby(["source", "metric"], sort=False).indices
    findings: list[Finding] = []
    for (source, metric, entity, _, _), same in groups(
        candidates, ["source", "metric", "entity", "low", "high"]
    ):
        group = clean.iloc[pages[(source, metric)]]
        fact = same.iloc[0]
        owner = group[
            (group["entity"] != entity)
            & (group["low"] == fact["low"])
            & (group["high"] == fact["high"])
        ]
        own = group[(group["entity"] == entity) & ~group["claim_id"].isin(same["claim_id"])]
        if owner.empty or len(own) < 2:
            continue
        disagree = _against(own, fact)
        if len(disagree) * 2 <= len(own):
            continue
        other = owner.iloc[0]
        theirs = group[
            (group["entity"] == other["entity"]) & ~group["claim_id"].isin(owner["claim_id"])
        ]
        if len(theirs) and len(_against(theirs, fact)) * 2 > len(theirs):
            continue  # foreign to both entities: ambiguous, not evidently the other's
        explanation = (
            f"{entity} is given {fact['raw_value']!r} for {metric_name(metric, None)} "
            f"({source} {fact['locator']}), the figure {other['entity']} has at "
            f"{other['locator']}, while {len(disagree)} of {entity}'s {len(own)} other "
            f"figures for it on the page disagree; it likely belongs to {other['entity']}."
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


def find_misattributions(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """Both misattribution signals."""
    return _names_other_component(facts, config) + _borrowed_value(facts, config, comparable)
