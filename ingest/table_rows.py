"""Tables whose entities are rows (leaderboards) → claims: which columns name the entity
(one, or a name and its component), which are ranks, versions, conditions, descriptions and
values; row-spans repeat the names above."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crosscheck.ingest.blocks import Block, row_evidence
from crosscheck.ingest.command_rows import command_names
from crosscheck.ingest.config_columns import set_up_rows, title_subject
from crosscheck.ingest.table_cells import CellKind, cell_kind, drop_footnote, split_options
from crosscheck.ingest.table_emit import (
    SKIPPED,
    TableContext,
    column_names,
    emit_cell,
    join_conditions,
    pieces,
)
from crosscheck.ingest.table_headers import (
    condition_kind,
    condition_text,
    header_condition,
    header_labels,
    header_variant,
    is_category_header,
    is_component_header,
    is_description_header,
    is_metric_like,
    is_rank_header,
    is_version_header,
    split_header,
)
from crosscheck.ingest.table_notes import note_pieces
from crosscheck.ingest.table_orientation import Orientation

from crosscheck.contracts import LocationKind

if TYPE_CHECKING:
    from crosscheck.ingest.extract import ClaimCollector


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
        elif not keys and _classes_next(header, rows, col):
            roles[col] = "category"
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


def _versioned_subject(version: str, ctx: TableContext) -> str:
    """A row named by a bare version is that version of the page's one subject (else the
    title's one known name); with neither, the version stays the name."""
    subject = ctx.page_subject or title_subject(ctx.title, ctx.names.__contains__)
    return f"{subject} {version}" if subject else version


def _classes_next(header: list[str], rows: list[list[str]], col: int) -> bool:
    """'Device Type | Example' over 'Smartphone | Samsung Galaxy S23': a column headed by a
    class word before a column of distinct names classes those names; they are the entities.
    So does a column of a few names each repeated over many rows ('Language | Framework' over
    'rust (1.34) | actix-web (0.7)'): each row's own name is the one after it."""
    if col + 1 >= len(header):
        return False
    names = [r[col + 1] for r in rows if col + 1 < len(r)]
    if not (_is_name_column(header[col + 1], names) and len(set(names)) == len(names)):
        return False
    return is_category_header(header[col]) or _repeated_names(header[col], [r[col] for r in rows])


def _repeated_names(header: str, cells: list[str]) -> bool:
    """Every cell filled with a name, and the names repeat: at least four rows, each name
    written twice on average (a row-span leaves blanks instead; `_sub_key` joins those)."""
    if len(cells) < 4 or not all(c.strip() for c in cells) or is_metric_like(header):
        return False
    if not all(c[:1].isalpha() for c in cells):
        return False
    return len(set(cells)) * 2 <= len(cells)


_REPO = re.compile(r"^[\w.-]+(?: - [\w.-]+)*\s?/\s?[\w.-]+(?: - [\w.-]+)*$")


def _is_repo_column(cells: list[str]) -> bool:
    """Every name is a GitHub 'owner/repo' ('pallets/flask'): the project is the repo."""
    names = [c for c in cells if c.strip()]
    return len(names) >= 3 and all(_REPO.match(c) for c in names)


def by_rows(
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
    # '`pnpm run test:jest`' rows: the words the commands do not share name them
    commands = {
        col: command_names([r[col] for r in rows])
        for col in keys[:1]
        if rows and all(len(r) > col for r in rows)
    }
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
            named = commands.get(col)
            if name and named is not None and cells[col].strip():
                name = named[sum(1 for x in rows[: r - 1] if x[col].strip())]
            if name and col in repos:
                name = name.rsplit("/", 1)[1].strip()
            if name:
                held[i] = name
                for j in range(i + 1, len(keys)):
                    held[j] = ""  # a new server starts a new driver group
        entity = " + ".join(h for h in held if h) or f"(row {r})"
        if cell_kind(entity) is CellKind.VERSION:  # '3.12.0' on a page about Python
            entity = _versioned_subject(entity, ctx)
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
            emit_cell(
                out, pieces(cells[col], label, unit), entity, kind,
                f"{where} / column {column}", evidence, row_key, cell_conditions,
            )  # fmt: skip
        for col in notes:
            emit_cell(
                out, note_pieces(cells[col], shown[col], ctx.names.__contains__), entity, kind,
                f"{where} / column {shown[col]}", evidence, row_key, joined,
            )  # fmt: skip
