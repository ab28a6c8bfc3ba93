"""Tables with more than two axes, or whose entity is not in the table: column groups (an
entity per group over its metrics, a condition per row), and tables under an entity's own
heading that name no entity (metrics only, or metrics under condition columns)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crosscheck.ingest.blocks import Block, row_evidence
from crosscheck.ingest.table_cells import CellKind, cell_kind, drop_footnote
from crosscheck.ingest.table_emit import TableContext, column_names, emit, join_conditions, pieces
from crosscheck.ingest.table_headers import (
    condition_kind,
    condition_text,
    header_labels,
    is_metric_like,
    split_header,
    stated_unit,
)
from crosscheck.ingest.table_orientation import Orientation

from crosscheck.contracts import LocationKind

if TYPE_CHECKING:
    from crosscheck.ingest.extract import ClaimCollector


def entity_groups(groups: list[str], header: list[str]) -> bool:
    """Grouped headers name entities (each over its metrics) when the groups are no metrics
    and the sub-headers are, or repeat from group to group."""
    tops = [g for g in groups[1:] if g]
    subs = [h for h in header[1:] if h]
    if len(set(tops)) < 2 or any(is_metric_like(g) for g in tops):
        return False
    return all(is_metric_like(h) for h in subs) or len(set(subs)) < len(subs)


def by_groups(
    out: ClaimCollector,
    block: Block,
    rows: list[list[str]],
    clean_rows: list[list[str]],
    groups: list[str],
    header: list[str],
    ctx: TableContext,
) -> None:
    """N-way: an entity per column group, a metric per sub-header, a condition per row."""
    t = block.table_index
    where_table = f"table {t} ({Orientation.ENTITY_GROUPS.value})"
    corner = header[0] or groups[0]
    heads = header_labels(header)
    shown = column_names([f"{g} {h}".strip() for g, h in zip(groups, header, strict=False)])
    previous = ""
    for r, (row, cells) in enumerate(zip(rows, clean_rows, strict=True), 1):
        head = cells[0] or previous
        previous = head
        joined = join_conditions(
            [*ctx.conditions(), condition_text(corner, head) if head else None]
        )
        evidence = row_evidence(block, row)
        for col in range(1, len(cells)):
            if not groups[col]:
                continue
            label, unit = heads[col]
            for i, piece in enumerate(pieces(cells[col], label or "value", unit)):
                suffix = f" / figure {i + 1}" if i else ""
                emit(
                    out,
                    entity=drop_footnote(groups[col]),
                    piece=piece,
                    kind=LocationKind.TABLE_CELL,
                    locator=f"{where_table} / row {r} / column {shown[col]}{suffix}",
                    evidence=evidence,
                    row_key=f"t{t}r{r}",
                    conditions=joined,
                )


_BARE_NUMBER = re.compile(r"^[~≈]?\d[\d.,]*\s*(?:%|th|k|K)?$")


def _numeric_only(rows: list[list[str]], start: int) -> bool:
    cells = [c for r in rows for c in r[start:] if c.strip()]
    return bool(cells) and all(cell_kind(c) in (CellKind.NUMBER, CellKind.EMPTY) for c in cells)


def nameless(header: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]] | None:
    """A table with no name on either axis (every body cell a number, every header a metric):
    its entity is the section's. A header one cell right of its values ('Stat | Mean | Max'
    over '12 | 34 |') is realigned. None when the table names something itself."""
    if not rows or not _numeric_only(rows, 0):
        return None
    if header[0] and header[-1] and all(not r[-1].strip() for r in rows) and len(header) > 2:
        header, rows = header[1:], [r[:-1] for r in rows]
    if not all(
        is_metric_like(h) or _BARE_NUMBER.match(h) or condition_kind(h) or _priced(rows, i)
        for i, h in enumerate(header)
        if h
    ):
        return None
    return header, rows


_PRICE = re.compile(r"^\s*[~≈]?[$€£¥]\s?\d")


def _priced(rows: list[list[str]], column: int) -> bool:
    """Every cell of the column a price ('Subscription' over '$5 per month'): the header names
    what is priced, a metric whatever its word; a price never names an entity."""
    cells = [r[column] for r in rows if len(r) > column and r[column].strip()]
    return bool(cells) and all(_PRICE.match(c) for c in cells)


_TIME_HEADERS = frozenset({"year", "date", "month", "quarter", "period", "week", "day", "time"})
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _is_time_axis(header: str, cells: list[str]) -> bool:
    """'Year | Downloads' over '2019 | ...': the years say when, they are not figures."""
    values = [c.strip() for c in cells if c.strip()]
    if not values:
        return False
    if header.strip().lower() in _TIME_HEADERS:
        return True
    return all(_YEAR.match(v) or cell_kind(v) is CellKind.DATE for v in values)


_SIZE_CLASS = re.compile(r"^(?:X{0,3}S|M|X{0,3}L)$")
_COUNTED = re.compile(r"^[~≈]?\d[\d.,]*\s?[kKMG]?i?B?\s*[A-Za-z]{0,12}$")  # '1 KB', '16 threads'
_AGGREGATES = frozenset({"average", "avg", "mean", "median", "total", "overall", "geomean"})


def _condition_header(text: str) -> bool:
    return bool(_BARE_NUMBER.match(text) or _SIZE_CLASS.match(text) or _COUNTED.match(text))


def text_lead(header: list[str], rows: list[list[str]]) -> int:
    """How many leading columns hold texts (a label, then 'Dtype: int'-like row conditions)."""
    lead = 0
    for col in range(len(header)):
        cells = [r[col] for r in rows if col < len(r) and r[col].strip()]
        if not cells or any(cell_kind(c) is not CellKind.TEXT for c in cells):
            break
        if col and _condition_header(header[col]):
            break
        lead += 1
    return lead


def conditions_as_columns(header: list[str], rows: list[list[str]]) -> bool:
    """Column headers that are conditions ('10 | 25 | 50' percentiles, '1 | 8 | 64' threads,
    'XS | S | M | L' sizes, '1 KB | 1 MB') over rows of labels, maybe with an 'Average'
    column: the entity is outside the table."""
    lead = text_lead(header, rows)
    heads = [h for h in header[max(lead, 1) :] if h]
    conditional = [h for h in heads if _condition_header(h)]
    others = [h for h in heads if not _condition_header(h)]
    if len(conditional) < 2 or any(h.lower() not in _AGGREGATES for h in others):
        return False
    return lead >= 1


def by_context_entity(
    out: ClaimCollector,
    block: Block,
    rows: list[list[str]],
    clean_rows: list[list[str]],
    header: list[str],
    ctx: TableContext,
    orientation: Orientation,
    owner: str | None = None,
) -> None:
    """Claims of a table whose entity is its section's subject (heading or the page's only
    entity; `owner` when the caller found it): metrics as columns, or metric rows under
    condition columns."""
    entity = owner or ctx.subject()
    if not entity:
        return  # nobody to attribute to (the page summary reports a page without figures)
    t = block.table_index
    by_conditions = orientation is Orientation.CONDITIONS_AS_COLUMNS
    heads = header_labels(header)
    shown = column_names(header)
    given = [
        c
        for c, h in enumerate(header)
        if not by_conditions and (condition_kind(h) or _is_time_axis(h, [r[c] for r in clean_rows]))
    ]
    if by_conditions:  # text columns after the label column are row conditions ('Dtype: int')
        given = list(range(1, text_lead(header, clean_rows)))
    for r, (row, cells) in enumerate(zip(rows, clean_rows, strict=False), 1):
        evidence = row_evidence(block, row)
        row_conditions = [condition_text(header[c], cells[c]) for c in given if cells[c]]
        row_label, row_unit = split_header(drop_footnote(cells[0])) if by_conditions else ("", None)
        if by_conditions and row_unit is None:  # a describing cell's unit ('Time in ms')
            row_unit = next((u for c in given if cells[c] and (u := stated_unit(cells[c]))), None)
        for col in range(1 if by_conditions else 0, min(len(cells), len(header))):
            if col in given:
                continue
            if by_conditions:
                label, unit = row_label, row_unit
                bare = _BARE_NUMBER.match(header[col]) and header[0]
                extra = condition_text(header[0], header[col]) if bare else header[col]
            else:
                (label, unit), extra = heads[col], None
            context = [c for c in ctx.conditions() if c != entity]  # the heading is the entity
            joined = join_conditions([*context, *row_conditions, extra])
            for i, piece in enumerate(pieces(cells[col], label or "value", unit)):
                suffix = f" / figure {i + 1}" if i else ""
                emit(
                    out,
                    entity=entity,
                    piece=piece,
                    kind=LocationKind.TABLE_CELL,
                    locator=f"table {t} ({orientation.value}) / row {r} / column "
                    f"{shown[col]}{suffix}",
                    evidence=evidence,
                    row_key=f"t{t}r{r}",
                    conditions=joined,
                )
