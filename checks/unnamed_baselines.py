"""A ratio a table cell states without naming what it is against ("Grafeo 1,417x" in a
Winner column): the page does not say the baseline, so the statement is read against the
next best entity of its row (relation_pairs' "next best" reading), never against whichever
competitor the reader happened to put in `b`.

Why a module of its own: checks.relations is at its size limit, and the rule is one shape of
text (a table cell, its row and its column header), decided before any pairing.
"""

from __future__ import annotations

import re

import pandas as pd
from crosscheck.checks.frame_records import records

NEXT_BEST = "next best"  # relation_pairs' word for an unnamed other side
_TABLE_CELL = re.compile(r"^table\b.*/\s*column\s+(?P<header>.*)$", re.IGNORECASE)


def _written(name: object, *texts: object) -> bool:
    """Whether a name is written (whole word, any case) in one of the texts."""
    if not isinstance(name, str) or not name.strip():
        return False
    pattern = re.compile(rf"(?<!\w){re.escape(name.strip())}(?!\w)", re.IGNORECASE)
    return any(isinstance(t, str) and pattern.search(t) for t in texts)


def unnamed_in_cell(rel: dict[str, object]) -> bool:
    """A table cell's ratio whose other side is written neither in the cell, nor in its row,
    nor in its column's header: the page leaves the baseline unsaid."""
    locator = rel.get("locator")
    if not isinstance(locator, str) or not rel.get("b"):
        return False
    cell = _TABLE_CELL.match(locator.strip())
    if cell is None:
        return False
    b, b_raw = rel.get("b"), rel.get("b_raw")
    texts = (rel.get("raw_value"), rel.get("evidence"), cell.group("header"))
    return not (_written(b_raw, *texts) or _written(b, *texts))


def with_unnamed_baselines(relations: pd.DataFrame) -> pd.DataFrame:
    """The statements, those whose baseline the page leaves unsaid turned into "next best"
    statements (b None, b_raw "next best"); the index is kept."""
    if relations.empty or "locator" not in relations.columns:
        return relations
    unnamed = [unnamed_in_cell(r) for r in records(relations)]
    if not any(unnamed):
        return relations
    mask = pd.Series(unnamed, index=relations.index)
    relations = relations.copy()
    relations["b"] = relations["b"].astype(object).where(~mask, None)
    relations["b_raw"] = relations["b_raw"].astype(object).where(~mask, NEXT_BEST)
    return relations
