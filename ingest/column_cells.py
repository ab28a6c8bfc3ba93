"""A comparison table flattened one cell per line with its products as columns → a table.

Why: a stored copy of an HTML comparison table (products across, specs down) keeps each cell
as a line: a corner ('Product'), each product's header cell (maybe over two lines: 'Fastest
M.2 PCIe Gen4' / 'Samsung 990 PRO (2TB)'), then per spec a label line and one value line per
product ('Sequential read (max.)' / '550 MB/s' / '7,450 MB/s' / '12,400 MB/s'). The value
lines come in groups of one width k after each label; the lines above them split as a corner
and k header cells of as many lines each (rows of text cells, an 'Image' row of listing
titles, may sit between). A header cell's name is its line the gazetteer knows, else its last.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind

from crosscheck.common.gazetteer import Gazetteer, load_gazetteer

__all__ = ["may_start_columns", "read_column_cells"]

_MAX_LABEL = 40
_MAX_VALUE = 24
_MAX_BLOCK = 60
_MIN_ROWS = 2
_WIDTHS = range(2, 7)
_HEADER_LINES = (1, 2, 3)  # lines a header cell may take
_TEXT_ROWS = (0, 1, 2)  # rows of text cells between the header and the figures
_FIGURE_MARKS = "~≈<>$€£+-"  # what may come before a figure line's first digit
_FIGURE = re.compile(r"^[~≈<>$€£+-]?\d[\d.,]*\s?[A-Za-zµμ%/]*(?:\s[A-Za-zµμ%/]+)?$")


def may_start_columns(lines: list[str], i: int) -> bool:
    """A corner cell that starts a block: a short line without a digit after a blank line."""
    text = lines[i].strip()
    return (
        (i == 0 or not lines[i - 1].strip())
        and 0 < len(text) <= _MAX_LABEL
        and not any(map(str.isdigit, text))  # (map: no Python frame a character)
        and i + 1 < len(lines)
        and 0 < len(lines[i + 1].strip()) <= _MAX_LABEL * 2  # a header cell, not a paragraph
    )


def _is_label(text: str) -> bool:
    return 0 < len(text) <= _MAX_LABEL and text[:1].isalpha() and not _FIGURE.match(text)


def _is_value(text: str) -> bool:
    return len(text) <= _MAX_VALUE and bool(_FIGURE.match(text))


def _figure_rows(block: list[str], width: int) -> tuple[int, list[list[str]]]:
    """(where the first figure row starts, the rows): label lines each followed by exactly
    `width` figure lines, to the block's end (a last label cut by the copy is dropped)."""
    for start in range(1, len(block) - width):
        rows: list[list[str]] = []
        at = start
        while at + width < len(block) and _is_label(block[at]):
            values = block[at + 1 : at + 1 + width]
            if not all(_is_value(v) for v in values):
                break
            if at + 1 + width < len(block) and _is_value(block[at + 1 + width]):
                break  # more figures than columns: another width
            rows.append([block[at], *values])
            at += 1 + width
        rest = block[at:]
        if len(rows) >= _MIN_ROWS and (not rest or (len(rest) == 1 and _is_label(rest[0]))):
            return start, rows
        if rows:
            return 0, []
    return 0, []


def _row_widths(block: list[str]) -> dict[int, int]:
    """How many label lines the block has over k figure lines and no more, by k: a row of
    `_figure_rows` is a label and a maximal run of figure lines (a label is never a figure
    line), so a width with fewer than `_MIN_ROWS` such runs finds no table (each line read
    once, instead of once a width and a start)."""
    counts: dict[int, int] = {}
    run = 0
    labelled = False  # the current run of figure lines follows a label line
    for line in block:
        if _is_value(line):
            run += 1
            continue
        if labelled and run:
            counts[run] = counts.get(run, 0) + 1
        labelled, run = _is_label(line), 0
    if labelled and run:
        counts[run] = counts.get(run, 0) + 1
    return counts


def _names(header: list[str], width: int, known: Gazetteer) -> list[str] | None:
    """One name per column from the lines above the figures: a corner, `width` header cells
    of as many lines each, then maybe rows of text cells (each a label and `width` lines)."""
    for text_rows in _TEXT_ROWS:
        cells = header[1 : len(header) - text_rows * (width + 1)]
        for size in _HEADER_LINES:
            if len(cells) != width * size:
                continue
            groups = [cells[k * size : (k + 1) * size] for k in range(width)]
            if any(len(line) > _MAX_LABEL * 2 for group in groups for line in group):
                continue
            names = []
            for group in groups:
                named = [line for line in group if known.canonical(line)]
                names.append(named[0] if len(named) == 1 else group[-1])
            if len(set(names)) == width:
                return names
    return None


def read_column_cells(
    lines: list[str], start: int, table_index: int, known: Gazetteer | None = None
) -> tuple[Block, int] | None:
    """The table whose corner cell is `lines[start]` and the index after its block, or None."""
    end = start
    leading_digits = 0  # lines that may be figures: a digit or a mark first
    while end < len(lines) and end - start < _MAX_BLOCK:
        text = lines[end].lstrip()
        if not text:
            break
        leading_digits += text[:1].isdigit() or text[:1] in _FIGURE_MARKS
        end += 1
    if leading_digits < _MIN_ROWS * _WIDTHS[0] or end - start < 1 + 2 * (1 + _WIDTHS[0]) + 2:
        return None  # most blocks: a heading over prose or a list, no figure lines
    block = [line.strip() for line in lines[start:end]]
    widths = _row_widths(block)
    for width in _WIDTHS:
        if widths.get(width, 0) < _MIN_ROWS:
            continue  # `_figure_rows` needs that many label lines each over `width` figures
        first, rows = _figure_rows(block, width)
        if not rows:
            continue
        names = _names(block[:first], width, known or load_gazetteer())
        if names is None:
            continue
        table = Block(
            BlockKind.TABLE,
            header=["", *names],
            rows=rows,
            table_index=table_index,
            origin="flattened",
        )
        return table, end
    return None
