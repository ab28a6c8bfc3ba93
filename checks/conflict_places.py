"""Places of a page that tell a same-page conflict's figures apart themselves: one table row
or one narrated sentence holding the group's two extremes, and blocks of one layout repeated
down a page (a series of runs).

Why: a reviewer who meets "12 fps vs 40 fps" quoted from one sentence, or the eight runs of a
benchmark tool's output set against each other, stops trusting the conflicts; these are the
shapes real pages gave (checks.conflict reads them).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from crosscheck.checks.columns import Columns

__all__ = [
    "columns_of_one_row",
    "extremes_told_apart",
    "line_records",
    "parallel_records",
    "rows_named_apart",
    "series_of_blocks",
]

_CHARS = re.compile(r"\s+chars\s+\d+-\d+$")
_FIGURE = re.compile(r"\s+/\s+figure\s+\d+$")  # the second figure of one cell
_SERIES_BLOCKS = 3  # blocks of one layout, one figure each, that make a series of runs
_CELLS = re.compile(r"\s*\|\s*")  # a laid-out row's evidence: its cells joined by pipes
# A cell of words only names something ('nizel-local'); "Up to 20 hours" or "From $999" measures
_NAME_CELL = re.compile(r"^[^\W\d_][^\d]*$")
_RECORD_FIGURES = 3  # figures a narrated line holds to be one record of several measures

# Per narrated line (source, text): how many figures it gives, their units and their values.
LineRecords = dict[tuple[str, str], tuple[int, frozenset[str], frozenset[float]]]


def extremes_told_apart(rows: Columns, at: np.ndarray) -> bool:
    """Whether a lowest and a highest figure of a group sit in one place that tells them
    apart itself: one table row (its columns, 'pnpm' and a marked 'pnpm 🦀', are other
    measures) or one narrated sentence ("12 fps with the mechanical shutter but 40 fps with
    the electronic one": a writer who gives one measure two figures in a sentence names two
    quantities). Quoting such a place against itself is no conflict."""
    points = np.asarray(rows["point"][at], dtype=float)
    if np.isnan(points).all():
        return False
    lows = {_place(rows, i) for i in at[points == np.nanmin(points)]}
    highs = {_place(rows, i) for i in at[points == np.nanmax(points)]}
    return bool(lows & highs)


def _place(rows: Columns, i: int) -> tuple[str, str]:
    """A figure's place: its table row, or its sentence (locator without the figure's chars)
    with the sentence's text."""
    row_key = rows["row_key"][i]
    if not pd.isna(row_key):
        return ("row", str(row_key))
    return (_CHARS.sub("", str(rows["locator"][i])), str(rows["evidence"][i]))


def _block(locator: object) -> str:
    """The block (a table, a run of stat cards) a laid-out figure's locator names first."""
    return str(locator).split(" / ", 1)[0]


def series_of_blocks(rows: Columns, at: np.ndarray) -> bool:
    """Whether the group's figures are laid out under one label, as many in each of three or
    more blocks (tables, stat cards, list items), in three camps or more (no one value holds
    them): blocks of one layout repeated down a page report a series of runs or of products
    (other loads, servers, standards the reader did not name), not one measure stated three
    ways. (One block off the others' common value is still a conflict: two camps only.)"""
    if len(at) < _SERIES_BLOCKS:
        return False
    labels = {str(label).strip().casefold() for label in rows["label"][at]}
    if len(labels) != 1 or _camps(rows, at) < _SERIES_BLOCKS:
        return False
    per_block: dict[str, int] = {}
    for i in at:
        block = _series_block(rows, i)
        if block is None:
            return False  # a sentence of prose is no block of a layout
        per_block[block] = per_block.get(block, 0) + 1
    return len(per_block) >= _SERIES_BLOCKS and len(set(per_block.values())) == 1


def rows_named_apart(rows: Columns, at: np.ndarray) -> bool:
    """Whether the group's figures sit in different rows of one table whose rows name different
    things past their first cell: a name column the reader did not use ('nizel-local' and
    'remark' in a leaderboard read as conditions) makes each row another subject, so their
    cells are not one measure stated twice. Rows that differ only in their first cell (the
    label: 'Memory' and 'RAM') or in figures are still one measure's statements."""
    keys = rows["row_key"][at]
    if pd.isna(keys).any() or len({str(k) for k in keys}) < 2:
        return False
    if len({_block(loc) for loc in rows["locator"][at]}) != 1:
        return False
    texts = {str(k): str(e) for k, e in zip(keys, rows["evidence"][at], strict=True)}
    if not all("|" in t for t in texts.values()):
        return False
    named = [_name_cells(t) for t in texts.values()]
    return any(
        len({cells.get(i) for cells in named}) > 1 and all(i in cells for cells in named)
        for i in set().union(*named)
    )


