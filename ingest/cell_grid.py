"""A table flattened to one cell per line, header cells first → a recovered table block.

Why: a stored copy of an HTML table often keeps every cell as a line of its own ("Provider",
"vCPU Cores", "RAM", ..., then "DigitalOcean", "1", "1GB", ...). Read as lines, the values
lose their column labels. The header is the run of label cells whose width makes every later
group of as many cells a row: a name first, and the same cells holding figures in every row.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind

__all__ = ["may_hold_grid", "may_start_grid", "read_cell_grid"]

_MAX_CELL = 40
_MIN_WIDTH = 4
_MAX_WIDTH = 16
_MIN_ROWS = 2
_MAX_ROWS = 40
_VALUE_LIKE = re.compile(r"^[~≈<>$€£+-]?\d")
_DIGIT = re.compile(r"\d")
# glued30: a cell holding a figure has a word that starts with one ('1.2 GHz (2)', '2x1G',
# 'Up to 8 GB'); a name with a digit inside ('ARM Cortex A53', 'SG-3100') holds none, so a
# title line read as one more header cell shows as rows whose columns change kind
_FIGURE_WORD = re.compile(r"(?:^|\s)[~≈<>$€£+-]?\d")
_SENTENCE_END = re.compile(r"[.!?:;]$")
# a row of a comparison table copied without cell breaks ('Average Framerate155.4 FPS180.5
# FPS'): a label glued to a number, a unit, then the next number: no header cell
_GLUED_ROW = re.compile(r"[A-Za-z]\d+(?:[.,]\d+)?\s?[A-Za-z%/$]{1,6}\d")
_EMPTY_MARKS = frozenset({"—", "–", "-", "n/a", "N/A"})  # a cell with no figure in a figure column


def _is_cell(text: str) -> bool:
    return 0 < len(text) <= _MAX_CELL and not _SENTENCE_END.search(text) and "|" not in text


def may_start_grid(line: str) -> bool:
    """A header cell: a short label starting with a letter (no figure, no sentence)."""
    text = line.strip()
    return _is_cell(text) and text[:1].isalpha() and not _DIGIT.search(text[:1])


def _cells(lines: list[str], start: int, limit: int) -> tuple[list[str], list[int]]:
    """The run of one-cell lines from `start` (blank lines between them allowed; `limit`
    cells at most) and, per cell, the index of the line after it; empty when a figure comes
    among the first `_MIN_WIDTH` cells (no header starts there: the common case of stat
    cards, read cheaply)."""
    cells: list[str] = []
    ends: list[int] = []
    j = start
    while j < len(lines) and len(cells) < limit:
        text = lines[j].strip()
        j += 1
        if not text:
            continue
        if not _is_cell(text):
            break
        if len(cells) < _MIN_WIDTH and _VALUE_LIKE.match(text):
            return [], []
        cells.append(text)
        ends.append(j)
    return cells, ends


_MIN_FIGURES = 4  # two rows of the narrowest width, each with figures in half its 3 value cells
_last_runs: tuple[list[str], list[int], list[int]] = ([], [], [])  # the last text's counts


def _run_counts(lines: list[str]) -> tuple[list[int], list[int]]:
    """Per line, how many one-cell lines run from it and how many of those hold a digit
    (blank lines between them skipped; 0 on a line that is no cell). Counted once a text,
    backwards: each line of a long run of short lines (a footer's links) is a start, and
    scanning the run again from each was most of this reader's cost. The last text's counts
    are kept (the blocks reader asks line after line of one text)."""
    global _last_runs
    last = _last_runs  # one read: another thread may swap it
    if last[0] is lines:
        return last[1], last[2]
    cells = [0] * (len(lines) + 1)
    figures = [0] * (len(lines) + 1)
    for at in range(len(lines) - 1, -1, -1):
        text = lines[at].strip()
        if not text:
            cells[at], figures[at] = cells[at + 1], figures[at + 1]
        elif _is_cell(text):
            cells[at] = cells[at + 1] + 1
            figures[at] = figures[at + 1] + bool(_DIGIT.search(text))
    _last_runs = (lines, cells, figures)
    return cells, figures


def may_hold_grid(lines: list[str], start: int) -> bool:
    """Whether enough cells (and figures) run from `start` for a header and two rows of the
    narrowest table (counted once a text: ingest.line_features asks it of every line)."""
    cells_from, figures_from = _run_counts(lines)
    return cells_from[start] >= _MIN_WIDTH * (_MIN_ROWS + 1) and figures_from[start] >= _MIN_FIGURES


def _rows(cells: list[str], width: int) -> list[list[str]]:
    """Groups of `width` cells after the header that read as rows: a name first, and each
    column holding figures in every row or in none."""
    rows: list[list[str]] = []
    pattern: list[bool] | None = None
    for k in range(width, len(cells) - width + 1, width):
        row = cells[k : k + width]
        if not row[0][:1].isalpha():  # a row starts with its name ('(MB/s)' is a unit line)
            break
        shape = [bool(_FIGURE_WORD.search(c)) or c in _EMPTY_MARKS for c in row[1:]]
        if sum(shape) * 2 < len(shape) or (pattern is not None and not _same(shape, pattern)):
            break
        seen = pattern or shape
        pattern = [a or b for a, b in zip(seen, shape, strict=True)]
        rows.append(row)
    return rows


def _same(shape: list[bool], pattern: list[bool]) -> bool:
    """The row holds figures where the rows above do; the cell right after the name may be a
    setting written as a word or a number ('Jobs': '1' / 'auto', 'Threads': '4' / 'max')."""
    return shape[1:] == pattern[1:] and (shape[:1] == pattern[:1] or len(pattern) >= 3)


def _runs_together(names: list[str]) -> bool:
    """Each repeated name follows its own row: one tool at several settings in a row, not a
    list that starts over ('Host A' … 'Host O', 'Host A')."""
    return all(name in (names[i - 1],) or name not in names[:i] for i, name in enumerate(names))


def _distinct(header: list[str], rows: list[list[str]]) -> bool:
    """Each row names another entity, and no header label comes back among the cells: stat
    cards that alternate two names ('A', '950+ extensions', 'B', '190+ extensions') are no
    table."""
    names = [row[0] for row in rows]
    if len(set(names)) < len(names) and len(header) >= 4 and _runs_together(names):
        names = [f"{row[0]} {row[1]}" for row in rows]  # 'Rude' at 1 job, then at 'auto'
    seen = {cell for row in rows for cell in row}
    return len(set(names)) == len(names) and seen.isdisjoint(header)


def read_cell_grid(lines: list[str], start: int, table_index: int) -> tuple[Block, int] | None:
    """The one-cell-per-line table whose first header cell is `lines[start]`, and the index
    of the line after its last row; None unless two rows or more line up under the header."""
    if not may_start_grid(lines[start]) or not may_hold_grid(lines, start):
        return None
    # Most starts are no table: decide on the header and the first _MIN_ROWS rows (enough
    # cells for any width), and read the whole run only for a width they pass. Each line of
    # a long run of short lines is a start, so reading every run whole was quadratic.
    cells, _ = _cells(lines, start, _MAX_WIDTH * (_MIN_ROWS + 1))
    whole: tuple[list[str], list[int]] | None = None
    for width in range(_MIN_WIDTH, min(_MAX_WIDTH, len(cells) // (_MIN_ROWS + 1)) + 1):
        header = cells[:width]
        if any(_VALUE_LIKE.match(h) or not h[:1].isalnum() or _GLUED_ROW.search(h) for h in header):
            return None  # a figure, a note or a glued row among the labels: no header here
        rows = _rows(cells, width)  # a prefix of the whole run's rows
        if len(rows) < _MIN_ROWS or not _distinct(header, rows):
            continue
        whole = whole or _cells(lines, start, _MAX_WIDTH * (_MAX_ROWS + 1))
        rows = _rows(whole[0], width)
        ends = whole[1]
        if not _distinct(header, rows):
            continue
        end = ends[width * (len(rows) + 1) - 1]
        settings = None
        if len({row[0] for row in rows}) < len(rows):  # 'Jobs' 1 / auto: a setting of the row
            settings = [f"{header[1]}: {row[1]}" for row in rows]
            header, rows = [header[0], *header[2:]], [[row[0], *row[2:]] for row in rows]
        block = Block(
            BlockKind.TABLE,
            header=header,
            rows=rows,
            table_index=table_index,
            origin="flattened",
            entities_as_rows=True,
            cell_separator="\n",
            row_conditions=settings,
        )
        return block, end
    return None
