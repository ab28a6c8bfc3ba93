"""Markdown tables a text copy glued onto one line → one line per row again.

Why: a stored copy that lost a table's line breaks keeps its pipes and its rule inline
(`Name | Time (s) ---|---| A | 7.3 B | 8.1 C | 8.9`): every row after the first starts inside
the cell that ends the row before it. Such a line is cut back into a header, its rule and rows
only where each cut falls after a figure and every row gets the header's number of cells, and
only where a line other than another glued table comes before it (its title, or none).
"""

from __future__ import annotations

import re

__all__ = ["unglued_tables"]

# the rule between the header and the rows: two or more '---|' cells inside a line
_INLINE_RULE = re.compile(r"\s\|?\s*(?::?-{3,}:?\s*\|\s*){2,}")
# the break a copy kept between two rows of a one-line table: the pipes that close one row and
# open the next (`| A | 7.3 | | B | 8.1 |`)
_ROW_JOIN = re.compile(r"\|\s+\|")
# the figure that ends a row, then the next row's first cell (which starts with a letter)
_FIGURE_THEN_NAME = re.compile(r"^([~≈<>]?[-+]?\d[\d.,]*%?)\s+([^\W\d_].*)$")


def unglued_tables(lines: list[str]) -> list[str]:
    """`lines` with each glued markdown table spread over a header, a rule and its rows."""
    out: list[str] = []
    glued_before = False
    for line in lines:
        rows = _rows(line) if "-|" in line or "- |" in line else None
        # a glued table right after another has no title of its own: which operation it
        # measures is unknown, and its figures would only contradict the table above
        out.extend(rows if rows is not None and not glued_before else (line,))
        glued_before = rows is not None
    return out


def _rows(line: str) -> list[str] | None:
    rule = _INLINE_RULE.search(line)
    if rule is None:
        return None
    header = [cell.strip() for cell in line[: rule.start()].strip(" |").split("|")]
    pieces = [cell.strip() for cell in line[rule.end() :].strip(" |").split("|")]
    width = len(header)
    if width < 2 or not all(header):
        return None
    joined = _joined_rows(line[rule.end() :], width)
    if joined is not None:
        return _lines(header, joined)
    if len(pieces) < 2 * width - 1:
        return None
    if (len(pieces) - 1) % (width - 1):
        return None
    rows: list[list[str]] = []
    row = [pieces[0]]
    for at, piece in enumerate(pieces[1:-1], start=1):
        if at % (width - 1):
            row.append(piece)
            continue
        cut = _FIGURE_THEN_NAME.match(piece)  # 'the last cell, the next row's first cell'
        if cut is None:
            return None
        rows.append([*row, cut.group(1)])
        row = [cut.group(2)]
    rows.append([*row, pieces[-1]])
    if any(len(r) != width or not all(r) for r in rows):
        return None
    return _lines(header, rows)


def _joined_rows(body: str, width: int) -> list[list[str]] | None:
    """The rows of a one-line table whose rows kept their own pipes (`| A | 7.3 | | B | 8.1 |`,
    or one row alone): each of them `width` filled cells, else None (an empty cell inside a
    row looks like a row break: nothing is guessed)."""
    chunks = [chunk.strip(" |") for chunk in _ROW_JOIN.split(body.strip())]
    rows = [[cell.strip() for cell in chunk.split("|")] for chunk in chunks]
    if any(len(r) != width or not all(r) for r in rows):
        return None
    return rows


def _lines(header: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(r) + " |" for r in rows),
        "",  # the table ends with its line
    ]
