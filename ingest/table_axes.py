"""Tables with more than two axes, or whose entity is not in the table: column groups
(an entity per group over its metrics, a condition per row)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosscheck.contracts import LocationKind
from ingest.blocks import Block
from ingest.table_cells import drop_footnote
from ingest.table_emit import TableContext, emit, join_conditions, pieces
from ingest.table_headers import condition_text, is_metric_like, split_header
from ingest.table_orientation import Orientation

if TYPE_CHECKING:
    from ingest.extract import ClaimCollector


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
    heads = [split_header(h) for h in header]
    previous = ""
    for r, (row, cells) in enumerate(zip(rows, clean_rows, strict=True), 1):
        head = cells[0] or previous
        previous = head
        joined = join_conditions(
            [*ctx.conditions(), condition_text(corner, head) if head else None]
        )
        evidence = " | ".join(row)
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
                    locator=f"{where_table} / row {r} / column {groups[col]} {header[col]}{suffix}",
                    evidence=evidence,
                    row_key=f"t{t}r{r}",
                    conditions=joined,
                )
