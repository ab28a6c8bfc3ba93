"""Table blocks → claims, for markdown, HTML and recovered (Block(TABLE)) tables alike.

The orientation (entities as rows or columns, a condition axis) is decided per table from its
own evidence (:mod:`ingest.table_orientation`) and written into every claim's locator; header
units become `unit_hint`; condition columns, section headings and lead-in lines become the
claim's `conditions`; row-spans (empty key cells) repeat the row above.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crosscheck.ingest.blocks import Block
from crosscheck.ingest.spec_tables import spec_table_claims
from crosscheck.ingest.table_axes import (
    by_context_entity,
    by_groups,
    conditions_as_columns,
    entity_groups,
    nameless,
)
from crosscheck.ingest.table_cells import CellKind, cell_kind, clean_cell
from crosscheck.ingest.table_columns import (
    DIFF_HEADERS,
    by_columns,
    columns_of,
    text_key_columns,
)
from crosscheck.ingest.table_emit import Columns, KnownNames, TableContext
from crosscheck.ingest.table_headers import is_label_header, is_metric_like, is_unit
from crosscheck.ingest.table_orientation import Orientation, orient
from crosscheck.ingest.table_rows import by_rows

if TYPE_CHECKING:
    from crosscheck.ingest.extract import ClaimCollector


def _realign(header: list[str], rows: list[list[str]]) -> list[str]:
    """A header with one cell fewer than its rows, or whose names sit one column to the
    left (its last cell empty while the rows' is filled), gets an empty first cell."""
    if not rows:
        return header
    longer = sum(1 for r in rows if len(r) == len(header) + 1)
    if longer * 2 > len(rows) and not is_label_header(header[0]):
        return ["", *header]
    filled_last = sum(1 for r in rows if len(r) == len(header) and r[-1].strip())
    if (
        len(header) >= 2
        and header[0].strip()
        and not header[-1].strip()
        and filled_last >= max(1, len(rows) // 2)
        and not is_label_header(header[0])
    ):
        return ["", *header[:-1]]
    return header


def _promote_header(rows: list[list[str]], markup: bool, names: KnownNames) -> list[str] | None:
    """A first row of names or metric labels over rows with numbers is the header (HTML
    tables without <th>): its corner is empty or 'Metric'-like, or its cells name metrics or
    known entities."""
    if len(rows) < 2:
        return None
    first = [clean_cell(c, markup) for c in rows[0]]
    ranked = _ranked_names(first[1:])
    if ranked is not None:  # '1. Moma Venecia | 2. HITWAY': a top list's products as columns
        return [rows[0][0], *ranked]
    if any(cell_kind(c) is CellKind.NUMBER for c in first[1:]):
        return None
    named = [c for c in first[1:] if c in names or c.lower() in DIFF_HEADERS]
    metric = [c for c in first[1:] if is_metric_like(c)]
    cornered = not first[0].strip() or is_label_header(first[0])
    if not (cornered and named) and 2 * max(len(named), len(metric)) < len(first) - 1:
        return None
    numeric_below = sum(
        1
        for r in rows[1:]
        if any(cell_kind(clean_cell(c, markup)) is CellKind.NUMBER for c in r[1:])
    )
    return rows[0] if numeric_below >= max(1, (len(rows) - 1) // 2) else None


# a top list's column: its rank, then a name ("1. Moma Design Venecia", "2) HITWAY")
_RANKED = re.compile(r"(\d{1,2})[.)]\s+([^\W\d_].{0,60})")


def _distinct(header: list[str], clean: list[str]) -> list[str]:
    """Cleaned header cells, except where cleaning made two columns one (`pnpm` and
    `pnpm 🦀`, the symbol naming a variant): those keep the text as written."""
    if len(set(clean)) == len(clean) or len(set(header)) != len(header):
        return clean
    twice = {c for c in clean if c and clean.count(c) > 1}
    return [" ".join(h.split()) if c in twice else c for h, c in zip(header, clean, strict=True)]


def _ranked_names(cells: list[str]) -> list[str] | None:
    """The names of a first row whose cells rank them 1, 2, 3... in order (two at least),
    without their ranks; None for any other row."""
    found = [_RANKED.fullmatch(c.strip()) for c in cells]
    if len(found) < 2 or any(m is None or int(m.group(1)) != k for k, m in enumerate(found, 1)):
        return None
    return [m.group(2).strip() for m in found if m is not None]


_NAME_START = re.compile(r"^\W*[^\W\d_]{2}")  # 'lz4 1.10.0', '[zlib] 1.3.1': a name, not a figure


def _blank_header(rows: list[list[str]], markup: bool) -> bool:
    """Rows with no header at all, each a name then figures ('| lz4 1.10.0 | 2.101 | 675 MB/s |',
    a README table quoted without its head): each row is an entity and each column is
    labelled by its position (a unit written in the cells is kept)."""
    widths = {len(r) for r in rows}
    if len(rows) < 3 or len(widths) != 1 or min(widths) < 3:
        return False
    clean = [[clean_cell(c, markup) for c in r] for r in rows]
    names = [r[0] for r in clean]
    if len(set(names)) < len(names) or not all(_NAME_START.match(n) for n in names):
        return False
    return all(sum(cell_kind(c) is CellKind.NUMBER for c in r[1:]) * 2 >= len(r) - 1 for r in clean)


def table_claims(
    out: ClaimCollector, block: Block, ctx: TableContext, previous: Columns | None
) -> Columns:
    """Claims of one table block; returns its column mapping for collapsed rows that follow."""
    ctx.enter(block)
    try:
        return _table_claims(out, block, ctx, previous)
    finally:
        ctx.after_table()  # the lead-in names this table only


def _table_claims(
    out: ClaimCollector, block: Block, ctx: TableContext, previous: Columns | None
) -> Columns:
    rows = [list(r) for r in block.rows if r and any(c.strip() for c in r)]
    header = block.header
    markup = block.markup
    if header is None:
        header = _promote_header(rows, markup, ctx.names)
        if header is not None:
            rows = rows[1:]
            block.header = header
    if len(rows[0] if rows else ()) in (2, 3) and spec_table_claims(out, block, ctx, header, rows):
        return previous or Columns(dict(enumerate(ctx.entities, 1)), None)  # one product's specs
    blank = header is None and previous is None and _blank_header(rows, markup)
    if blank:  # no header at all: one entity a row, columns by position
        width = len(rows[0])
        clean_rows = [[clean_cell(c, markup) for c in r] for r in rows]
        by_rows(out, block, rows, [""] * width, clean_rows, ctx)
        return Columns(dict(enumerate(ctx.entities, 1)), None)
    if header is None:
        columns = previous or Columns(dict(enumerate(ctx.entities, 1)), None)
        clean_rows = [[clean_cell(c, markup) for c in r] for r in rows]
        orientation = Orientation.ENTITIES_AS_COLUMNS
        by_columns(out, block, rows, clean_rows, columns, ctx, orientation, None)
        return columns
    header = _realign(list(header), rows)
    header, rows = _units_row(header, rows, markup)
    width = max([len(header), *(len(r) for r in rows)])
    header = header + [""] * (width - len(header))
    rows = [r + [""] * (width - len(r)) for r in rows]
    clean_header = _distinct(header, [clean_cell(h, markup) for h in header])
    clean_rows = [[clean_cell(c, markup) for c in r] for r in rows]
    if block.header_groups:
        groups = [clean_cell(g, markup) for g in block.header_groups]
        groups = (groups + [""] * width)[:width]
        if entity_groups(groups, clean_header):
            by_groups(out, block, rows, clean_rows, groups, clean_header, ctx)
            return previous or Columns(dict(enumerate(ctx.entities, 1)), None)
        clean_header = [
            f"{g} {h}".strip() if g and g != h else h
            for g, h in zip(groups, clean_header, strict=True)
        ]
    bare = nameless(clean_header, clean_rows)
    if bare is not None:
        orientation = Orientation.ENTITY_FROM_CONTEXT
        by_context_entity(out, block, rows, bare[1], bare[0], ctx, orientation)
        return previous or Columns(dict(enumerate(ctx.entities, 1)), None)
    if conditions_as_columns(clean_header, clean_rows):
        orientation = Orientation.CONDITIONS_AS_COLUMNS
        by_context_entity(out, block, rows, clean_rows, clean_header, ctx, orientation)
        return previous or Columns(dict(enumerate(ctx.entities, 1)), None)
    orientation = orient(clean_header, clean_rows, ctx.names)
    owner = (
        _lead_owner(ctx, clean_header) if orientation is Orientation.CONDITIONS_AS_ROWS else None
    )
    if owner is not None:
        orientation = Orientation.ENTITY_FROM_CONTEXT
        by_context_entity(out, block, rows, clean_rows, clean_header, ctx, orientation, owner)
        return previous or Columns(dict(enumerate(ctx.entities, 1)), None)
    if orientation is Orientation.ENTITIES_AS_ROWS:
        by_rows(out, block, rows, clean_header, clean_rows, ctx)
        return previous or Columns(dict(enumerate(ctx.entities, 1)), None)
    columns = columns_of(clean_header, ctx.entities, orientation, ctx.page_subject)
    keyed = text_key_columns(columns, clean_header, clean_rows, ctx.names)
    if keyed:
        kept = {c: e for c, e in columns.entities.items() if c not in keyed}
        columns = Columns(kept, columns.diff, columns.skipped)
    by_columns(out, block, rows, clean_rows, columns, ctx, orientation, clean_header, keyed)
    return columns


def _lead_owner(ctx: TableContext, header: list[str]) -> str | None:
    """'OS Multipliers: GitHub Actions' over 'OS | Multiplier | Rate': a lead-in or heading
    that is, or ends after a colon in, one known name, over columns that name nobody, owns
    the table: the columns are its metrics, the rows under the condition corner conditions."""
    if any(h in ctx.names for h in header[1:]):
        return None
    for text in (ctx.lead_in.rstrip(":"), ctx.heading):
        name = text.rsplit(":", 1)[-1].strip()
        if name and name in ctx.names:
            return name
    return None


def _units_row(
    header: list[str], rows: list[list[str]], markup: bool
) -> tuple[list[str], list[list[str]]]:
    """A first body row of units only ('| | req/s | ms |') is part of the header."""
    if len(rows) < 2:
        return header, rows
    first = [clean_cell(c, markup) for c in rows[0]]
    units = [c for c in first[1:] if c]
    corner = first[0].lower().strip(" :")
    if not units or corner not in ("", "unit", "units") or not all(is_unit(u) for u in units):
        return header, rows
    merged = [
        f"{h} ({u})" if u and h else h or u
        for h, u in zip(header + [""] * (len(first) - len(header)), first, strict=False)
    ]
    return merged, rows[1:]
