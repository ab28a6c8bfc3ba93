"""A spec table flattened to single spaces under a header of the compared products' names, its
text rows standing between its figure rows → a recovered table block.

Why: a comparison page's spec table copied as text keeps one line per row ('Base Clock 2205
MHz 2235 MHz') under a line of the products' names ('Technical Specs NVIDIA RTX 4080 NVIDIA
RTX 4090'), but the rows whose cells are words ('GPU AD103 AD102', 'Architecture Ada Lovelace
Ada Lovelace') stand between the figure rows. With no figure row right under it the header
was not read as one, a later figure line became the header and every row label
('Base Clock') was read as a product. Here the header must give one known name per column
(spaced_rows' own header rules) and the figure rows one figure per name; short word rows in
between are passed over (they hold no figure of a column), and at least three figure rows,
more than the word rows passed over, make the table.
"""

from __future__ import annotations

import functools
import re

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.spaced_rows import is_spaced_row, name_labels, spaced_split

from crosscheck.common.gazetteer import Gazetteer, load_gazetteer

__all__ = ["may_start_named_spec", "read_named_spec_rows"]

_MAX_HEADER_CHARS = 100
_MAX_WORD_ROW_WORDS = 10
_MAX_WORD_ROW_CHARS = 80
_MIN_FIGURE_ROWS = 3
_REACH = 6  # word rows between the header and the first figure row
_WIDTHS = (2, 3, 4)
_VS = re.compile(r"(?:^|\s)(?:vs\.?|versus)(?:\s|$)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;]$")


def _word_row(text: str) -> bool:
    """A short line that is no sentence ('Architecture Ada Lovelace Ada Lovelace', 'Memory BUS
    256-bit 384-bit'): a spec row whose cells are words or figures of no one column each."""
    return (
        0 < len(text) <= _MAX_WORD_ROW_CHARS
        and text[0].isalpha()
        and "|" not in text
        and not _SENTENCE_END.search(text)
        and len(text.split()) <= _MAX_WORD_ROW_WORDS
    )


@functools.lru_cache(maxsize=16384)
def _header_shaped(line: str) -> bool:
    """A line that may name two products or more: short, no cell border, no sentence end,
    three words at least, two of them capitalised or with a digit (kept per text: pages
    repeat their lines)."""
    if len(line) > _MAX_HEADER_CHARS or "|" in line or "\t" in line:
        return False
    words = line.split()
    if len(words) < 3 or _SENTENCE_END.search(line.rstrip()):
        return False
    return sum(1 for w in words if w[:1].isupper() or any(c.isdigit() for c in w)) >= 2


def may_start_named_spec(lines: list[str], i: int) -> bool:
    """The cheap test before reading: a short line with no cell border, then word rows only
    (up to six) before a space-separated figure row (the figure row looked for first: most
    lines have none below them)."""
    if not _header_shaped(lines[i]):
        return False
    stop = min(len(lines), i + 2 + _REACH)
    first = next((j for j in range(i + 2, stop) if is_spaced_row(lines[j])), None)
    if first is None:
        return False
    return all(
        _word_row(text) and not is_spaced_row(text)
        for text in (lines[j].strip() for j in range(i + 1, first))
    )


def _header_labels(header: str, known: Gazetteer) -> list[str] | None:
    """[corner, name...] of a header that gives one known name per column (two to four), no
    'A vs B' title among them."""
    if _VS.search(header):
        return None
    for width in _WIDTHS:
        labels = name_labels(header, width, known)
        if labels is not None:
            return labels
    return None


def read_named_spec_rows(
    lines: list[str], start: int, table_index: int, known: Gazetteer | None = None
) -> tuple[Block, int] | None:
    """The table whose header line is `lines[start]` and the index after its last figure row,
    or None (see the module's docstring)."""
    known = known or load_gazetteer()
    labels = _header_labels(lines[start].strip(), known)
    if labels is None:
        return None
    width = len(labels) - 1
    rows: list[list[str]] = []
    texts: dict[tuple[str, ...], str] = {}
    passed = 0  # word rows between figure rows, up to the last figure row
    pending = 0
    end = start + 1
    j = start + 1
    while j < len(lines):
        text = lines[j].strip()
        found = spaced_split(text) if text else None
        if found is not None and len(found[1]) == width:
            row = [found[0], *found[1]]
            rows.append(row)
            texts[tuple(row)] = text
            passed += pending
            pending = 0
            end = j + 1
        elif _word_row(text):
            pending += 1
        else:
            break
        j += 1
    if len(rows) < _MIN_FIGURE_ROWS or passed >= len(rows):
        return None
    block = Block(
        BlockKind.TABLE,
        header=labels,
        rows=rows,
        table_index=table_index,
        origin="flattened",
        entities_as_rows=False,  # the header names the products: its columns are theirs
        cell_separator=" ",
        row_texts=texts,
    )
    return block, end
