"""A comparison table whose cell borders a text copy lost to single spaces, its cells words
and figures mixed, under a header line that names the compared products → a table block.

Why: a stored copy of an HTML spec table keeps each row as one line, the label and every
product's cell run together ("RAM 16GB GDDR6 RAM (256-bit) 16 GB GDDR6 RAM"), under a line
of the products' names ("Feature PlayStation 5 Xbox Series X"). No name is on a row: the
entity of a value is its column, which only the order of the cells says. A careful reader
splits a row where a new figure with a unit starts after a word that does not join figures
("10GB at 560GB/s, 6GB at 335GB/s" is one cell): a row that splits into as many cells as
most rows do gives the column count; the header's words split into that many names the way
the page writes them elsewhere (the names are often new to the gazetteer). Rows that do
not split so stay lines of text, read as before.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.spaced_cell_words import (
    FIGURE,
    corner,
    has_unit,
    header,
    joins,
    named,
    verdict_words,
    without_verdict,
)
from crosscheck.ingest.spaced_rows import spaced_split

__all__ = ["MAX_HEADER_CHARS", "may_start_spaced_cells", "read_spaced_cells"]

MAX_HEADER_CHARS = 90  # a line of names is short: longer lines are never tested
_MAX_HEADER_WORDS = 12
_MAX_ROW_CHARS = 220
_MAX_LABEL_WORDS = 6
_MAX_ROWS = 60
_MIN_ROWS = 2
_REACH = 4  # rows of words between the header and its first row of figures
_WIDTHS = (2, 3, 4)
_MAX_NAME_WORDS = 5
_MAX_NAME_CHARS = 40
_EMPTY = frozenset({"—", "--", "n/a", "tba", "tbd", "none", "?"})
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_SENTENCE_END = re.compile(r"[.!:;]$")


@functools.lru_cache(maxsize=16384)
def _cells(line: str) -> tuple[str, tuple[str, ...]] | None:
    """(label, cells) of a row: the label is the words before the first figure with a unit,
    and each later such figure after a word that joins no figures starts the next cell."""
    tokens = line.split()
    figures = [
        has_unit(t, tokens[k + 1] if k + 1 < len(tokens) else "") for k, t in enumerate(tokens)
    ]
    starts: list[int] = []
    for k, token in enumerate(tokens):
        empty = _empty_cell(token, figures[k + 1 : k + 2])
        after_empty = bool(starts) and starts[-1] == k - 1 and not figures[k - 1]
        if (figures[k] or empty) and (k == 0 or after_empty or not joins(tokens[k - 1])):
            starts.append(k)  # a figure after an empty cell's mark starts the next cell
    if not starts or starts[0] == 0 or starts[0] > _MAX_LABEL_WORDS:
        return None
    label = tokens[: starts[0]]
    if not label[0][:1].isalpha() or any(FIGURE.match(w) for w in label):
        return None  # '2G/3G GSM/EDGE 850/…', 'Memory 16, 32, or 64GB': no clean label
    bounds = [*starts, len(tokens)]
    return " ".join(label), tuple(" ".join(tokens[a:b]) for a, b in itertools.pairwise(bounds))


def _empty_cell(token: str, after: list[bool]) -> bool:
    """A placeholder of an empty cell ('—', 'n/a', 'TBA') right before the next cell's figure
    or at the row's end ('Die Size — 360.45 mm²')."""
    return token.lower() in _EMPTY and (not after or after[0])


def _row(line: str, width: int | None = None) -> tuple[str, tuple[str, ...]] | None:
    """A row's label and cells (`width` of them when given): a row of bare counts
    ('CUDA Cores 9728 16384') splits as a name and its figures."""
    found = _cells(line)
    if found is None or (width is not None and len(found[1]) != width):
        bare = spaced_split(line)
        if bare is None or (width is not None and len(bare[1]) != width):
            return None
        if all(_YEAR.match(v) for v in bare[1]):
            return None  # 'Launch 2020 2021': years of a release, no figures
        return bare
    return found


def _header_shaped(line: str) -> bool:
    """Short, no border, no sentence end, three words at least, two capitalised or numbered."""
    if not line or len(line) > MAX_HEADER_CHARS or "|" in line or "\t" in line:
        return False
    words = line.split()
    if not 2 <= len(words) <= _MAX_HEADER_WORDS or line.endswith((".", ":", ",")):
        return False
    return sum(1 for w in words if w[:1].isupper() or w[:1].isdigit() or w[1:2].isupper()) >= 2


@functools.lru_cache(maxsize=16384)
def _header_line(text: str) -> bool:
    """Header-shaped, and no figure with its unit (that is a row, not a line of names); kept
    per text: pages repeat their lines."""
    if not _header_shaped(text):
        return False
    tokens = text.split()
    return not any(
        has_unit(t, tokens[k + 1] if k + 1 < len(tokens) else "") for k, t in enumerate(tokens)
    )


