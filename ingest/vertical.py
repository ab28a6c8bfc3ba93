"""Tables flattened to one cell per line → recovered table blocks.

Three shapes of page copies: every cell ends with ' |' (a cell may run over two or three lines,
a lone '|' is an empty cell), the row width showing only in which positions hold numbers; a
header line of names followed, per row, by a label line and one value line per name (a value
line may carry a unit line or a parenthesized condition line under it); or header cells one a
line over a markdown rule of as many columns, then the rows' cells one a line.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.flattened import unshift_header

_NUMERIC = re.compile(r"^[-+~≈<>$]?\d")
# A unit line under a value: 'req/s', 'MB/s', 'ns/op', 'ms', '%'; a rate's denominator is a
# time or an operation, so a name with a slash ('net/http') is no unit.
_UNIT_LINE = re.compile(
    r"^(?:[A-Za-zµ]{1,4}/(?:s|sec|ms|us|µs|ns|min|h|hr|op|ops|call|req|query|day|mo)"
    r"|[kKMGT]?B|ms|s|%)\*?$"
)
_PAREN_LINE = re.compile(r"^\(.{1,60}\)$")
_NAME = re.compile(r"^[A-Z][\w.+#-]*$")
_MAX_CELL_LINES = 3
_LONG_CELL = 80
_MAX_LINES = 2000  # one table's cells: a longer run is cut here, never rescanned


def may_start_vertical(line: str) -> bool:
    """Whether `line` passes read_vertical's own first-line tests (a cell ending in "|", a
    row of names): False means read_vertical returns None whatever the lines after."""
    line = line.rstrip()
    if line.endswith("|") and not line.lstrip().startswith("|"):
        return True
    return line.strip() == "|" or _name_header(line) is not None


def read_vertical(lines: list[str], start: int, table_index: int) -> tuple[list[Block], int] | None:
    """The one-cell-per-line table starting at `lines[start]` (with the paragraph glued to its
    first cell, if any, as a line before it) and the index after it, or None."""
    line = lines[start].rstrip()
    if line.endswith("|") and not line.lstrip().startswith("|"):
        if start and lines[start - 1].rstrip().endswith("|"):
            return None  # inside a run of cells already tried from its first line
        return _terminated(lines, start, table_index)
    if line.strip() == "|" and _corner(lines, start):
        return _terminated(lines, start, table_index)
    if _name_header(line) is not None:
        return _named_columns(lines, start, table_index)
    return None


def _corner(lines: list[str], start: int) -> bool:
    """A lone '|' (the empty top-left cell) opening a run of cells: the header's first cell,
    so the run is read from it and the names after it stay the header, not a shifted row."""
    after = lines[start + 1].strip() if start + 1 < len(lines) else ""
    before = lines[start - 1].rstrip() if start else ""
    return after.endswith("|") and after != "|" and not before.endswith("|")


def _terminated(lines: list[str], start: int, table_index: int) -> tuple[list[Block], int] | None:
    cells: list[str] = []
    parts: list[str] = []
    end = j = start
    while j < len(lines) and j - start < _MAX_LINES:
        text = lines[j].strip()
        if not text or len(parts) >= _MAX_CELL_LINES:
            break
        if text.endswith("|"):
            *whole, last = text[:-1].split(" | ")  # 'Kafka | Pulsar |': two cells on a line
            if whole:
                parts.append(whole[0].strip())
                cells.append(" ".join(p for p in parts if p))
                cells.extend(c.strip() for c in whole[1:])
                parts = []
            parts.append(last.strip())
            cells.append(" ".join(p for p in parts if p))
            parts = []
            end = j + 1
        else:
            parts.append(text)
        j += 1
    width = _period(cells)
    if width is None:
        return None
    blocks: list[Block] = []
    header = cells[:width]
    if len(header[0]) > _LONG_CELL:  # a paragraph glued to the empty top-left cell
        blocks.append(Block(BlockKind.LINE, text=header[0]))
        header[0] = ""
    rows = [cells[i : i + width] for i in range(width, len(cells), width)]
    header = unshift_header(header, rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    table = Block(
        BlockKind.TABLE, header=header, rows=rows, table_index=table_index, origin="flattened"
    )
    return [*blocks, table], end


def _period(cells: list[str]) -> int | None:
    """The row width: the smallest one under which each column holds numbers in (almost)
    every row or in (almost) none, with at least two numeric columns and two rows below."""
    if len(cells) < 8:
        return None
    numeric = [bool(_NUMERIC.match(c)) for c in cells]
    for width in range(2, 9):
        body = numeric[width:]
        rows = len(body) // width
        if rows < 2:
            break
        columns = [body[r::width] for r in range(width)]
        shares = [sum(col) / len(col) for col in columns if col]
        if (
            sum(1 for s in shares if s >= 0.6) >= 2
            and any(s <= 0.2 for s in shares)  # a column of labels
            and all(s >= 0.6 or s <= 0.2 for s in shares)
        ):
            return width
    return None


_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?$")
_MAX_RULED_WIDTH = 8


def _header_cell(text: str) -> bool:
    """A short header cell on its own line: no figure, no sentence, no table pipe."""
    if not 0 < len(text) <= 40 or _NUMERIC.match(text):
        return False
    return "|" not in text and text[-1] not in ".,;:!?"


def read_ruled_cells(lines: list[str], start: int, table_index: int) -> tuple[Block, int] | None:
    """'Database' / 'Index Time' / ... one a line, a '|---|---|' rule of as many columns,
    then the rows' cells one a line (a name, then figures), and the index after the last
    whole row, or None. The rule fixes the width; a row cut by the page's end is dropped."""
    header: list[str] = []
    j = start
    while j < len(lines) and len(header) <= _MAX_RULED_WIDTH:
        text = lines[j].strip()
        if text and _RULE.match(text):
            break
        if text and not _header_cell(text):
            return None
        if text:
            header.append(text)
        j += 1
    else:
        return None
    if j >= len(lines) or len(header) < 2:
        return None
    width = lines[j].strip().strip("|").count("|") + 1
    if width != len(header):
        return None
    j += 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    rows: list[list[str]] = []
    while j + width <= len(lines):
        cells = [lines[k].strip() for k in range(j, j + width)]
        if not _header_cell(cells[0]) or not all(_NUMERIC.match(c) for c in cells[1:]):
            break
        rows.append(cells)
        j += width
    if len(rows) < 2:
        return None
    table = Block(
        BlockKind.TABLE,
        header=header,
        rows=rows,
        table_index=table_index,
        origin="flattened",
        cell_separator="\n",
    )
    return table, j


