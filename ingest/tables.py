"""Table blocks → claims, for markdown, HTML and recovered (Block(TABLE)) tables alike.

The orientation (entities as rows or columns, a condition axis) is decided per table from its
own evidence (:mod:`ingest.table_orientation`) and written into every claim's locator; header
units become `unit_hint`; condition columns, section headings and lead-in lines become the
claim's `conditions`; row-spans (empty key cells) repeat the row above.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crosscheck.ingest.blocks import Block, row_evidence
from crosscheck.ingest.config_columns import set_up_rows
from crosscheck.ingest.table_axes import (
    by_context_entity,
    by_groups,
    conditions_as_columns,
    entity_groups,
    nameless,
)
from crosscheck.ingest.table_cells import (
    CellKind,
    cell_kind,
    clean_cell,
    drop_footnote,
    split_options,
)
from crosscheck.ingest.table_emit import (
    SKIPPED,
    Columns,
    KnownNames,
    TableContext,
    column_names,
    join_conditions,
    pieces,
)
from crosscheck.ingest.table_headers import (
    condition_kind,
    condition_text,
    header_condition,
    header_labels,
    header_variant,
    is_component_header,
    is_description_header,
    is_label_header,
    is_metric_like,
    is_rank_header,
    is_unit,
    is_value_header,
    is_version_header,
    split_header,
    stated_unit,
)
from crosscheck.ingest.table_notes import note_pieces
from crosscheck.ingest.table_orientation import Orientation, orient

from crosscheck.contracts import ClaimRole, LocationKind

if TYPE_CHECKING:
    from crosscheck.ingest.extract import ClaimCollector
    from crosscheck.ingest.table_cells import Piece

# a column comparing the entity columns of its row ('Speedup' of a before/after table)
_DIFF_HEADERS = frozenset(
    {"diff", "difference", "delta", "change", "Δ", "winner", "speedup", "speed-up"}
)


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
    if any(cell_kind(c) is CellKind.NUMBER for c in first[1:]):
        return None
    named = [c for c in first[1:] if c in names or c.lower() in _DIFF_HEADERS]
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
    blank = header is None and previous is None and _blank_header(rows, markup)
    if blank:  # no header at all: one entity a row, columns by position
        width = len(rows[0])
        clean_rows = [[clean_cell(c, markup) for c in r] for r in rows]
        _by_rows(out, block, rows, [""] * width, clean_rows, ctx)
        return Columns(dict(enumerate(ctx.entities, 1)), None)
    if header is None:
        columns = previous or Columns(dict(enumerate(ctx.entities, 1)), None)
        clean_rows = [[clean_cell(c, markup) for c in r] for r in rows]
        orientation = Orientation.ENTITIES_AS_COLUMNS
        _by_columns(out, block, rows, clean_rows, columns, ctx, orientation, None)
        return columns
    header = _realign(list(header), rows)
    header, rows = _units_row(header, rows, markup)
    width = max([len(header), *(len(r) for r in rows)])
    header = header + [""] * (width - len(header))
    rows = [r + [""] * (width - len(r)) for r in rows]
    clean_header = [clean_cell(h, markup) for h in header]
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
        _by_rows(out, block, rows, clean_header, clean_rows, ctx)
        return previous or Columns(dict(enumerate(ctx.entities, 1)), None)
    columns = _columns_of(clean_header, ctx.entities, orientation, ctx.page_subject)
    keyed = _text_key_columns(columns, clean_header, clean_rows, ctx.names)
    if keyed:
        kept = {c: e for c, e in columns.entities.items() if c not in keyed}
        columns = Columns(kept, columns.diff, columns.skipped)
    _by_columns(out, block, rows, clean_rows, columns, ctx, orientation, clean_header, keyed)
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


def _text_key_columns(
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


def _columns_of(
    header: list[str], entities: list[str], orientation: Orientation, subject: str | None = None
) -> Columns:
    start = 0 if orientation is Orientation.NO_LABEL_COLUMN else 1
    mapping: dict[int, str] = {}
    diff: int | None = None
    skipped: set[int] = set()
    unnamed = iter(entities)
    for col in range(start, len(header)):
        clean = " ".join(header[col].split())
        if clean.lower() in _DIFF_HEADERS:
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


def _by_columns(
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
                out.add(
                    entity=first,
                    counterpart=second,
                    label=label,
                    unit_hint=unit,
                    raw_value=cell,
                    kind=kind,
                    role=ClaimRole.DIFF,
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
            _emit_cell(
                out, pieces(cell, label, unit or entity_unit or stated), entity, kind,
                f"{where} / column {shown[col]}", evidence, row_key,
                join_conditions([joined, f"options: {options}"]) if options else joined,
            )  # fmt: skip


def _entity_column(header: str) -> tuple[str, str | None, str | None]:
    """(entity, unit, command-line options) of an entity column's header."""
    name, unit = _entity_and_unit(header)
    entity, options = split_options(name)
    return entity, unit, options