def line_records(df: pd.DataFrame) -> LineRecords:
    """Each narrated line's count of figures, its set of units and its set of values (`df`:
    comparable figures with source, row_key, evidence, unit and low)."""
    narrated = df[df["row_key"].isna()] if "row_key" in df.columns else df
    if narrated.empty or not {"source", "evidence", "unit", "low"} <= set(df.columns):
        return {}
    out: LineRecords = {}
    keys = zip(narrated["source"].astype(str), narrated["evidence"].astype(str), strict=True)
    cells = zip(narrated["unit"].astype(str), narrated["low"].astype(float), strict=True)
    for key, (unit, low) in zip(keys, cells, strict=True):
        count, units, values = out.get(key, (0, frozenset(), frozenset()))
        out[key] = (count + 1, units | {unit}, values | {round(low, 9)})
    return out


def parallel_records(rows: Columns, at: np.ndarray, records: LineRecords) -> bool:
    """Whether the group's lowest and highest figures sit on two lines of prose that each state
    a record of the same shape: three figures or more, in the same units, few of them repeated
    from the other line ('SET 187,402 ops/sec 148,810 ops/sec +25.9%' and 'GET 198,807 ops/sec
    ...'; 'N seconds; ~N req/s; p95 N ms; 0 errors' under each name of a leaderboard). Such
    lines are the rows of a table that lost its separators: each is another operation or
    subject the reader did not name, so their figures are not one measure stated twice. A
    line that repeats most of another's figures restates one result set (checks.scenarios):
    its one changed figure is still a conflict."""
    points = np.asarray(rows["point"][at], dtype=float)
    if len(at) < 2 or np.isnan(points).all():
        return False
    low = at[int(np.nanargmin(points))]
    high = at[int(np.nanargmax(points))]
    keys = [(str(rows["source"][i]), str(rows["evidence"][i])) for i in (low, high)]
    if keys[0] == keys[1] or not all(pd.isna(rows["row_key"][i]) for i in (low, high)):
        return False
    first, second = records.get(keys[0]), records.get(keys[1])
    if first is None or second is None or min(first[0], second[0]) < _RECORD_FIGURES:
        return False
    repeated = len(first[2] & second[2])
    return first[1] == second[1] and 2 * repeated < min(len(first[2]), len(second[2]))


def _name_cells(text: str) -> dict[int, str]:
    """A row's cells past the first made of words only (no digit), by position, casefolded."""
    cells = _CELLS.split(text.strip().strip("|"))
    return {i: c.casefold() for i, c in enumerate(cells) if i > 0 and _NAME_CELL.match(c)}


def _series_block(rows: Columns, i: int) -> str | None:
    """The block of a layout a figure sits in: its table or run of cards, or its list item."""
    if not pd.isna(rows["row_key"][i]):
        return _block(rows["locator"][i])
    locator = _CHARS.sub("", str(rows["locator"][i]))
    return locator if locator.startswith("list item ") else None


def _camps(rows: Columns, at: np.ndarray) -> int:
    """The fewest values that hold every figure's comparison interval: how many figures that
    agree with none of the others a group has (greedy stabbing, by upper ends)."""
    ends = sorted(zip(rows["cmp_hi"][at].tolist(), rows["cmp_lo"][at].tolist(), strict=True))
    camps, held = 0, float("-inf")
    for high, low in ends:
        if low > held:
            camps, held = camps + 1, high
    return camps


def columns_of_one_row(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The figures of the groups (by `keys`: a page's entity, metric...) that one table row
    gives in two columns or more ('pnpm' and a marked 'pnpm 🦀' both read as pnpm): the page
    tells apart variants the key merges, so which of them another page's figure is to be set
    against is unknown, and the page is no side of a cross-source conflict on that key. (Two
    figures of one cell, 'base + increase', sit in one column.)"""
    laid = df[df["row_key"].notna()]
    if laid.empty:
        return laid
    columns = laid["locator"].astype(str).str.replace(_FIGURE, "", regex=True)
    read = [*keys, "row_key"]
    counts = laid[read].assign(_column=columns.to_numpy()).groupby(read, dropna=False, sort=False)
    split = counts["_column"].transform("nunique").to_numpy() >= 2
    return laid[split]