@functools.lru_cache(maxsize=16384)
def _name_line(text: str) -> bool:
    """A line that may be one product's header cell: a few words, a name's first word, no
    figure with a unit, no sentence end."""
    words = text.split()
    if not 0 < len(words) <= _MAX_NAME_WORDS or len(text) > _MAX_NAME_CHARS:
        return False
    if not named(words[0]) or _SENTENCE_END.search(text) or text.endswith(","):
        return False
    return not any(has_unit(w, "") for w in words)


def _stacked(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """(names, first row) of header cells a paragraph each ('Apple iPad' / '' / 'Samsung
    Galaxy Tab' / ''), right over a row that splits into as many cells."""
    names: list[str] = []
    k = i
    while k < len(lines) and len(names) <= max(_WIDTHS):
        text = lines[k].strip()
        if not text:
            if k + 1 < len(lines) and not lines[k + 1].strip():
                return None  # two blank lines: no header over what follows
            k += 1
            continue
        if not _name_line(text):
            break
        if k + 1 < len(lines) and lines[k + 1].strip():
            break  # names in paragraphs of their own; short lines in a run are other shapes
        names.append(text)
        k += 1
    if len(names) not in _WIDTHS or len(set(names)) < len(names) or k >= len(lines):
        return None
    found = _cells(lines[k].strip())
    return (names, k) if found is not None and len(found[1]) == len(names) else None


def may_start_spaced_cells(lines: list[str], i: int) -> bool:
    """The cheap test: a header-shaped line over a line that splits into cells, a few rows
    of words ('Release Date Holiday 2020 Holiday 2020') maybe between; or header cells one a
    line over such a row."""
    if i + 2 >= len(lines):
        return False
    text = lines[i].strip()
    if not text or len(text) > MAX_HEADER_CHARS:
        return False  # most lines: prose, too long for a line of names
    below = lines[i + 1].strip()
    first = not below and _name_line(text) and (i == 0 or not _name_line(lines[i - 1].strip()))
    if first and _stacked(lines, i) is not None:
        return True  # names a paragraph each
    if not _header_line(text):
        return False
    if not corner(lines[i]) and _header_shaped(below) and not any(map(str.isdigit, below)):
        return False  # 'Stats Comparison' over 'iPad Galaxy Tab': the names are below
    gapped = not below and bool(lines[i + 2].strip())  # rows a paragraph each
    for k in range(i + 1 + gapped, min(len(lines), i + 1 + _REACH * (1 + gapped))):
        below = lines[k].strip()
        if gapped and not below and lines[k - 1].strip():
            continue
        if not below or len(below) > _MAX_ROW_CHARS or _SENTENCE_END.search(below):
            return False
        found = _row(below)
        if found is not None:
            return len(found[1]) >= 2
    return False


def _row_run(lines: list[str], start: int, gapped: bool) -> int:
    """Index after the lines that may be rows: short, non-blank (`gapped`: one blank line
    between rows, a copy that put each row in a paragraph of its own), not a sentence."""
    end = start
    while end < len(lines) and end - start < _MAX_ROWS * (1 + gapped):
        text = lines[end].strip()
        if gapped and not text and end + 1 < len(lines) and lines[end + 1].strip():
            end += 1
            continue
        if not text or len(text) > _MAX_ROW_CHARS or "|" in text or _SENTENCE_END.search(text):
            break
        end += 1
    return end


def read_spaced_cells(
    lines: list[str], start: int, table_index: int, page: str | None = None
) -> tuple[list[Block], int] | None:
    """The table under the header `lines[start]` (or header cells one a line from there; and
    the lines among its rows that did not split, as text) and the index after its last row,
    or None."""
    stacked = _stacked(lines, start)
    gapped = not stacked and not lines[start + 1].strip()
    first = stacked[1] if stacked else start + 1 + gapped
    end = _row_run(lines, first, gapped)
    body = [text for text in (lines[k].strip() for k in range(first, end)) if text]
    header_line = lines[start].strip()
    verdict = not stacked and header_line.split()[-1].lower().strip("?:") in verdict_words()
    split = [_cells(text) for text in body]
    counts = Counter(len(s[1]) for s in split if s is not None and len(s[1]) in _WIDTHS)
    if not counts:
        return None
    width = counts.most_common(1)[0][0]
    if stacked:
        labels: list[str] | None = ["", *stacked[0]] if len(stacked[0]) == width else None
    else:
        text = page if page is not None else "\n".join(lines).lower()
        labels = header(header_line, width, text.replace(header_line.lower(), " "))
    if labels is None:
        return None
    rows: list[list[str]] = []
    texts: dict[tuple[str, ...], str] = {}
    others: list[Block] = []
    for line in body:
        found = _row(without_verdict(line, labels[1:]) if verdict else line, width)
        if found is None:
            others.append(Block(BlockKind.LINE, text=line))
            continue
        row = [found[0], *("" if c.lower() in _EMPTY else c for c in found[1])]
        rows.append(row)
        texts[tuple(row)] = line
    if len(rows) < _MIN_ROWS:
        return None
    table = Block(
        BlockKind.TABLE,
        header=labels,
        rows=rows,
        table_index=table_index,
        origin="flattened",
        entities_as_rows=False,  # the header names the products: its columns are theirs
        cell_separator=" ",
        row_texts=texts,
    )
    return [table, *others], end