def _entity_and_unit(header: str) -> tuple[str, str | None]:
    """'Quarry (ms)' → ('Quarry', 'ms'); a name's own parenthesis stays ('Flask (Python)')."""
    name, unit = split_header(header)
    if unit is not None and is_unit(unit):
        return name, unit
    return header, None


def _is_rank_column(header: str, cells: list[str]) -> bool:
    values = [c.strip().rstrip(".") for c in cells if c.strip()]
    if is_rank_header(header):
        return True
    if header.strip() and header.strip() != "#":
        return False
    # an unlabelled running number counts from 1 (a ranking) or from 0 (a printed index)
    return bool(values) and values in (
        [str(i) for i in range(1, len(values) + 1)],
        [str(i) for i in range(len(values))],
    )


def _is_name_column(header: str, cells: list[str]) -> bool:
    values = [c for c in cells if c.strip()]
    if not values or is_metric_like(header):
        return False
    if any(cell_kind(v) in (CellKind.DATE, CellKind.VERSION) for v in values):
        return False
    if sum(1 for v in values if v[:1].isalpha() or v[:1] in "[(@.") < 0.8 * len(values):
        return False
    if sum(1 for v in values if len(v) <= 2) > len(values) / 2:
        return False
    return len(set(values)) >= 0.6 * len(values)


def _sub_key(header: list[str], rows: list[list[str]], keys: list[int], col: int) -> bool:
    """A second name column joins the first ('go std lib + jackc/pgx') when the first spans
    rows (blank cells under a name) or the header names a component ('SQL Driver')."""
    first = keys[0]
    spans = any(not r[first].strip() and r[col].strip() for r in rows[1:])
    return spans or is_component_header(header[col])


def _names_under_condition_corner(header: list[str], rows: list[list[str]]) -> bool:
    """'Scenario | Execution Time | Heap Allocations': a condition corner over names, with
    metric headers only after it, names the rows' entities (a leaderboard of scenarios of
    named things), not a condition column of some other name column."""
    if len(header) < 2 or condition_kind(header[0]) is None:
        return False
    others = [h for h in header[1:] if h.strip()]
    if not others or not all(is_metric_like(_PARENTHESIS.sub("", h)) for h in others):
        return False
    return _is_name_column("", [r[0] for r in rows if r])


_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")


def _roles(header: list[str], rows: list[list[str]]) -> tuple[list[int], dict[int, str]]:
    """(key columns naming the entity, other roles: rank / version / condition / value)."""
    roles: dict[int, str] = {}
    keys: list[int] = []
    named_corner = _names_under_condition_corner(header, rows)
    for col, head in enumerate(header):
        cells = [r[col] for r in rows]
        if col == 0 and named_corner:
            keys.append(col)
            roles[col] = "key"
            continue
        if _is_rank_column(head, cells):
            roles[col] = "rank"
        elif is_description_header(head):
            roles[col] = "description"
        elif is_version_header(head):
            roles[col] = "version"
        elif condition_kind(head) is not None:
            roles[col] = "condition"
        elif not keys or (len(keys) == 1 and keys[-1] == col - 1):
            if not keys or (_is_name_column(head, cells) and _sub_key(header, rows, keys, col)):
                keys.append(col)
                roles[col] = "key"
                continue
            roles[col] = "value"
        else:
            roles[col] = "value"
    return keys, roles


_REPO = re.compile(r"^[\w.-]+(?: - [\w.-]+)*\s?/\s?[\w.-]+(?: - [\w.-]+)*$")


def _is_repo_column(cells: list[str]) -> bool:
    """Every name is a GitHub 'owner/repo' ('pallets/flask'): the project is the repo."""
    names = [c for c in cells if c.strip()]
    return len(names) >= 3 and all(_REPO.match(c) for c in names)


