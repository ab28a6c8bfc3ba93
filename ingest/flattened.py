"""Flattened tables and ASCII bar charts in plain text → recovered table blocks.

A page copy that lost its table markup keeps the cells joined by ` | ` (no leading pipe), often
with a header cell broken over several lines; a bar chart draws one bar per entity with the
value at its end (`| LZ4 ######## 36.6 |`), under a title line naming the metric.
"""

from __future__ import annotations

import csv
import re

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.ranked import read_ranked

from crosscheck.common.gazetteer import Gazetteer

_SEP = " | "
_TAB = "\t"
_FRAME = re.compile(r"^\s*[+|]?[-=+─━]{3,}[+|]?\s*$")
_BAR_ROW = re.compile(
    r"^\s*\|?\s*(?P<name>[^\s|#█].*?)\s+(?P<bar>[#█▓▒░■▇▆▅▄▃▂▁▉▊▋▌▍▎▏*]+)\s+"
    r"(?P<value>[-+~≈]?\d[\d.,]*(?:\s?[%A-Za-zµ/]+)?)\s*\|?\s*$"
)
# what every bar row holds, found in C before the bar row pattern tries each split of a line
_BAR_MARK = re.compile(r"[#█▓▒░■▇▆▅▄▃▂▁▉▊▋▌▍▎▏*]\s+[-+~≈]?\d")
_DIGIT = re.compile(r"\d")
_NUMERIC = re.compile(r"^[-+~≈$]?\d")
_KEY_VALUE = re.compile(r":\s*[~≈<>]?[-+]?\d")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def may_start_flattened(line: str) -> bool:
    """Whether `line` passes read_flattened's own first-line tests (a bar mark, a pipe or tab
    separator, a rank): False means read_flattened returns None whatever the lines after."""
    if _BAR_MARK.search(line) or (_SEP in line and not line.lstrip().startswith("|")):
        return True
    return _TAB in line.strip() or line[:1] == "#" or line[:1].isdigit()


def read_flattened(
    lines: list[str], start: int, table_index: int, known: Gazetteer | None = None
) -> tuple[Block, int] | None:
    """The recovered table starting at `lines[start]` and the index after it, or None."""
    line = lines[start]
    if _BAR_MARK.search(line) and _BAR_ROW.match(line):
        return _bar_chart(lines, start, table_index)
    if _SEP in line and not line.lstrip().startswith("|"):
        return _pipe_table(lines, start, table_index, _SEP)
    if _TAB in line.strip():  # cells joined by tabs
        return _pipe_table(lines, start, table_index, _TAB)
    if line[:1] == "#" or line[:1].isdigit():
        return read_ranked(lines, start, table_index, _title_above(lines, start), known)
    return None


def bar_charts(lines: list[str], caption: str | None, table_index: int) -> list[Block]:
    """The bar charts drawn in a code block (titled by the line above each, else `caption`)."""
    charts: list[Block] = []
    i = 0
    while i < len(lines):
        found = (
            _bar_chart(lines, i, table_index + len(charts), caption)
            if _BAR_ROW.match(lines[i])
            else None
        )
        if found is None:
            i += 1
            continue
        charts.append(found[0])
        i = found[1]
    return charts


def _bar_chart(
    lines: list[str], start: int, table_index: int, caption: str | None = None
) -> tuple[Block, int] | None:
    rows: list[list[str]] = []
    end = start
    while end < len(lines):
        match = _BAR_ROW.match(lines[end])
        if match:
            rows.append([match.group("name").strip(), match.group("value").strip()])
        elif not _FRAME.match(lines[end]):
            break
        end += 1
    if len(rows) < 2:
        return None
    title = _title_above(lines, start) or caption
    title = title.rstrip(" :") if title else None
    block = Block(
        BlockKind.TABLE,
        header=["", title or "value"],
        rows=rows,
        table_index=table_index,
        origin="bar chart",
        caption=title,
        entities_as_rows=True,
    )
    return block, end


def _title_above(lines: list[str], start: int) -> str | None:
    for j in range(start - 1, max(-1, start - 4), -1):
        text = lines[j].strip()
        if not text or _FRAME.match(text):
            continue
        return text if len(text) <= 80 else None
    return None


def _cells(line: str, sep: str = _SEP) -> list[str]:
    if sep == _TAB:
        return [c.strip() for c in re.split(r"\t+", line.strip())]
    return [c.strip() for c in line.strip().strip("|").split(sep)]


def _is_pipe_line(line: str, sep: str = _SEP) -> bool:
    if sep == _TAB:
        return _TAB in line.strip()
    return sep in line and not line.lstrip().startswith("|")


def _next_width(lines: list[str], j: int, sep: str) -> int:
    return len(_cells(lines[j + 1], sep)) if _next_is_pipe(lines, j, sep) else -1


def _next_is_pipe(lines: list[str], j: int, sep: str = _SEP) -> bool:
    return j + 1 < len(lines) and _is_pipe_line(lines[j + 1], sep)


