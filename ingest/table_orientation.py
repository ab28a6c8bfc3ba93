"""Which axis of a table holds the entities, decided from the table's own evidence.

Evidence: which axis holds metric labels (units, metric words, percentiles) and which holds
known names; and which axis is homogeneous — in a leaderboard each column keeps one unit and
one magnitude while a row mixes them, in a comparison with entities as columns the reverse.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from enum import StrEnum
from typing import NamedTuple

from crosscheck.ingest.table_cells import CellKind, cell_kind
from crosscheck.ingest.table_emit import KnownNames
from crosscheck.ingest.table_headers import (
    condition_kind,
    is_label_header,
    is_metric_like,
    is_rank_header,
    is_version_header,
)


class Orientation(StrEnum):
    """Recorded in every claim's locator."""

    ENTITIES_AS_ROWS = "entities as rows"
    ENTITIES_AS_COLUMNS = "entities as columns"
    CONDITIONS_AS_ROWS = "entities as columns, conditions as rows"
    NO_LABEL_COLUMN = "entities as columns, no label column"
    ENTITY_GROUPS = "entities as column groups, conditions as rows"
    ENTITY_FROM_CONTEXT = "entity from the section, metrics as columns"
    CONDITIONS_AS_COLUMNS = "entity from the section, conditions as columns"


_LEAD_NUMBER = re.compile(r"(\d[\d,.]*)\s*([A-Za-zµμ%][\w/%]*)?")
_GROUP_SPACE = re.compile(r"(?<=\d)[ \u00a0\u202f\u2009](?=\d{3}(?!\d))")  # '48 210'
_GROUP_MARKS = frozenset(" \u00a0\u202f\u2009")  # what _GROUP_SPACE takes out
_DOT_GROUPS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")  # '1.234.567'
_COMMA_GROUPS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")  # '1,234.5'
# A cell led by a word of two letters or more ('GPT-4o', 'Llama 3.1 405B', 'Mistral Large 2')
# names something even when it holds digits: a first column of such cells is a label column
# (but 'QPS: 159K, P99: 0.82ms' is labelled figures).
_WORD_LED = re.compile(r"^\s*[^\W\d_]{2,}[^:=]*$")
# 'test_parse_performance', 'bench_encode_small': a test function's name names a benchmark
# run (the row's entity), not a metric, whatever words it is made of.
_IDENTIFIER = re.compile(r"^[A-Za-z]\w*_\w+$")


def _number(text: str) -> float:
    """The magnitude-bearing number of a cell, for the formats pages use: '48 210',
    '1.234.567', '1,234.5', '0,0126' (a decimal comma)."""
    if text.count(".") >= 2 and _DOT_GROUPS.match(text):
        text = text.replace(".", "")
    elif "," in text and _COMMA_GROUPS.match(text):
        text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        return float(text.rstrip("."))
    except ValueError:
        return 0.0


class _Sig(NamedTuple):
    """A value cell's kind, unit suffix and order of magnitude (a tuple: tables build one per
    distinct cell, and a frozen dataclass costs several times a tuple to create and read)."""

    kind: CellKind
    unit: str
    magnitude: float | None


@functools.lru_cache(maxsize=8192)
def _signature(text: str) -> _Sig | None:
    kind = cell_kind(text)
    if kind in (CellKind.EMPTY, CellKind.PROSE):
        return None
    if kind is not CellKind.NUMBER:
        return _Sig(kind, "", None)
    grouped = _GROUP_SPACE.sub("", text) if not _GROUP_MARKS.isdisjoint(text) else text
    match = _LEAD_NUMBER.search(grouped)
    if not match:
        return _Sig(kind, "", None)
    number = _number(match.group(1))
    magnitude = math.log10(abs(number)) if number else 0.0
    suffix = (match.group(2) or "").lower()
    if text.rstrip().endswith("%"):
        suffix = "%"
    return _Sig(kind, suffix, magnitude)


def _similar(a: _Sig, b: _Sig) -> float:
    kind, unit, magnitude = a
    if kind is not b[0]:
        return 0.0
    if kind is not CellKind.NUMBER:
        return 0.5
    if unit != b[1]:
        return 0.0
    other = b[2]
    if magnitude is None or other is None:
        return 0.5
    return 1.0 if abs(magnitude - other) <= 1.0 else 0.4


