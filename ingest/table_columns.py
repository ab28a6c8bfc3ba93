"""Tables whose entities are columns (comparisons, feature matrices, conditions as rows,
no label column) → claims: which column is whose, text key columns beside the label column,
a Diff column, a group row as a condition of the rows below it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crosscheck.ingest.blocks import Block, row_evidence
from crosscheck.ingest.generic_nouns import without_header_tail
from crosscheck.ingest.table_cells import (
    CellKind,
    cell_kind,
    drop_footnote,
    named_winner,
    split_options,
)
from crosscheck.ingest.table_emit import (
    Columns,
    KnownNames,
    TableContext,
    column_names,
    emit_cell,
    join_conditions,
    pieces,
)
from crosscheck.ingest.table_headers import (
    condition_text,
    header_condition,
    is_description_header,
    is_unit,
    is_value_header,
    split_header,
    stated_unit,
)
from crosscheck.ingest.table_orientation import Orientation

from crosscheck.contracts import ClaimRole, LocationKind

if TYPE_CHECKING:
    from crosscheck.ingest.extract import ClaimCollector

# a column comparing the entity columns of its row ('Speedup' of a before/after table)
DIFF_HEADERS = frozenset(
    {"diff", "difference", "delta", "change", "Δ", "winner", "speedup", "speed-up"}
)


def text_key_columns(
    columns: Columns, header: list[str], rows: list[list[str]], names: KnownNames
) -> list[int]:
    """Text columns right after the label column ('Source: bytes') describe the row, not an
    entity, when the columns after them hold numbers."""
    keyed: list[int] = []
    numeric_after = False
    for col in sorted(columns.entities):
        cells = [r[col] for r in rows if col < len(r) and r[col].strip()]
        kinds = {cell_kind(c) for c in cells}
        if cells and not numeric_after and _mostly_labels(cells, col, rows):
            kinds = {CellKind.TEXT}  # row labels with a threshold among them ('X = 500 ms')
        if kinds <= {CellKind.TEXT} and cells and not numeric_after:
            if header[col] in names or col != (keyed[-1] + 1 if keyed else 1):
                break
            keyed.append(col)
        elif CellKind.NUMBER in kinds:
            numeric_after = True
            break
        else:
            break
    return keyed if numeric_after and len(keyed) < len(columns.entities) else []


def _text_share(cells: list[str]) -> float:
    return sum(cell_kind(c) is CellKind.TEXT for c in cells) / len(cells) if cells else 0.0


def _mostly_labels(cells: list[str], col: int, rows: list[list[str]]) -> bool:
    """A column mostly of text beside a column of figures names the rows ('Duration in ms',
    'limit = 500 ms'): its few figures are no entity's values."""
    after = [r[col + 1] for r in rows if col + 1 < len(r) and r[col + 1].strip()]
    return _text_share(cells) >= 0.5 and bool(after) and _text_share(after) == 0.0


def columns_of(
    header: list[str], entities: list[str], orientation: Orientation, subject: str | None = None
) -> Columns:
    start = 0 if orientation is Orientation.NO_LABEL_COLUMN else 1
    mapping: dict[int, str] = {}
    diff: int | None = None
    skipped: set[int] = set()
    unnamed = iter(entities)
    for col in range(start, len(header)):
        clean = " ".join(header[col].split())
        if clean.lower() in DIFF_HEADERS:
            diff = col
            continue
        if is_description_header(clean):
            skipped.add(col)  # free text about the row, not an entity's value
            continue
        known = next((e for e in entities if e == clean), None)
        if known is not None:
            mapping[col] = known
            continue
        fallback = next(unnamed, None)
        while fallback is not None and fallback in mapping.values():
            fallback = next(unnamed, None)
        if is_value_header(clean) and (fallback or subject):
            clean = ""  # 'Specification | Value': the values are the page subject's
            fallback = fallback or subject
        mapping[col] = drop_footnote(clean) or fallback or f"column {col + 1}"
    if not entities and not any(h.strip() for h in header[start:]):
        mapping = {}  # nobody is named (empty header, no page entity): no entity to claim for
    return Columns(mapping, diff, frozenset(skipped))