def _by_rows(
    out: ClaimCollector,
    block: Block,
    rows: list[list[str]],
    header: list[str],
    clean_rows: list[list[str]],
    ctx: TableContext,
) -> None:
    t = block.table_index
    kind = LocationKind.ATTRIBUTE_ROW if block.attribute_rows else LocationKind.TABLE_CELL
    container = "attribute rows" if block.attribute_rows else "table"
    keys, roles = _roles(header, clean_rows)
    # 'Connectivity 16' of one of several 'f32 x256' rows: a set-up (ingest.config_columns)
    subject = set_up_rows(header, clean_rows, keys, roles, ctx.names.__contains__, ctx)
    if len(keys) == 2 and not any(clean_rows[i][keys[1]] for i in range(len(clean_rows))):
        keys = keys[:1]
    held = ["" for _ in keys]
    shown = column_names(header)
    repos = {col for col in keys if _is_repo_column([r[col] for r in clean_rows])}
    split = [header_condition(h) for h in header]
    heads = header_labels([h for h, _ in split])
    value_cols = [col for col, role in roles.items() if role == "value"]
    notes = [col for col, role in roles.items() if role == "description"]
    value_cells = [r[c] for r in clean_rows for c in value_cols]
    measure = ctx.measure([header[c] for c in value_cols], value_cells)
    if measure is not None:  # '#### Requests/sec' above columns 'plaintext', 'json'
        heads = [split_header(measure) for _ in header]
        split = [(h, h or None) for h in header]
    # per value column, once: (column, label, unit, condition, name in locators)
    value_columns = [
        (col, label, unit, split[col][1] or header_variant(label), shown[col])
        for col in range(len(header))
        if roles.get(col) == "value"
        for label, unit in [(heads[col][0] or f"column {col + 1}", heads[col][1])]
    ]
    for r, (row, cells) in enumerate(zip(rows, clean_rows, strict=True), 1):
        values = [c for col, c in enumerate(cells) if roles.get(col) == "value"]
        if not any(cell_kind(v) not in SKIPPED for v in values):
            for i, col in enumerate(keys):
                held[i] = drop_footnote(cells[col]) or held[i]
            continue
        for i, col in enumerate(keys):
            name = drop_footnote(cells[col])
            if name and col in repos:
                name = name.rsplit("/", 1)[1].strip()
            if name:
                held[i] = name
                for j in range(i + 1, len(keys)):
                    held[j] = ""  # a new server starts a new driver group
        entity = " + ".join(h for h in held if h) or f"(row {r})"
        if subject is not None:
            entity, set_up = subject, condition_text(header[keys[0]], cells[keys[0]])
        version = next((cells[c] for c, role in roles.items() if role == "version"), "")
        if version and cell_kind(version) is not CellKind.EMPTY:
            entity = f"{entity} {version}"
        conditions = ctx.conditions(measure)
        if subject is not None:
            conditions.append(set_up)
        entity, options = split_options(entity)
        if options:
            conditions.append(f"options: {options}")
        for col, role in roles.items():
            if role == "condition" and cell_kind(cells[col]) is not CellKind.EMPTY:
                conditions.append(condition_text(header[col], cells[col]))
        evidence = row_evidence(block, row)
        row_key = f"t{t}r{r}"
        where = f"{container} {t} ({Orientation.ENTITIES_AS_ROWS.value}) / row {r}"
        joined = join_conditions(conditions)
        for col, label, unit, extra, column in value_columns:
            cell_conditions = join_conditions([joined, extra]) if extra else joined
            _emit_cell(
                out, pieces(cells[col], label, unit), entity, kind,
                f"{where} / column {column}", evidence, row_key, cell_conditions,
            )  # fmt: skip
        for col in notes:
            _emit_cell(
                out, note_pieces(cells[col], shown[col], ctx.names.__contains__), entity, kind,
                f"{where} / column {shown[col]}", evidence, row_key, joined,
            )  # fmt: skip


def _emit_cell(
    out: ClaimCollector,
    cell_pieces: list[Piece],
    entity: str,
    kind: LocationKind,
    locator: str,
    evidence: str,
    row_key: str,
    conditions: str | None,
) -> None:
    """One claim per figure of a cell; the second and later figures get "/ figure N"
    (`emit`'s claim, added here: a call less for each of a table's cells)."""
    for i, piece in enumerate(cell_pieces):
        own = piece.condition
        out.add(
            entity=entity,
            label=piece.label,
            unit_hint=piece.unit_hint,
            raw_value=piece.raw,
            kind=kind,
            locator=f"{locator} / figure {i + 1}" if i else locator,
            evidence=evidence,
            row_key=row_key,
            conditions=(f"{conditions}; {own}" if conditions else own) if own else conditions,
        )