def _pipe_table(
    lines: list[str], start: int, table_index: int, sep: str
) -> tuple[Block, int] | None:
    if start + 1 < len(lines) and _MD_RULE.match(lines[start + 1]):
        return None  # 'a | b' over '---|---': a markdown table, read by the markdown reader
    ahead: list[list[str]] = []
    j = start
    while j < len(lines) and j < start + 6:
        text = lines[j].strip()
        if _is_pipe_line(lines[j], sep):
            ahead.append(_cells(lines[j], sep))
        elif 1 <= len(ahead) <= 2 and 0 < len(text) <= 40 and _next_is_pipe(lines, j, sep):
            ahead.append([text])  # the rest of a header cell broken over lines
        else:
            break
        j += 1
    if len(ahead) < 2:
        return None
    cells = [c for row in ahead for c in row]
    if sum(1 for c in cells if _KEY_VALUE.search(c)) * 2 >= len(cells):
        return None  # 'Alpha 4.x:  92,400 req/s  |  avg: 1.1ms': labelled figures, read as prose
    numeric = [r for r in ahead if any(_NUMERIC.match(c) for c in r[1:])]
    width = len(numeric[0]) if numeric else len(ahead[0])
    header = list(ahead[0])
    end = start + 1
    while end < j and (
        (len(header) < width and len(ahead[end - start]) < width)
        or not _is_pipe_line(lines[end], sep)
    ):
        following = ahead[end - start]  # a header cell broken over lines goes on
        header[-1] = f"{header[-1]} {following[0]}".strip()
        header.extend(following[1:])
        end += 1
    if len(header) != width or any(_NUMERIC.match(c) for c in header):
        header, end = [], start
    return _finish(lines, end, table_index, header, width, sep)


def _finish(
    lines: list[str], end: int, table_index: int, header: list[str], width: int, sep: str
) -> tuple[Block, int] | None:
    rows: list[list[str]] = []
    while end < len(lines) and _is_pipe_line(lines[end], sep):
        cells = _cells(lines[end], sep)
        if len(cells) > width:  # more cells than the header: the next table begins
            break
        if rows and len(cells) != width and _next_width(lines, end, sep) == len(cells):
            break  # a narrower block of lines with its own width: the next table
        rows.append(cells + [""] * (width - len(cells)))
        end += 1
    if not rows:
        return None
    block = Block(
        BlockKind.TABLE,
        header=unshift_header(header, rows) or None,
        rows=rows,
        table_index=table_index,
        origin="flattened",
    )
    return block, end


def unshift_header(header: list[str], rows: list[list[str]]) -> list[str]:
    """'p50 | p90 | rps | ' over 'Baseline | 1.8 | 2.9 | 60.4': a header shifted left past
    its empty corner cell (rows start with a name, the last column holds values) goes back."""
    if len(header) < 2 or header[-1] or not header[0]:
        return header
    if all(r and r[-1] and not _NUMERIC.match(r[0]) for r in rows):
        return ["", *header[:-1]]
    return header


def csv_table(lines: list[str], table_index: int) -> Block | None:
    """A code block holding CSV (a header and ≥ 2 rows of the same width, with numbers)."""
    body = [x for x in lines if x.strip()]
    if len(body) < 3 or not all("," in x for x in body):
        return None
    rows = [[c.strip() for c in r] for r in csv.reader(body)]
    width = len(rows[0])
    if width < 2 or any(len(r) != width for r in rows):
        return None
    if any(_NUMERIC.match(c) for c in rows[0]):
        return None  # no header row
    if not all(any(_NUMERIC.match(c) for c in r[1:]) for r in rows[1:]):
        return None
    if any(ch in x for x in body[1:] for ch in '()[]{}=;"'):
        return None  # calls, lists, assignments: source code, not data
    return Block(
        BlockKind.TABLE,
        header=rows[0],
        rows=rows[1:],
        table_index=table_index,
        origin="code block",
    )


_BOX_SPLIT = re.compile(r"\s*[|│┃]\s*")
_BOX_RULE = re.compile(r"^[\s+|│┃─━═=\-:┌┐└┘├┤┬┴┼╭╮╰╯╞╡╪]+$")


def boxed_table(lines: list[str], table_index: int) -> Block | None:
    """A table a tool drew in a code block with '|' or box-drawing borders (psql, tabulate,
    MySQL client): a header row over a rule, then rows of one width with numbers."""
    rows: list[list[str]] = []
    for line in lines:
        text = line.strip()
        if not text or _BOX_RULE.match(text):
            continue
        if not _BOX_SPLIT.search(text):
            continue  # '(2 rows)' and other lines around the table
        cells = _BOX_SPLIT.split(text)
        if cells and not cells[0]:
            cells = cells[1:]
        if cells and not cells[-1]:
            cells = cells[:-1]
        rows.append(cells)
    if len(rows) < 3:
        return None
    width = len(rows[0])
    if width < 2 or any(len(r) != width for r in rows):
        return None
    header = rows[0]
    if any(_NUMERIC.match(c) for c in header):
        return None
    body = rows[1:]
    if not all(any(_NUMERIC.match(c) for c in r[1:]) for r in body):
        return None
    return Block(
        BlockKind.TABLE,
        header=header,
        rows=body,
        table_index=table_index,
        origin="code block",
    )
