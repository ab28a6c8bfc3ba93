"""Runs of glued spec rows that no header line heads (`Write speed5000 MB/s3300 MB/s`), read
as a table of the page's compared products in the order its title names them.

Split from ingest/glued_rows.py (whose row reader it uses) to keep both small.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.glued_cells import _NUMBER, _Cells, _named_row
from crosscheck.ingest.glued_rows import _may_row

__all__ = ["headerless_tables"]

_MIN_HEADERLESS_ROWS = 3
# a label glued to its first value ("Write speed5000", "TBW1200"): the only rows read without a
# header (checked first: most lines are prose)
_GLUED_LABEL = re.compile(r"[A-Za-z][^\d\n]{0,40}?[A-Za-z]\d")
_MAX_GAP = 2  # lines between two rows of one headerless run (a one-value row, a section)


def headerless_tables(blocks: list[Block], names: list[str]) -> list[Block]:
    """`blocks` with each run of glued rows that no header line heads made a table of the
    page's compared products, in the order the title names them (a spec sheet whose product
    header was pictures: `Write speed5000 MB/s3300 MB/s`). Only rows whose cells share one
    unit count, three or more of them."""
    width = len(names)
    if not 2 <= width <= 4:
        return blocks
    line = BlockKind.LINE
    rows_at = {
        i: row
        for i, b in enumerate(blocks)
        if b.kind is line and _GLUED_LABEL.match(b.text) and not b.is_heading
        if _may_row(b) and (row := _same_unit_row(b.text, width)) is not None
    }
    if len(rows_at) < _MIN_HEADERLESS_ROWS:
        return blocks
    out: list[Block] = []
    index = max(b.table_index for b in blocks) + 1
    cursor = 0
    for run in _runs(sorted(rows_at)):
        if len(run) < _MIN_HEADERLESS_ROWS:
            continue
        rows = [rows_at[i] for i in run]
        cells = [[row.label, *row.values] for row in rows]
        texts = {tuple(c): blocks[i].text for c, i in zip(cells, run, strict=True)}
        kept = [blocks[i] for i in range(run[0], run[-1] + 1) if i not in rows_at]
        table = Block(
            BlockKind.TABLE,
            rows=cells,
            header=["", *names],
            table_index=index,
            origin="flattened",
            row_texts=texts,
        )
        out += [*blocks[cursor : run[0]], table, *kept]
        cursor = run[-1] + 1
        index += 1
    return [*out, *blocks[cursor:]] if out else blocks


def _runs(at: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in at:
        if runs and i - runs[-1][-1] <= _MAX_GAP + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _same_unit_row(text: str, width: int) -> _Cells | None:
    """A labelled row of `width` cells that all carry the same unit (`1200 TB`, `5 years`)."""
    cells = _named_row(text, width)
    if cells is None or not cells.label or not cells.label[:1].isalpha():
        return None
    units = {_NUMBER.sub("", v).strip() for v in cells.values}
    return cells if len(units) == 1 and next(iter(units)) else None