def by_columns(
    out: ClaimCollector,
    block: Block,
    rows: list[list[str]],
    clean_rows: list[list[str]],
    columns: Columns,
    ctx: TableContext,
    orientation: Orientation,
    header: list[str] | None,
    keyed: list[int] | None = None,
) -> None:
    t = block.table_index
    kind = LocationKind.ATTRIBUTE_ROW if block.attribute_rows else LocationKind.TABLE_CELL
    container = "attribute rows" if block.attribute_rows else "table"
    condition_rows = orientation is Orientation.CONDITIONS_AS_ROWS
    no_label = orientation is Orientation.NO_LABEL_COLUMN
    entity_cols = list(columns.entities.items())
    # per column, once: its entity, the unit its header gives, the options its name ends with
    # ('gcc -O3' is gcc run with -O3)
    named = {col: _entity_column(name) for col, name in entity_cols}
    width = max([*columns.entities, 0]) + 1
    shown = column_names([columns.entities.get(c, "") for c in range(width)])
    # one measure per row: a unit in the corner ('Benchmark (ops/sec)') or stated before the
    # table applies to the cells that have none of their own
    corner_unit = split_header(header[0])[1] if header and not no_label else None
    stated = corner_unit or ctx.stated_unit
    section: str | None = None
    previous_head = ""
    measure = (
        None
        if condition_rows or no_label
        else ctx.measure([c[0] for c in clean_rows if c], [v for c in clean_rows for v in c[1:]])
    )
    if measure is not None:  # '#### Requests/sec' above rows 'plaintext', 'json'
        orientation, condition_rows = Orientation.CONDITIONS_AS_ROWS, True
    for r, (row, cells) in enumerate(zip(rows, clean_rows, strict=True), 1):
        head = "" if no_label else (cells[0] if cells else "")
        values = cells if no_label else cells[1:]
        if not any(cell_kind(v) is not CellKind.EMPTY for v in values):
            if head and not no_label:
                section = head  # a group row: a condition of the rows below it
            continue
        head = head or previous_head
        previous_head = head
        conditions = ctx.conditions(measure)
        conditions = [*conditions, section] if section else conditions
        if condition_rows:
            label, unit = split_header(ctx.label())
            conditions = [*conditions, condition_text(header[0] if header else "", head)]
        elif no_label:
            label, unit = split_header(ctx.label())
        else:
            bare, extra = header_condition(drop_footnote(head))
            label, unit = split_header(bare or f"(row {r})")
            conditions = [*conditions, extra] if extra else conditions
        for col in keyed or ():
            if cells[col] and header:
                conditions = [*conditions, condition_text(header[col], cells[col])]
                unit = unit or stated_unit(cells[col])  # a row's 'Durée en ms' cell
        evidence = row_evidence(block, row)
        row_key = f"t{t}r{r}"
        where = f"{container} {t} ({orientation.value}) / row {r}"
        joined = join_conditions(conditions)
        for col, cell in enumerate(cells):
            if col == 0 and not no_label:
                continue
            if col == columns.diff:
                if cell_kind(cell) is CellKind.EMPTY:
                    continue
                first = entity_cols[0][1] if entity_cols else ""
                second = entity_cols[1][1] if len(entity_cols) > 1 else None
                role = ClaimRole.DIFF
                winner = named_winner(cell, [name for _, name in entity_cols])
                if winner is not None:  # 'Grafeo 1,687x': the named one's lead over the others
                    first, cell = winner
                    others = [name for _, name in entity_cols if name != first]
                    second = others[0] if len(others) == 1 else None
                    role = ClaimRole.RATIO if cell[-1:] in ("x", "×") else role
                out.add(
                    entity=first,
                    counterpart=second,
                    label=label,
                    unit_hint=unit,
                    raw_value=cell,
                    kind=kind,
                    role=role,
                    locator=f"{where} / column Diff",
                    evidence=evidence,
                    row_key=row_key,
                    conditions=joined,
                )
                continue
            if col in columns.skipped:
                continue
            entity_column = named.get(col)
            if entity_column is None:
                continue
            entity, entity_unit, options = entity_column
            emit_cell(
                out, pieces(cell, label, unit or entity_unit or stated), entity, kind,
                f"{where} / column {shown[col]}", evidence, row_key,
                join_conditions([joined, f"options: {options}"]) if options else joined,
            )  # fmt: skip


def _entity_column(header: str) -> tuple[str, str | None, str | None]:
    """(entity, unit, command-line options) of an entity column's header."""
    name, unit = _entity_and_unit(header)
    entity, options = split_options(name)
    return without_header_tail(entity), unit, options


def _entity_and_unit(header: str) -> tuple[str, str | None]:
    """'Quarry (ms)' → ('Quarry', 'ms'); a name's own parenthesis stays ('Flask (Python)')."""
    name, unit = split_header(header)
    if unit is not None and is_unit(unit):
        return name, unit
    return header, None
