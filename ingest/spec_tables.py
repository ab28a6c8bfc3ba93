"""A product's spec table (a 'label | value' row per spec) → claims of the page's product.

Why: shop pages and datasheets give one product's specs as two-column rows ('| Capacity | 1 TB |',
'Startgewicht | Ca. 377 g |') and never name the product in the table; copies split the table
with stray rule rows, so each piece's first pair became a header and its value the entity ('Ca.
377 g', 'Sequential Write', '1.5 Million Hours'). Here every row, a header that is itself a pair
included, is one spec of one owner: the short name just above the table, else the page's product
(ingest.page_products.page_product: one product named, or a 'Model:' line). A cell holding one
figure per mode ('6 m/s (Normalmodus) 9 m/s (Sportmodus)') gives a figure per mode, the mode as
its condition; a size cell's axis letters ('185 × 212 × 64 mm (L×B×H)') name its sides.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crosscheck.ingest.blocks import Block, BlockKind, row_evidence
from crosscheck.ingest.page_product_words import _refused
from crosscheck.ingest.table_cells import Piece, clean_cell
from crosscheck.ingest.table_emit import KnownNames, TableContext, emit, pieces
from crosscheck.ingest.table_headers import (
    is_category_header,
    is_label_header,
    is_metric_like,
    is_section_word,
    is_value_header,
)

from crosscheck.contracts import LocationKind

if TYPE_CHECKING:
    from crosscheck.ingest.extract import ClaimCollector

__all__ = ["continued_spec_rows", "spec_table_claims"]

_DIGIT = re.compile(r"\d")
_MIN_PAIRS = 3
_UNIT_WORD = re.compile(r"^[^A-Za-zµμ%]*")  # a value less its number: '6 m/s' → 'm/s'
_LABELLED = re.compile(r":\s*\d")  # 'QPS: 159K': a value with its own label, not a spec's label
_MAX_LABEL = 70
# '8 m/s (Normalmodus)', '25 m/s* (Sport Mode)': a figure, its unit, a footnote mark and a mode
_MODE = re.compile(
    r"(?P<raw>[~≈]?\d[\d.,]*\s?[^\s\d()*]{0,8}\*{0,2}\s?\((?P<mode>[^()\d]{2,40})\))\**"
)
_TAIL_FIGURE = re.compile(r"[~≈]?\d[\d.,]*\s?[^\s\d().,;*]{0,8}")
# '(L×B×H)', '(L x W x H)': the axes of a size cell, written after it
_AXES = re.compile(r"\s*\(([A-Za-z]\s?[x×]\s?[A-Za-z](?:\s?[x×]\s?[A-Za-z])?)\)\s*$")


def _spec_header(head: list[str]) -> bool:
    """'Specification | Value', 'Category | Specification | Value': a header that names no
    entity, only what its columns hold."""
    cells = [h for h in head if h]
    return bool(cells) and all(
        is_label_header(h) or is_value_header(h) or is_category_header(h) for h in cells
    )


def _pairs(
    header: list[str] | None, rows: list[list[str]], markup: bool, names: KnownNames
) -> list[tuple[list[str], str, str]] | None:
    """(row as written, label, value) of a spec table's rows: two columns, the header among
    them when it is a pair too; or under a header that names no entity ('Category |
    Specification | Value'), each row's last two cells, wherever the copy shifted them. None
    when the table is something else."""
    written = [r for r in rows if any(c.strip() for c in r)]
    least = _MIN_PAIRS
    width = 2
    if header is not None:
        head = [clean_cell(h, markup) for h in header]
        if _spec_header(head):  # 'Specification | Value'; 'Category | Specification | Value'
            valued = is_value_header(head[-1]) or not head[-1]
            grouped = is_category_header(head[0]) and valued
            width = 2 if len(head) == 2 and valued else 3 if len(head) == 3 and grouped else 0
        elif len(head) != 2 or not head[0] or head[0] in names:
            return None  # 'Redis | Quarry': products as columns, not a spec's label
        elif is_metric_like(head[1]) and not _DIGIT.search(head[1]):
            return None  # 'Database | Max size': a header naming its column's metric
        else:
            written = [header, *written]  # 'Brand | Samsung' over rows: a pair, not a header
            least = 2  # a piece of a table a stray rule row cut: its header is a spec too
    if len(written) < least or any(len(r) != width for r in written):
        return None
    body = []
    for r in written:
        cells = [clean_cell(c, markup) for c in r if c.strip()]
        if len(cells) >= 2:
            body.append((r, cells[-2], cells[-1]))
        elif cells and width == 2:
            body.append((r, cells[0], ""))  # 'Performance | |': a group's heading row
    labels = [lab for _, lab, _ in body]
    if any(
        not lab or len(lab) > _MAX_LABEL or not lab[0].isalpha() or _LABELLED.search(lab)
        for lab in labels
    ):
        return None  # 'Random 4KB Read' is a label; a name or number starts no spec row
    figures = sum(1 for _, _, value in body if _DIGIT.search(value))
    if figures * 2 < len(body):
        return None
    # one product's specs mix units ('377 g', '6 m/s', '5000 m'); a two-column leaderboard
    # ('| Peewee | 8.1 |', '| Protobuf | 42 KB |') keeps one
    kinds = {_UNIT_WORD.sub("", v).lower().split(" ")[0] for _, _, v in body if _DIGIT.search(v)}
    return body if len(kinds) >= 2 or len(body) < _MIN_PAIRS else None


def _name_above(ctx: TableContext) -> str | None:
    """The short line just above the table when it reads as a name ('Fluggerät', 'Mavic 4
    Pro'), not a section title ('Specifications', 'Technische Daten') or a metric."""
    text = ctx.lead_in.rstrip(":").strip() or (ctx.heading if ctx.heading_adjacent else "")
    if not text or text in ctx.names:
        return text or None
    words = text.split()
    if len(words) > 3 or text[0].isdigit() or not text[0].isupper():
        return None
    if is_section_word(text) or is_label_header(text) or is_metric_like(text):
        return None
    return None if all(_refused(w.strip("().:")) for w in words) else text


def _owner(ctx: TableContext, labels: list[str]) -> str | None:
    if any(lab in ctx.names for lab in labels):
        return None  # names down the first column: a leaderboard, not one product's specs
    above = _name_above(ctx)
    if above is not None:
        return above
    return (ctx.page_product() if ctx.page_product else None) or ctx.page_subject


def _mode_pieces(value: str, label: str) -> list[Piece] | None:
    """One figure per mode of a cell that gives two or more ('6 m/s (Normalmodus) 9 m/s
    (Sportmodus)'), each with its mode as condition; a figure in the text after the modes
    ('Nicht schneller als 19 m/s in den EU-Regionen') gets that text as its condition."""
    found = list(_MODE.finditer(value))
    if len(found) < 2:
        return None
    out = [Piece(m.group("raw").strip(), label, None, m.group("mode").strip()) for m in found]
    rest = value[found[-1].end() :].strip(" .*")
    figure = _TAIL_FIGURE.search(rest)
    if figure is not None:
        out.append(Piece(figure.group().strip(), label, None, rest[:80]))
    return out


def _cell_pieces(value: str, label: str) -> list[Piece]:
    modes = _mode_pieces(value, label)
    if modes is not None:
        return modes
    axes = _AXES.search(value)
    if axes is not None and ("x" in value or "×" in value):
        return pieces(value[: axes.start()], f"{label} ({axes.group(1)})", None)
    return pieces(value, label, None)


def spec_table_claims(
    out: ClaimCollector,
    block: Block,
    ctx: TableContext,
    header: list[str] | None,
    rows: list[list[str]],
) -> bool:
    """Claims of a two-column spec table owned by the page's product; False (nothing added)
    when the block is no such table or the page names no owner for it."""
    pairs = _pairs(header, rows, block.markup, ctx.names)
    if pairs is None:
        return False
    entity = _owner(ctx, [label for _, label, _ in pairs])
    if not entity:
        return False
    t = block.table_index
    for r, (written, label, value) in enumerate(pairs, 1):
        if not value:
            continue
        evidence = row_evidence(block, written)
        for i, piece in enumerate(_cell_pieces(value, label)):
            emit(
                out,
                entity=entity,
                piece=piece,
                kind=LocationKind.TABLE_CELL,
                locator=f"table {t} (spec rows) / row {r}" + (f" / figure {i + 1}" if i else ""),
                evidence=evidence,
                row_key=f"t{t}r{r}",
                conditions=None,
            )
    return True


# 'Max. Flugzeit | Ca. 23 Minuten': a spec row whose value cell runs on over the next lines
_ROW_LINE = re.compile(
    r"^\|?\s*(?P<label>[^\W\d_][^|]{0,69}?)\s+\|\s+(?P<value>[^|]*\d[^|]*?)\s*\|?$"
)


def continued_spec_rows(blocks: list[Block]) -> list[Block]:
    """A two-column spec table whose cells run on over several lines: the copy ends the table
    at a cell's second line ('Gemessen in einer windstillen Umgebung ... |', a footnote that
    closes with the cell's pipe) and leaves the rows after it as plain lines. Those rows join
    the table again; the cell's run-on lines are its footnotes, not the page's prose (their
    test conditions are no figures)."""
    out: list[Block] = []
    table: Block | None = None
    for block in blocks:
        if block.kind is BlockKind.TABLE:
            two = bool(block.rows) and all(len(r) == 2 for r in block.rows)
            table = block if two and (block.header is None or len(block.header) == 2) else None
        elif table is not None and block.kind is BlockKind.LINE:
            text = block.text.strip()
            row = _ROW_LINE.match(text)
            if row is not None:
                cells = [row.group("label").strip(), row.group("value").strip()]
                table.rows.append(cells)
                table.row_texts[tuple(cells)] = text
                continue
            if text.endswith("|") and text.count("|") == 1:
                continue  # the run-on of the last row's cell
            table = None
        else:
            table = None
        out.append(block)
    return out