def _line_homogeneity(lines: list[list[_Sig | None]]) -> float | None:
    total, pairs = 0.0, 0
    for line in lines:
        sigs = [s for s in line if s is not None]
        for a, b in itertools.pairwise(sigs):
            total += _similar(a, b)
        pairs += len(sigs) - 1 if sigs else 0
    return total / pairs if pairs else None


def homogeneity(rows: list[list[str]]) -> tuple[float | None, float | None]:
    """(column homogeneity, row homogeneity) over the value cells (first column excluded)."""
    sigs = [[_signature(c) for c in row[1:]] for row in rows]
    width = max((len(r) for r in sigs), default=0)
    columns = [[r[c] if c < len(r) else None for r in sigs] for c in range(width)]
    return _line_homogeneity(columns), _line_homogeneity(sigs)


def _fraction(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


# The label and name evidence decides alone when it leads by more than homogeneity (a
# difference of two averages of [0, 1] scores) can move: by 1, plus a margin for rounding.
_DECIDED = 1.5


def is_special_header(text: str) -> bool:
    """Rank, version or condition headers: they belong to a leaderboard's columns."""
    return is_rank_header(text) or is_version_header(text) or condition_kind(text) is not None


def _figures_follow(rows: list[list[str]]) -> bool:
    """Whether the column after the first holds figures only (no name column there)."""
    cells = [r[1] for r in rows if len(r) > 1 and r[1].strip()]
    return bool(cells) and all(cell_kind(c) is CellKind.NUMBER for c in cells)


_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")


def _metric_names(headers: list[str]) -> bool:
    """Every header is a metric by its own words ('Execution Time', 'Heap Allocations (Sync
    Path)'), not by a parenthesis alone ('Stock (median)' names a variant measured by its
    median): the columns are metrics, so the rows under a condition corner are the entities."""
    return bool(headers) and all(is_metric_like(_PARENTHESIS.sub("", h)) for h in headers)


def orient(header: list[str], rows: list[list[str]], names: KnownNames) -> Orientation:
    """The orientation of a table with a header (cells already cleaned)."""
    first = header[0] if header else ""
    others = [h for h in header[1:] if h.strip()]
    col0 = [r[0] for r in rows if r and r[0].strip()]
    col0_kinds = [cell_kind(c) for c in col0]
    if first.strip() and not is_label_header(first) and condition_kind(first) is None:
        no_label = bool(col0) and all(k is CellKind.NUMBER for k in col0_kinds)
        no_label = no_label and 2 * sum(bool(_WORD_LED.match(c)) for c in col0) <= len(col0)
        plain = not is_rank_header(first) and not is_metric_like(first)
        if no_label and plain and all(not is_metric_like(h) for h in others):
            return Orientation.NO_LABEL_COLUMN
    metric_head = _fraction([is_metric_like(h) or is_special_header(h) for h in others])
    known_head = _fraction([h in names for h in others])
    metric_col0 = _fraction([is_metric_like(c) and not _IDENTIFIER.match(c) for c in col0])
    known_col0 = _fraction([c in names for c in col0])
    if (
        condition_kind(first) is not None
        and (not metric_head or _figures_follow(rows))
        and not _metric_names(others)
    ):
        # 'Scenario | Stock (median) | Patched (median)': the corner names the rows'
        # conditions and no name column follows it, so the columns are the entities
        return Orientation.CONDITIONS_AS_ROWS
    labelled = bool(first.strip()) and is_label_header(first)
    rows_score = metric_head + known_col0
    cols_score = known_head + metric_col0
    lead = rows_score - cols_score - (1.0 if labelled else 0.0)
    if abs(lead) > _DECIDED:
        # homogeneity moves the difference by at most 1: it cannot change this answer
        return Orientation.ENTITIES_AS_ROWS if lead > 0 else Orientation.ENTITIES_AS_COLUMNS
    col_h, row_h = homogeneity(rows)
    if col_h is not None and row_h is not None:
        rows_score += max(0.0, col_h - row_h)
        cols_score += max(0.0, row_h - col_h)
    if labelled:
        cols_score += 1.0
    if rows_score > cols_score:
        return Orientation.ENTITIES_AS_ROWS
    if cols_score > rows_score or not first.strip():
        return Orientation.ENTITIES_AS_COLUMNS
    return Orientation.ENTITIES_AS_ROWS
