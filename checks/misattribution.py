"""`misattribution`: a value in one entity's column that evidently belongs to the other.

Two signals: the value names the other entity's components ("1,200KB (with uvicorn)" in
Flask's column), or it equals the other entity's figure on the page while conflicting with
the entity's own figures for the same metric.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from crosscheck.checks.columns import Columns
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.conflict import comparable_facts, metric_name, typical
from crosscheck.checks.findings import Finding, make_finding
from crosscheck.checks.grouping import (
    code_column,
    distinct_counts,
    group_ids,
    group_positions,
    members_of,
    with_several,
)

from crosscheck.contracts import FindingKind, Scope, Severity

# What the borrowed-value rule reads of each comparable fact.
_COLUMNS = ["claim_id", "entity", "locator", "raw_value", "low", "high", "cmp_lo", "cmp_hi"]


def _names_other_component(facts: pd.DataFrame, config: CheckConfig) -> list[Finding]:
    """Facts whose text says they were measured with a component of another entity."""
    findings: list[Finding] = []
    if not config.components:
        return findings
    texts = [
        f"{raw} {note or ''}".casefold()
        for raw, note in zip(facts["raw_value"], facts["note"], strict=True)
    ]
    # Only texts saying "with …" can name a component; the rest are skipped unread.
    said_with = [i for i, text in enumerate(texts) if "with " in text]
    rows = Columns(facts, ["claim_id", "source", "entity", "metric", "qualifier", "raw_value"])
    for i in said_with:
        text, fact = texts[i], rows.row(i)
        for component, owner in config.components.items():
            if owner != fact["entity"] and component in text and f"with {component}" in text:
                explanation = (
                    f"{fact['entity']} on {fact['source']} is given {fact['raw_value']!r} for "
                    f"{metric_name(fact['metric'], fact['qualifier'])}, a figure measured with "
                    f"{component}, which is part of {owner}; it likely describes {owner}."
                )
                findings.append(
                    make_finding(
                        FindingKind.MISATTRIBUTION,
                        Scope.SAME_PAGE,
                        Severity.MEDIUM,
                        fact["entity"],
                        fact["metric"],
                        fact["qualifier"],
                        explanation,
                        [fact["claim_id"]],
                        rule="component",
                    )
                )
    return findings


def _outside_copied_rows(df: pd.DataFrame) -> pd.DataFrame:
    """Facts not in a row where two entities share one value (identical_columns reports those)."""
    if df.empty:
        return df
    cell = ["source", "row_key", "raw_value"]
    complete = df[cell].notna().all(axis=1).to_numpy()  # a cell with a missing key is no cell
    shared = complete & (distinct_counts(df, cell, "entity") > 1)
    if not shared.any():
        return df
    rows = group_ids(df, ["source", "row_key"])
    return df[~np.isin(rows, rows[shared])]


def _against(rows: Columns, at: np.ndarray, fact: Mapping[str, Any]) -> np.ndarray:
    """Whether each row at `at` has a comparison interval that cannot contain `fact`'s."""
    return (rows["cmp_hi"][at] < fact["cmp_lo"]) | (rows["cmp_lo"][at] > fact["cmp_hi"])


def _not_in(values: np.ndarray, excluded: set[str]) -> np.ndarray:
    """Whether each value is outside `excluded` (a handful of claim ids: no hashing pass)."""
    return np.fromiter((v not in excluded for v in values), dtype=bool, count=len(values))


def _borrowed_value(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """A value of entity E equal to the other entity's own figure (outside copied rows) while
    most of E's other figures for the metric on the page disagree with it. Only figures of the
    same conditions and entity variant are weighed: on a leaderboard of several tests, cases
    or loads an entity's figures differ from test to test, and an equal figure of another
    test is a coincidence, not a borrowed value."""
    df = comparable if comparable is not None else comparable_facts(facts, config)
    # A percentile (p99) equal to the other entity's mean is no borrowed value: keep apart.
    read = [*_COLUMNS, "source", "metric", "qualifier", "row_key"]
    setting = [c for c in ("conditions", "entity_qualifier") if c in df.columns]
    read += setting
    df = typical(df[[*read, *(code_column(c) for c in read if code_column(c) in df)]])
    clean = _outside_copied_rows(df)
    candidates = with_several(clean, ["source", "metric", *setting, "low", "high"], "entity")
    if candidates.empty:
        return []
    rows, candidate_rows = Columns(clean, _COLUMNS), Columns(candidates, _COLUMNS)
    keys = ["source", "metric", *setting]
    values = group_positions(candidates, [*keys, "entity", "low", "high"])
    first_rows = candidates.index[[same[0] for _, same in values]]
    pages = members_of(clean, keys, first_rows)
    findings: list[Finding] = []
    for (key, same), page in zip(values, pages, strict=True):
        source, metric = key[0], key[1]
        fact = candidate_rows.row(same[0])
        same_ids = set(candidate_rows["claim_id"][same])
        finding = _borrowed(rows, page, fact, same_ids, source, metric)
        if finding is not None:
            findings.append(finding)
    return findings


def _borrowed(
    rows: Columns,
    page: np.ndarray,
    fact: Mapping[str, Any],
    same: set[str],
    source: str,
    metric: str,
) -> Finding | None:
    """The finding that `fact` (with its copies, claim ids `same`) is the figure of another
    entity on the page (rows at `page`: the source's facts of the metric), if it evidently is."""
    entity = fact["entity"]
    entities, claim_ids = rows["entity"][page], rows["claim_id"][page]
    equal = (rows["low"][page] == fact["low"]) & (rows["high"][page] == fact["high"])
    owner = page[(entities != entity) & equal]
    own = page[(entities == entity) & _not_in(claim_ids, same)]
    if not len(owner) or len(own) < 2:
        return None
    disagree = int(_against(rows, own, fact).sum())
    if disagree * 2 <= len(own):
        return None
    other = rows.row(owner[0])
    owner_ids = rows["claim_id"][owner]
    theirs = page[(entities == other["entity"]) & _not_in(claim_ids, set(owner_ids))]
    if len(theirs) and int(_against(rows, theirs, fact).sum()) * 2 > len(theirs):
        return None  # foreign to both entities: ambiguous, not evidently the other's
    explanation = (
        f"{entity} is given {fact['raw_value']!r} for {metric_name(metric, None)} "
        f"({source} {fact['locator']}), the figure {other['entity']} has at "
        f"{other['locator']}, while {disagree} of {entity}'s {len(own)} other "
        f"figures for it on the page disagree; it likely belongs to {other['entity']}."
    )
    return make_finding(
        FindingKind.MISATTRIBUTION,
        Scope.SAME_PAGE,
        Severity.MEDIUM,
        entity,
        metric,
        None,
        explanation,
        [*same, *owner_ids],
        rule="borrowed",
    )


def find_misattributions(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """Both misattribution signals."""
    return _names_other_component(facts, config) + _borrowed_value(facts, config, comparable)