def _name_header(line: str) -> list[str] | None:
    """'  Kafka Pulsar RabbitMQ': 2-6 names and nothing else."""
    parts = re.split(r"\s{2,}", line.strip()) if "  " in line.strip() else line.split()
    if 2 <= len(parts) <= 6 and all(_NAME.match(p) for p in parts):
        return parts
    return None


def _named_columns(
    lines: list[str], start: int, table_index: int
) -> tuple[list[Block], int] | None:
    names = _name_header(lines[start]) or []
    j = start + 1
    if j < len(lines) and _PAREN_LINE.match(lines[j].strip()):
        names[-1] = f"{names[-1]} {lines[j].strip()}"  # '(Mirrored)' under the last name
        j += 1
    rows: list[list[str]] = []
    end = j
    while j < len(lines):
        label_parts: list[str] = []
        while j < len(lines) and lines[j].strip() and not _NUMERIC.match(lines[j].strip()):
            if len(label_parts) == 2:
                break
            label_parts.append(lines[j].strip())
            j += 1
        values: list[str] = []
        while len(values) < len(names) and j < len(lines) and _NUMERIC.match(lines[j].strip()):
            cell = [lines[j].strip()]
            j += 1
            while j < len(lines) and (
                _UNIT_LINE.match(lines[j].strip()) or _PAREN_LINE.match(lines[j].strip())
            ):
                cell.append(lines[j].strip())  # the value's unit or condition line
                j += 1
            values.append("\n".join(cell))  # as written, line break included
        if not label_parts or len(values) != len(names):
            break
        rows.append([" ".join(label_parts), *values])
        end = j
    if len(rows) < 2:
        return None
    table = Block(
        BlockKind.TABLE,
        header=["", *names],
        rows=rows,
        table_index=table_index,
        origin="flattened",
        cell_separator="\n",
    )
    return [table], end
