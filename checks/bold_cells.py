"""`logic`: a results table with one product per column bolds the winning cell of each row,
and in one row a cell that is not bolded beats the bolded one ("| batch_read | 5.7ms |
**2.9ms** | 2.8ms |").

Why a module of its own: checks.marked_best reads marks on a line (one line per product);
here the line is a row of several products and the mark sits on one cell of it, so each
row is a block of its own metric and the sign's meaning is read per table, not per metric.
What bold means is read from the table itself: over its rows of three or more cells, the
bolded cell must be the lowest (or the highest) in at least MIN_AGREEING rows and more often
than the other way; a table bolding at random says nothing. Ties and the bolded figure's
written rounding are not flagged (marked_best's TIE and rounding).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
from crosscheck.checks.findings import Finding
from crosscheck.checks.marked_best import marked_direction, wrong_marks

_READ = ["claim_id", "source", "entity", "metric", "qualifier", "low", "high", "raw_value"]
_MORE = ["evidence", "row_key", "conditions", "entity_qualifier"]
_TABLE_ROW = re.compile(r"^(t\d+)r\d+")
_BOLD = re.compile(r"(?:\*\*|__)\s*([^*_|]+?)\s*(?:\*\*|__)")
Block = list[dict[str, Any]]


def _bolded(evidence: str) -> set[str]:
    """The texts a row writes in bold ("**2.9ms**" → "2.9ms")."""
    return {m.group(1).strip() for m in _BOLD.finditer(evidence)}


def _marked(block: Block) -> int | None:
    """The position of the one cell of the row written in bold, else None."""
    bold = _bolded(str(block[0]["evidence"]))
    at = [i for i, r in enumerate(block) if str(r["raw_value"]).strip() in bold]
    return at[0] if len(at) == 1 else None


def find_bold_cells(facts: pd.DataFrame) -> list[Finding]:
    """Per table, the rows whose bolded cell another cell of the row beats."""
    if facts.empty or not {"evidence", "row_key"} <= set(facts.columns):
        return []
    evidence = facts["evidence"]
    bold = evidence.notna() & evidence.astype(str).str.contains("**", regex=False)
    exact = facts["low"].notna() & (facts["low"] == facts["high"])
    columns = [c for c in [*_READ, *_MORE] if c in facts.columns]
    rows = facts.loc[(bold & exact).to_numpy(dtype=bool), columns]
    if rows.empty:
        return []
    tables: dict[tuple[str, str], dict[tuple[str, str, str], Block]] = {}
    for record in rows.to_dict("records"):
        match = _TABLE_ROW.match(str(record["row_key"] or ""))
        if match is None:
            continue
        table = (str(record["source"]), match.group(1))
        row = (str(record["row_key"]), str(record["metric"]), str(record["qualifier"] or ""))
        tables.setdefault(table, {}).setdefault(row, []).append(record)
    findings: list[Finding] = []
    for blocks in tables.values():
        marked: list[tuple[Block, int]] = []
        for block in blocks.values():
            people = {(r["entity"], r.get("entity_qualifier")) for r in block}
            if len(block) < 2 or len(people) < len(block):
                continue  # one product per cell, or the row is no ranking
            at = _marked(block)
            if at is not None:
                marked.append((block, at))
        findings += wrong_marks(marked, marked_direction(marked))
    return findings
