"""Comparison tables a text copy flattened into lines with no cell separator → table blocks.

A page's table copied as text keeps one line per row but loses the cell breaks: the cells are
joined by a space or nothing at all (`Range272 miles to 358 milesEstimated at 333 miles`,
`Weight 2.8 pounds 2.59 pounds`). Two shapes are read back, each only where every row splits
into exactly one value per column:
- a header line naming two or more known entities (`Tesla Model 3Hyundai Ioniq 6`), then rows
  of a label and one value per entity;
- a header line of glued column labels (`ResolverIP addressGlobal avg…`), then rows each led
  by a known entity name and one value per other column (`Quad99.9.9.9~20–25 ms~7 ms…`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.entities import EntityFinder
from crosscheck.ingest.glued_board import board_at, page_words
from crosscheck.ingest.glued_cells import (
    _Cells,
    _entity_row,
    _named_row,
)
from crosscheck.ingest.glued_heads import glued_names, vs_names

from crosscheck.common.contracts import row_place_condition

_CAMEL = re.compile(r"(?<=[a-z]{3})(?=[A-Z])")
_GLUED_NAME = re.compile(r"(?<=[a-z]{3})(?=[A-Z])|(?<=\d)(?=[A-Z][a-z]{2})")
# also an acronym run into a word or a maker ("CPUCore i7", "14700KAMD Ryzen", "14700KRyzen")
_GLUED_CAPS = re.compile(r"(?<=[A-Z])(?=[A-Z][a-z]{2})|(?<=\d[A-Z])(?=[A-Z]{2})")
# a note after the last name of a header ("(+16% faster)"), no name of its own
_HEAD_NOTE = re.compile(r"\([^()]{1,40}\)")
_MODEL_NUMBER = re.compile(r"\d{2,5}[A-Za-z]?")
_MAX_ROW_CHARS = 200
_NOT_HEAD = re.compile(r"[:;!?|]|\. ")
# a title with a subtitle after a colon (`Ghostwire: Tokyo`): a section line over rows, no label
_TITLE_COLON = re.compile(r"[^:;!?|.]{2,30}: [A-Z0-9][^:;!?|.]{0,30}")
_DIGIT = re.compile(r"\d")
_MAX_SCAN = 30  # lines looked at below a header
_MIN_ROWS = 2
_MAX_WORD_ROW = 60  # a spec row of words under a header (`Category Databases Databases`)
_GLUE_HEAD = re.compile(r"[a-z\d][A-Z]")  # a name run into the next one: a glued header
_VS_LINES = 40  # lines of a page's top its "A vs B vs C" lines are looked for in
_LOOK_AHEAD = 4  # lines below a glued header looked at for a row with a figure
# a header line, or a bullet a card layout put the header's names in ("• Core i9AMD Ryzen 9")
_HEAD_KINDS = (BlockKind.LINE, BlockKind.LIST_ITEM)


def glued_tables(blocks: list[Block], finder: EntityFinder) -> list[Block]:
    """`blocks` with each flattened comparison table (header line + rows) made one table."""
    page = vs_names([b.text for b in blocks[:_VS_LINES] if b.kind is BlockKind.LINE])
    line = BlockKind.LINE
    rowish = [_may_row(b) for b in blocks]
    marks = list(accumulate(rowish, initial=0))  # lines that may be rows, counted up to each
    heads = [
        i
        for i, (head, row, then) in enumerate(zip(blocks, blocks[1:], blocks[2:], strict=False))
        if head.kind in _HEAD_KINDS and 4 <= len(head.text) <= 100 and row.kind is line
        if marks[min(len(blocks), i + 1 + _MAX_SCAN)] > marks[i + 1]  # each test below needs
        if _may_head(head)  # a row-like line within the lines a table is read over (issue 20)
        if (rowish[i + 1] and rowish[i + 2])
        or (_GLUE_HEAD.search(head.text) is not None and _glued_head(blocks, i, finder, page))
        or _worded_head(blocks, i, marks, finder, page)
    ]
    if not heads:
        return blocks
    out: list[Block] = []
    cursor = 0
    index = 0
    previous: _Previous | None = None
    words: dict[str, list[int]] | None = None  # the page's camel-case words, read if asked

    def written() -> dict[str, list[int]]:
        nonlocal words
        if words is None:
            words = page_words(b.text for b in blocks)
        return words

    for i in heads:
        if i < cursor:
            continue
        index = index or max(b.table_index for b in blocks) + 1
        found = _table_at(blocks, i, finder, index, previous, page)
        if found is None:  # glued30: a leaderboard of names no gazetteer lists
            board = board_at(blocks, i, written, index)
            found = (board[0], [], board[1]) if board is not None else None
        if found is None:
            continue
        table, kept, end = found
        lead = [blocks[i]] if previous is not None and table.header == previous.header else []
        if table.header and table.header[0] == "":
            previous = _Previous(table.header, {row[0] for row in table.rows})
        out += [*blocks[cursor:i], *lead, table, *kept]
        cursor = end
        index += 1
    return [*out, *blocks[cursor:]] if out else blocks


@dataclass(frozen=True)
class _Previous:
    """The last table with names as columns: a later run of its rows under a section line
    (`Cyberpunk 2077` over `Average…` / `1% Lows…`) is the same table under another condition."""

    header: list[str]
    labels: set[str]


def _glued_head(blocks: list[Block], at: int, finder: EntityFinder, page: frozenset[str]) -> bool:
    """A header line of glued names (`FeatureVitewebpack`, `Tesla Model 3Hyundai Ioniq 6`)
    over rows of words and a row with a figure within a few lines: a spec table that mixes
    text rows with figures (its one figure row is enough under such a header). Asked of a line
    `_may_head` passed that shows a glue (`_GLUE_HEAD`)."""
    head = blocks[at]
    below = blocks[at + 1 : at + 1 + _LOOK_AHEAD]
    if not below or any(b.kind is not BlockKind.LINE or b.is_heading for b in below[:1]):
        return False
    if not any(_may_row(b) for b in below):
        return False
    return bool(_header_names(head.text, finder, page))


def _worded_head(
    blocks: list[Block], at: int, marks: list[int], finder: EntityFinder, page: frozenset[str]
) -> bool:
    """A header line of names over spec rows of words (`Feature PostgreSQL SQLite` over
    `Category Databases Databases`) with rows of figures further down (`Min RAM 256 MB 32 MB`,
    two at least within the lines a table is read over)."""
    row = blocks[at + 1]
    if row.is_heading or len(row.text) > _MAX_WORD_ROW or _DIGIT.search(row.text):
        return False
    stop = min(len(blocks), at + 1 + _MAX_SCAN)
    if marks[stop] - marks[at + 2] < _MIN_ROWS or len(row.text.split()) < 2:
        return False
    if _NOT_HEAD.search(row.text) or not _may_head(blocks[at]):
        return False
    return len(_header_names(blocks[at].text, finder, page)) >= 2


def _may_head(block: Block) -> bool:
    """A line short enough for a header, with no sentence or label punctuation."""
    text = block.text
    if block.kind not in _HEAD_KINDS or not 4 <= len(text) <= 100:
        return False
    return _NOT_HEAD.search(text) is None or _TITLE_COLON.fullmatch(text) is not None


def _may_row(block: Block) -> bool:
    """A line that may be a row: short, with a figure, no sentence (tried before a header's
    names are looked up: most short lines are headings over prose)."""
    text = block.text
    if block.kind is not BlockKind.LINE or block.is_heading or len(text) > _MAX_ROW_CHARS:
        return False
    return _DIGIT.search(text) is not None and not _is_sentence(text)


def _table_at(
    blocks: list[Block],
    start: int,
    finder: EntityFinder,
    index: int,
    previous: _Previous | None = None,
    page: frozenset[str] = frozenset(),
) -> tuple[Block, list[Block], int] | None:
    head = blocks[start]
    names = _header_names(head.text, finder, page)
    labels = [] if names else _header_labels(head.text)
    again = not names and len(labels) < 3 and previous is not None and _is_section(head.text)
    if again and previous is not None:
        names = previous.header[1:]  # the header printed once, over the first run
    if not names and len(labels) < 3:
        return None
    rows: list[_Cells] = []
    lines: list[Block] = []
    kept: list[tuple[int, Block]] = []
    end = last = start + 1
    while end < len(blocks) and end - start <= _MAX_SCAN:
        block = blocks[end]
        if block.kind is not BlockKind.LINE or block.is_heading:
            break
        if len(block.text) > _MAX_ROW_CHARS or _is_sentence(block.text):
            break
        row = (
            _named_row(block.text, len(names))
            if names
            else _entity_row(block.text, len(labels) - 1, finder)
        )
        gap = any(k > last for k, _ in kept)
        if names and rows and _next_run(row, rows, block.text, finder, page, gap):
            # a label again, or a header again: the next run of rows (another game, test)
            end = next((k for k, _ in kept if k > last), end)
            break
        if row is None and again and not rows:
            return None  # a section line right above its rows, nothing between
        if row is None:
            kept.append((end, block))
        else:
            rows.append(row)
            lines.append(block)
            last = end
        end += 1
    kept_blocks = [b for k, b in kept if k < end]
    least = 1 if names and not again and _GLUE_HEAD.search(head.text) else _MIN_ROWS
    rows, kept_blocks = _consistent(rows, lines, kept_blocks, least)
    if len(rows) < least:
        return None
    if again and previous is not None and any(r.label not in previous.labels for r in rows):
        return None
    cells = [
        [label, *row.values] for label, row in zip(_row_labels(rows, index), rows, strict=True)
    ]
    texts = {tuple(c): line.text for c, line in zip(cells, lines, strict=True)}
    header = ["", *names] if names else labels
    table = Block(
        BlockKind.TABLE,
        rows=cells,
        header=header,
        table_index=index,
        origin="flattened",
        entities_as_rows=not names,
        row_texts=texts,
    )
    return table, kept_blocks, end


def _row_labels(rows: list[_Cells], index: int) -> list[str]:
    """The rows' labels; a label several rows share (`install` over every row of a table whose
    condition columns were lost) says where each row stands, so that no two rows under other
    conditions read as one measurement given twice."""
    labels = [r.label for r in rows]
    # the position is written as a count in parentheses: the row's condition, not its label
    return [
        f"{label} ({row_place_condition(n, len(rows), index)})"
        if label and labels.count(label) > 1
        else label
        for n, label in enumerate(labels, 1)
    ]


def _next_run(
    row: _Cells | None,
    rows: list[_Cells],
    text: str,
    finder: EntityFinder,
    page: frozenset[str] = frozenset(),
    gap: bool = True,
) -> bool:
    """Whether a line starts another run of a names-as-columns table: a row whose label the
    run already has (after a line that is no row, or in a run of several labels: rows all
    labelled alike, `install…` / `install…`, are one run whose other labels were lost), or
    another header line of names."""
    if row is not None:
        again = bool(row.label) and any(r.label == row.label for r in rows)
        return again and (gap or len({r.label for r in rows}) > 1)
    return bool(_header_names(text, finder, page))


def _is_section(text: str) -> bool:
    """A short line naming a section (`Hitman 3`, `F1 2022`): a capital first, no sentence."""
    return len(text) <= 60 and text[:1].isupper() and not _is_sentence(text)


def _consistent(
    rows: list[_Cells], lines: list[Block], kept: list[Block], least: int = _MIN_ROWS
) -> tuple[list[_Cells], list[Block]]:
    """The rows that agree with the table: where rows have labels, a row without one is no
    row of it (a line below the table, a cell's second line); rows led by names need at least
    as many known names as unknown ones."""
    known = sum(1 for r in rows if r.known)
    if known < least or known < len(rows) - known:
        return [], kept
    if not any(r.label for r in rows):
        return rows, kept
    keep = [k for k, r in enumerate(rows) if r.label]
    dropped = [lines[k] for k, r in enumerate(rows) if not r.label]
    lines[:] = [lines[k] for k in keep]
    return [rows[k] for k in keep], [*kept, *dropped]


def _is_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in ".!?" and len(text.split()) >= 8


def _header_names(text: str, finder: EntityFinder, page: frozenset[str] = frozenset()) -> list[str]:
    """The entities a header line names, each as written with a model number after it
    (`Dell XPS 13 9315`); none unless known names make up the line (a brand word before a
    name aside: `Apple MacBook Air M1`); none for a line that is itself one known name
    (`AdonisJS` is no `Adonis` glued to `JS`)."""
    # asked first: the line's own mentions are the first variant `_names_in_line` reads
    # (cached), and a one-name line needs no unglued variants nor tiling
    whole = finder.mentions(text)
    if len(whole) == 1 and whole[0].start == 0 and whole[0].end == len(text.rstrip()):
        return []
    return _names_in_line(text, finder, page)


def _names_in_line(text: str, finder: EntityFinder, page: frozenset[str]) -> list[str]:
    """The names a header line holds, read as written, unglued, or tiled (`_header_names`)."""
    unglued = _GLUED_NAME.sub(" ", text)
    capitals = _GLUED_CAPS.sub(" ", unglued)
    for variant in dict.fromkeys((text, unglued, capitals)):
        mentions = finder.mentions(variant)
        if len({m.canonical for m in mentions}) < 2 or len(mentions) > 6:
            continue
        names: list[str] = []
        cursor = 0
        for m in mentions:
            before = variant[cursor : m.start].split()
            if len(before) > 1 or (before and not before[0][:1].isupper()):
                break
            cursor = m.end
            written = variant[m.start : m.end]
            number = _MODEL_NUMBER.match(variant, m.end + 1)
            if variant[m.end : m.end + 1] == " " and number and _ends_word(variant, number.end()):
                written = f"{written} {number.group()}"
                cursor = number.end()
            names.append(written)
        else:
            rest = variant[cursor:].strip()
            if len(names) >= 2 and (not rest or _HEAD_NOTE.fullmatch(rest)):
                return names
    return glued_names(text, finder.gazetteer, page)  # names with no break between them


def _ends_word(text: str, at: int) -> bool:
    return at == len(text) or text[at] == " "


def _header_labels(text: str) -> list[str]:
    """Glued column labels (`ResolverIP addressGlobal avg`): split where a lower-case word
    runs into a capital; none when the line has a digit or was not glued."""
    if any(ch.isdigit() for ch in text) or len(_CAMEL.findall(text)) < 2:
        return []
    parts = [p.strip() for p in _CAMEL.split(text)]
    if len(parts) < 3 or any(not p or len(p.split()) > 3 for p in parts):
        return []
    return parts
