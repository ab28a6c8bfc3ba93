"""A `logic` rule over printed result blocks: the row a star marks as the winner is not the
best of its block.

Why: benchmark output stars the winner of each block ("rg* 1.095 +/- 0.001 (lines: 28)*").
The page's own blocks say which way is better: where most starred rows hold their block's
lowest value, lower wins, and a block whose star sits on a higher value than another row's
contradicts the page's own convention (a copy scrambled the figures, or the star moved).
"""

from __future__ import annotations

import re

import pandas as pd
from crosscheck.checks.findings import Finding, make_finding

from crosscheck.contracts import ClaimRole, FindingKind, Scope, Severity

__all__ = ["starred_not_best"]

# the row as printed: a name, a star glued to it, then the row's first figure
_STARRED = re.compile(r"^\s*(?P<name>[^*\n]{1,60}?)\*\s+(?P<value>\d[\d.,]*)")
_READ = ["claim_id", "source", "entity", "metric", "qualifier", "raw_value", "low", "evidence"]


def _blocks(facts: pd.DataFrame) -> list[tuple[pd.DataFrame, pd.Series]]:
    """Each (block's figures, its starred figure) of the pages whose evidence has a star."""
    if "evidence" not in facts.columns or facts.empty:
        return []
    texts = facts["evidence"].dropna()
    texts = texts[texts.str.contains("*", regex=False)]
    if texts.empty:
        return []  # most pages: one scan, nothing to read
    cells = facts.loc[
        (facts["role"] == ClaimRole.VALUE.value) & facts["low"].notna(),
        [c for c in _READ if c in facts.columns],
    ]
    starred = cells.loc[cells.index.isin(texts.index)]
    star_value = starred["evidence"].str.extract(_STARRED)["value"]
    starred = starred[star_value.notna() & (star_value == starred["raw_value"])]
    out: list[tuple[pd.DataFrame, pd.Series]] = []
    for _, star in starred.iterrows():
        same = cells[
            (cells["source"] == star["source"])
            & (cells["metric"] == star["metric"])
            & (cells["qualifier"].fillna("") == (star["qualifier"] or ""))
        ]
        if len(same) >= 2:
            out.append((same, star))
    return out


def starred_not_best(facts: pd.DataFrame) -> list[Finding]:
    """One finding per block whose starred row is beaten by another row, lower being better
    where most of the page's starred rows hold their block's lowest value (else higher)."""
    blocks = _blocks(facts)
    by_page: dict[str, list[tuple[pd.DataFrame, pd.Series]]] = {}
    for block in blocks:
        by_page.setdefault(str(block[1]["source"]), []).append(block)
    found: list[Finding] = []
    for page_blocks in by_page.values():
        lowest = sum(1 for same, star in page_blocks if star["low"] <= same["low"].min())
        highest = sum(1 for same, star in page_blocks if star["low"] >= same["low"].max())
        if max(lowest, highest) < 2 or lowest == highest:
            continue  # the page's own stars say no direction
        lower_wins = lowest > highest
        for same, star in page_blocks:
            best = same.loc[same["low"].idxmin() if lower_wins else same["low"].idxmax()]
            if best["low"] == star["low"]:
                continue
            word = "lowest" if lower_wins else "highest"
            found.append(
                make_finding(
                    FindingKind.LOGIC,
                    Scope.SAME_PAGE,
                    Severity.MEDIUM,
                    str(star["entity"]),
                    str(star["metric"]),
                    star["qualifier"],
                    f"The star marks {star['entity']} ({star['raw_value']}) as the winner of "
                    f"its block, but {best['entity']} has {best['raw_value']}; elsewhere on the "
                    f"page the star marks the {word} value.",
                    [str(star["claim_id"]), str(best["claim_id"])],
                    "starred_not_best",
                )
            )
    return found
