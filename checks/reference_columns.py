"""`logic`: a column of percentages of an extreme row ("time relative to the slowest",
"% of the fastest") with rows on both sides of its 100 % reference.

Why: the slowest row of a "relative to the slowest" column is 100 % and no row can be slower;
a row at 112 % means a row was added without re-basing the column, so one of its figures (or
the column's definition) is wrong. Words live in checks/data/reference_columns.toml.
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd
from crosscheck.checks.data_files import read_words
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import ClaimRole, FindingKind, Scope, Severity

__all__ = ["names_extreme_reference", "rows_beyond_reference"]

# The reference value of a relative column, by the fact's canonical unit.
_REFERENCE = {"percent": 100.0, "x": 1.0}
_SLACK = 0.005  # figures are rounded as written: 100.4 % of the slowest is not yet proof
_SIGNED = r"[+\-−–]"  # a signed cell states a difference
_TABLE = re.compile(r"r\d+$")  # "t1r17" → table "t1"
_READ = ["claim_id", "source", "entity", "metric", "label", "raw_value", "row_key", "low", "unit"]


@functools.cache
def _words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    doc = read_words("reference_columns.toml")

    def alternation(key: str) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{w})" for w in doc.get(key, [])), re.IGNORECASE)

    return alternation("relative"), alternation("extreme")


@functools.lru_cache(maxsize=4096)
def names_extreme_reference(label: str) -> bool:
    """Whether a column label defines its values relative to an extreme row."""
    relative, extreme = _words()
    text = " ".join(label.split())
    return bool(relative.search(text)) and bool(extreme.search(text))


def rows_beyond_reference(facts: pd.DataFrame) -> list[Finding]:
    """One finding per table column relative to an extreme row that holds rows on both sides
    of its reference; it names the rows on the smaller side and the reference row."""
    if "row_key" not in facts.columns or facts.empty:
        return []
    mask = (
        (facts["role"] == ClaimRole.VALUE.value)
        & facts["unit"].isin(list(_REFERENCE))
        & facts["row_key"].notna()
        & facts["low"].notna()
    )
    df = facts.loc[mask, [c for c in _READ if c in facts.columns]]
    if df.empty:
        return []
    labels = df["label"].astype(str)
    named = {label for label in labels.unique() if names_extreme_reference(label)}
    df = df[labels.isin(named)]
    if df.empty:
        return []
    df = df.assign(table=df["row_key"].astype(str).str.replace(_TABLE, "", regex=True))
    findings: list[Finding] = []
    for _, column in df.groupby(["source", "table", "label", "unit"], sort=True):
        found = _column_finding(column)
        if found is not None:
            findings.append(found)
    return findings


def _column_finding(column: pd.DataFrame) -> Finding | None:
    reference = _REFERENCE[str(column["unit"].iloc[0])]
    values = column["low"].to_numpy(dtype=float)
    raws = column["raw_value"].astype(str).str.lstrip()
    if raws.str.match(_SIGNED).any() or (values == 0).any():
        return None  # "+12 %" / "0 %": differences from the extreme row, not shares of it
    at_reference = np.abs(values - reference) <= reference * _SLACK
    above = values > reference * (1 + _SLACK)
    below = values < reference * (1 - _SLACK)
    if not (at_reference.any() and above.any() and below.any()):
        return None
    beyond = above if above.sum() <= below.sum() else below
    offenders = column[beyond]
    base = column[at_reference].iloc[0]
    first = offenders.iloc[0]
    shown = ", ".join(
        f"{e} {r!r}" for e, r in zip(offenders["entity"], offenders["raw_value"], strict=True)
    )
    side = "above" if beyond is above else "below"
    explanation = (
        f"{column['label'].iloc[0]!r} on {first['source']} is relative to an extreme row, "
        f"which sits at {base['raw_value']} ({base['entity']}), so every other row must lie on "
        f"one side of it; yet {shown} {'is' if len(offenders) == 1 else 'are'} {side} the "
        f"reference while {int((~beyond & ~at_reference).sum())} row(s) are on the other side."
    )
    return make_finding(
        FindingKind.LOGIC,
        Scope.SAME_PAGE,
        Severity.MEDIUM,
        str(first["entity"]),
        str(first["metric"]),
        None,
        explanation,
        [*offenders["claim_id"], *column.loc[at_reference, "claim_id"]],
        rule="beyond_reference",
    )
