"""Summary vs table: a figure the page states without conditions (an intro, a verdict) that
none of its own measurements under stated conditions supports ("we ran 50,000 requests per
second through both" over results of 14,800 and 92,400 req/s).

Why apart from `conflict`: figures under different conditions are never compared with each
other; a figure with no conditions claims to hold for the page's measurements in general, so
it is compared with the whole range they span, and flagged only outside it.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from crosscheck.checks.config import CheckConfig
from crosscheck.checks.conflict import PERCENTILE, comparable_facts
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import FindingKind, Scope, Severity
from crosscheck.formatting import format_interval

_KEYS = ["source", "entity", "metric", "unit"]


def _has_conditions(df: pd.DataFrame) -> np.ndarray:
    """Rows measured under stated conditions or for a stated variant/version of the entity."""
    found = np.zeros(len(df), dtype=bool)
    for column in ("conditions", "entity_qualifier"):
        if column in df.columns:
            values = df[column].astype(object)
            found |= (values.notna() & (values.astype(str).str.strip() != "")).to_numpy(bool)
    return found


def find_summaries_outside_tables(
    facts: pd.DataFrame, config: CheckConfig, comparable: pd.DataFrame | None = None
) -> list[Finding]:
    """Figures without conditions that lie outside every measurement of the same entity and
    metric the page gives under conditions."""
    df = comparable if comparable is not None else comparable_facts(facts, config)
    if df.empty:
        return []
    measured = _has_conditions(df)
    if not measured.any() or measured.all():
        return []
    tables = df[measured]
    keys = set(zip(*(tables[k] for k in _KEYS), strict=True))
    summaries = df[~measured]
    summaries = summaries[[key in keys for key in zip(*(summaries[k] for k in _KEYS), strict=True)]]
    findings: list[Finding] = []
    # only the groups a summary asks about: building every group's frame was most of the rule
    wanted = set(zip(*(summaries[k] for k in _KEYS), strict=True))
    tables = tables[[key in wanted for key in zip(*(tables[k] for k in _KEYS), strict=True)]]
    grouped = {key: rows for key, rows in tables.groupby(_KEYS, sort=False)}
    for row in summaries.itertuples(index=False):
        rows = grouped.get(tuple(getattr(row, k) for k in _KEYS))
        if rows is None:
            continue
        qualifier = str(row.qualifier or "")
        if qualifier:
            rows = rows[rows["qualifier"].astype(str).str.contains(qualifier, regex=False)]
        else:
            rows = rows[~rows["qualifier"].astype(str).str.contains(PERCENTILE, regex=True)]
        if len(rows) < 2:
            continue  # one other measurement is a conflict's business, not a summary's
        if rows.empty or re.search(PERCENTILE, qualifier):
            continue
        low, high = float(rows["cmp_lo"].min()), float(rows["cmp_hi"].max())
        if row.cmp_hi >= low and row.cmp_lo <= high:
            continue
        nearest = rows.iloc[int(np.argmin(np.abs(rows["point"].to_numpy() - row.point)))]
        span = format_interval(float(rows["low"].min()), float(rows["high"].max()), row.unit)
        explanation = (
            f"{row.entity} {row.metric.replace('_', ' ')} on {row.source}: the page states "
            f"{row.raw_value!r} with no conditions, but its {len(rows)} measurement(s) under "
            f"stated conditions span {span} (nearest {nearest['raw_value']!r}, "
            f"{nearest['locator']})."
        )
        findings.append(
            make_finding(
                FindingKind.CONFLICT,
                Scope.SAME_PAGE,
                Severity.LOW,
                row.entity,
                row.metric,
                qualifier or None,
                explanation,
                [row.claim_id, *rows["claim_id"]],
                rule="summary",
            )
        )
    return findings
