"""Scores one line per compared product under each category line → a table of the products.

Why: comparison sites print a category, maybe a one-line description, then one score per
product in the page's order (`Display` / `Screen quality, …` / `98` / `74`); a text copy keeps
the lines but loses the columns, and read as lines every score went to the first product.
Only a run of three categories or more, each with exactly one bare value per compared
product, is read, in the order the title names the products.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind

__all__ = ["value_columns"]

# a bare score or figure alone on its line ("98", "87*", "4.5", "120 Hz")
_VALUE = re.compile(r"[~≈]?\d[\d.,]*\s?(?:%|[A-Za-z]{1,4})?\*?")
_MAX_LABEL = 80
_MAX_LABEL_LINES = 2
_MIN_GROUPS = 3
_MAX_ENTITIES = 4


def value_columns(blocks: list[Block], entities: list[str]) -> list[Block]:
    """`blocks` with each run of category groups made one table (entities as columns)."""
    width = len(entities)
    if not 2 <= width <= _MAX_ENTITIES or not _may_have_run(blocks, width):
        return blocks
    out: list[Block] = []
    index = max((b.table_index for b in blocks), default=0) + 1
    i = 0
    while i < len(blocks):
        rows, texts, end = _run(blocks, i, width)
        if len(rows) < _MIN_GROUPS:
            out.append(blocks[i])
            i += 1
            continue
        table = Block(
            BlockKind.TABLE,
            rows=rows,
            header=["", *entities],
            table_index=index,
            origin="flattened",
            cell_separator="\n",
            row_texts=texts,
        )
        out.append(table)
        index += 1
        i = end
    return out


def _may_have_run(blocks: list[Block], width: int) -> bool:
    """A cheap test first: enough value lines in a row somewhere on the page."""
    streak = 0
    for block in blocks:
        lead = block.text[:1]
        value = (lead.isdigit() or lead in "~≈") and _is_value(block)  # most lines: a letter
        streak = streak + 1 if value else 0
        if streak == width:
            return True
    return False


def _is_value(block: Block) -> bool:
    return block.kind is BlockKind.LINE and _VALUE.fullmatch(block.text.strip()) is not None


def _is_label(block: Block) -> bool:
    text = block.text.strip()
    return (
        block.kind is BlockKind.LINE
        and 0 < len(text) <= _MAX_LABEL
        and text[:1].isalpha()
        and not text.endswith((".", "!", "?", ":"))
        and not _is_value(block)
    )


def _run(
    blocks: list[Block], start: int, width: int
) -> tuple[list[list[str]], dict[tuple[str, ...], str], int]:
    """The category groups from `start`: label lines, then exactly `width` value lines."""
    rows: list[list[str]] = []
    texts: dict[tuple[str, ...], str] = {}
    i = start
    while i < len(blocks):
        labels: list[str] = []
        j = i
        while j < len(blocks) and len(labels) < _MAX_LABEL_LINES and _is_label(blocks[j]):
            labels.append(blocks[j].text.strip())
            j += 1
        values: list[str] = []
        while j < len(blocks) and _is_value(blocks[j]) and len(values) <= width:
            values.append(blocks[j].text.strip())
            j += 1
        if not labels or len(values) != width:
            break
        # the category with its description: "Battery (Battery life, …)" is a score of the
        # battery, not its capacity
        label = f"{labels[0]} ({labels[1]})" if len(labels) > 1 else labels[0]
        row = [label, *values]
        rows.append(row)
        texts[tuple(row)] = "\n".join([*labels, *values])
        i = j
    return rows, texts, i
