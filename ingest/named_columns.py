"""A comparison table flattened one cell per line under a header of known names → a table.

Why: a stored copy of an HTML comparison table keeps each cell as a line, with no blank line
around it and text cells among the figures: a corner ('Tech Specs'), one header line per
product ('PS5' / 'Xbox Series X'), then per spec a label line and one line per product
('CPU' / '8x Zen 2 Cores at 3.5GHz' / '8x Cores @ 3.8 GHz'; an empty cell written '—'). The
entity of a cell is its position in the row, which no line says. The header's lines must look
like names (short, no sentence, at most four words; new products are not in the gazetteer), and
the rows must keep the stride: every row label a word line, most value cells holding a digit.
A wrong width or a run of label/value lines breaks the stride within a row or two, so that
is what tells the table from a run of short lines. Rows stop at the first line that breaks it.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind

from crosscheck.common.gazetteer import Gazetteer, load_gazetteer

__all__ = ["may_start_named_columns", "read_named_columns"]

_MAX_LABEL = 40
_MAX_CELL = 120
_WIDTHS = (4, 3, 2)  # names in the header, widest first: a table of 3 read as 2 would shift
_MIN_ROWS = 4
_MIN_FIGURE_SHARE = 0.5  # of the value cells: a table of figures, not of prose words
_MAX_NAME = 30
_MAX_NAME_WORDS = 4
_EMPTY = {"—", "–", "-", "--", "n/a", "N/A"}  # an empty cell as pages write it
_SENTENCE_END = ".;:!?,"
_DIGIT = re.compile(r"\d")


def _is_label(text: str, known: Gazetteer) -> bool:
    """A row label: short, starts with a letter, no sentence end, no product's name."""
    return (
        0 < len(text) <= _MAX_LABEL
        and _is_cell(text)
        and text[:1].isalpha()
        and text[-1] not in _SENTENCE_END
        and known.canonical(text) is None
    )


def _is_name(text: str, known: Gazetteer) -> bool:
    """A header cell that may name a product: known, or short words with a capital or digit."""
    if known.canonical(text):
        return True
    return (
        0 < len(text) <= _MAX_NAME
        and text[:1].isalpha()  # '77.1M' is a stat card's figure, not a name
        and (text[-1].isalnum() or text[-1] in ")+")  # 'Memory -' is a label with its mark
        and len(text.split()) <= _MAX_NAME_WORDS
        and any(c.isupper() or c.isdigit() for c in text)
    )


def _is_cell(text: str) -> bool:
    """A cell line: short, and no '|' or trailing ' -' of another layout's cells or labels."""
    return 0 < len(text) <= _MAX_CELL and "|" not in text and not text.endswith(" -")


def may_start_named_columns(lines: list[str], i: int, known: Gazetteer) -> bool:
    """A corner (or first name) over two lines that may name products, a label under them."""
    if i + 3 + _MIN_ROWS * 3 >= len(lines):
        return False
    first = lines[i].strip()
    if not 0 < len(first) <= _MAX_LABEL or first[-1] in _SENTENCE_END:
        return False
    if any(ch.isdigit() for ch in first):  # a corner is a word ('Tech Specs'), not a figure
        return False
    return _is_name(lines[i + 1].strip(), known) and _is_name(lines[i + 2].strip(), known)


def _rows(block: list[str], names: list[str], known: Gazetteer) -> list[list[str]]:
    """Label + one cell per name, until a line breaks the stride or repeats a name (stat
    cards repeat their names: 'Name' / '~120 MB' / 'Other' / '~78 MB' over and over)."""
    width = len(names)
    seen = {n.lower() for n in names}
    rows: list[list[str]] = []
    at = 0
    while at + width < len(block) and _is_label(block[at], known):
        cells = block[at + 1 : at + 1 + width]
        if not all(_is_cell(c) for c in cells):
            break
        if any(line.lower() in seen for line in block[at : at + 1 + width]):
            break
        rows.append([block[at], *("" if c in _EMPTY else c for c in cells)])
        at += 1 + width
    return rows


def read_named_columns(
    lines: list[str], start: int, table_index: int, known: Gazetteer | None = None
) -> tuple[Block, int] | None:
    """The table whose header starts at `lines[start]` and the index after its last row, or
    None. The header is an optional corner then 2-4 known names, one a line."""
    gazetteer = known or load_gazetteer()
    head = start + 1  # the corner; a header without one is read from its first name's line
    for width in _WIDTHS:
        names = [lines[k].strip() for k in range(head, min(head + width, len(lines)))]
        if len(names) < width or not all(_is_name(n, gazetteer) for n in names):
            continue
        if len({n.lower() for n in names}) < width:
            continue
        body_start = head + width
        block = [line.strip() for line in lines[body_start : body_start + 60 * (width + 1)]]
        rows = _rows(block, names, gazetteer)
        if len(rows) < _MIN_ROWS:
            continue
        values = [c for row in rows for c in row[1:] if c]
        figures = sum(1 for c in values if _DIGIT.search(c))
        if not values or figures < _MIN_FIGURE_SHARE * len(values):
            continue
        corner = lines[start].strip() if head > start else ""
        table = Block(
            BlockKind.TABLE,
            header=[corner, *names],
            rows=rows,
            table_index=table_index,
            origin="flattened",
            cell_separator="\n",
        )
        return table, body_start + len(rows) * (width + 1)
    return None
