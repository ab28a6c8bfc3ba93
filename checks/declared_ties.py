"""`logic`: a table row of times or rates whose winner cell declares a tie ("Tie: A / B") while
the row's two best figures lie far apart (35 ms against 42 ms is a fifth, not a tie).

Why: a comparison table's verdict column is the page's summary of the row; a reader checks it
against the row's own cells. checks.marked_best reads marked winners, not ties: a tie names no
single line, so its reading is the gap between the row's best two figures. Times are best
lowest, rates highest (the direction needs no page statistics); other measures are not read.
"""

from __future__ import annotations

import functools
import re

import pandas as pd
from crosscheck.checks.data_files import read_words
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import FindingKind, Scope, Severity

__all__ = ["find_declared_ties"]

_DIRECTIONS = {"time": False, "rate": True}  # dimension -> best is the highest
_READ = ["claim_id", "source", "entity", "metric", "qualifier", "unit", "low", "high"]
_READ += ["raw_value", "evidence", "row_key", "dimension"]
_CELLS = re.compile(r"\s*\|\s*|\t+|\s{3,}")


@functools.cache
def _settings() -> tuple[re.Pattern[str], float]:
    """The tie words of a winner cell and the widest gap a tie allows (winner_marks.toml)."""
    words = read_words("winner_marks.toml")
    return re.compile("|".join(words["ties"]), re.IGNORECASE), float(words["tie_gap"])


def declares_tie(evidence: str, ties: re.Pattern[str]) -> bool:
    """Whether a row's text holds a cell, after its label, that declares a tie."""
    cells = [c for c in _CELLS.split(evidence.strip().strip("|")) if c.strip()]
    return any(ties.match(c) for c in cells[1:])


def _finding(best: pd.Series, second: pd.Series, gap: float) -> Finding:
    explanation = (
        f"The row declares a tie, but its best two figures are {second['raw_value']} "
        f"({second['entity']}) and {best['raw_value']} ({best['entity']}): {gap:.0%} apart."
    )
    return make_finding(
        FindingKind.LOGIC,
        Scope.SAME_PAGE,
        Severity.LOW,
        str(best["entity"]),
        str(best["metric"]),
        None,
        explanation,
        [str(best["claim_id"]), str(second["claim_id"])],
        rule="declared_ties",
    )


def find_declared_ties(facts: pd.DataFrame) -> list[Finding]:
    """Per table row of one time or rate metric that declares a tie, a finding when its best two
    exact figures are further apart than the tie gap."""
    if facts.empty or not set(_READ) <= set(facts.columns):
        return []
    rows = facts[facts["row_key"].notna() & facts["dimension"].isin(list(_DIRECTIONS))]
    rows = rows[(rows["low"] == rows["high"]) & rows["low"].gt(0) & rows["evidence"].notna()]
    if rows.empty:
        return []
    ties, tie_gap = _settings()
    tied = [declares_tie(str(e), ties) for e in rows["evidence"]]
    rows = rows.loc[tied, _READ]
    findings: list[Finding] = []
    keys = ["source", "row_key", "metric", "qualifier", "unit"]
    for _, group in rows.groupby(keys, dropna=False, sort=True):
        if group["entity"].nunique() < len(group) or len(group) < 2:
            continue
        highest = _DIRECTIONS[str(group["dimension"].iloc[0])]
        ranked = group.sort_values("low", ascending=not highest)
        best, second = ranked.iloc[0], ranked.iloc[1]
        gap = abs(float(second["low"]) - float(best["low"])) / float(best["low"])
        if gap > tie_gap:
            findings.append(_finding(best, second, gap))
    return findings
