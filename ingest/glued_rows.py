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

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.entities import EntityFinder
from crosscheck.ingest.glued_heads import glued_names, vs_names
from crosscheck.ingest.glued_numbers import placeholder_apart, widen

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# what joins two numbers of one cell: a range, a dimension, a rating (an optional unit first)
_JOINER = re.compile(r"\s?(?:[A-Za-z%°µ/-]{1,12}\s?)?(?:[–-]|to|by|x|×|out of)\s?[~≈$]?")
# what opens a cell before its number: a lead phrase or an approximation or currency mark
_LEAD = re.compile(r"(?:(?:Estimated at|estimated at|about|around|over|under|up to)\s|[~≈$])+$")
# "$" closing a per-dollar label or unit (`Performance Per $`, `FPS/$`), not a price's sign.
_PER_DOLLAR = re.compile(r"(?:/|\b[Pp]er )\$$")
_CAMEL = re.compile(r"(?<=[a-z]{3})(?=[A-Z])")
_GLUED_NAME = re.compile(r"(?<=[a-z]{3})(?=[A-Z])|(?<=\d)(?=[A-Z][a-z]{2})")
# also an acronym run into a word or a maker ("CPUCore i7", "14700KAMD Ryzen", "14700KRyzen")
_GLUED_CAPS = re.compile(r"(?<=[A-Z])(?=[A-Z][a-z]{2})|(?<=\d[A-Z])(?=[A-Z]{2})")
# a note after the last name of a header ("(+16% faster)"), no name of its own
_HEAD_NOTE = re.compile(r"\([^()]{1,40}\)")
_TAIL_NOTE = re.compile(r"\s?\([^()]{1,40}\)$")  # a note after a row's last value
# a row label led by a figure of its own ("1% Lows", "0.1% Lows"), glued to the first value
_NUMBER_LABEL = re.compile(r"\d+(?:\.\d+)?%?\s?[A-Za-z][A-Za-z ]{1,20}")
_MODEL_NUMBER = re.compile(r"\d{2,5}[A-Za-z]?")
# a number inside a name or model code ("M1", "i5-1230U", "S24"): a capital and at most one
# more letter, or one small letter, before it (not a unit: "~15 ms99.99%")
_IN_NAME = re.compile(r"(?:^|(?<=[\s(/-]))(?:[A-Z][A-Za-z]?|[a-z])$")
# capitals between two numbers with no space ("LGA 1700AM5"): a code, unless a unit repeated
_CODE_GLUE = re.compile(r"\d[A-Z]{2,}$")
_PROSE_WORDS = frozenset({"with", "and", "or", "for", "in", "on", "the", "a", "of", "per"})
_NAME_LIKE = re.compile(r"[A-Z][\w.+-]*(?: [A-Z0-9][\w.+-]*){0,2}")
_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_MAX_UNIT_WORDS = 3  # a cell's words after its last number: a unit, "wired charging"
_MAX_ROW_CHARS = 200
_NOT_HEAD = re.compile(r"[:;!?|]|\. ")
# a title with a subtitle after a colon (`Ghostwire: Tokyo`): a section line over rows, no label
_TITLE_COLON = re.compile(r"[^:;!?|.]{2,30}: [A-Z0-9][^:;!?|.]{0,30}")
_DIGIT = re.compile(r"\d")
_MAX_SCAN = 30  # lines looked at below a header
_MIN_ROWS = 2
_GLUE_HEAD = re.compile(r"[a-z\d][A-Z]")  # a name run into the next one: a glued header
_VS_LINES = 40  # lines of a page's top its "A vs B vs C" lines are looked for in
_LOOK_AHEAD = 4  # lines below a glued header looked at for a row with a figure
# a header line, or a bullet a card layout put the header's names in ("• Core i9AMD Ryzen 9")
_HEAD_KINDS = (BlockKind.LINE, BlockKind.LIST_ITEM)


@dataclass(frozen=True)
class _Cells:
    label: str
    values: list[str]
    known: bool = True  # the label is a known name (rows led by entities)


def glued_tables(blocks: list[Block], finder: EntityFinder) -> list[Block]:
    """`blocks` with each flattened comparison table (header line + rows) made one table."""
    page = vs_names([b.text for b in blocks[:_VS_LINES] if b.kind is BlockKind.LINE])
    line = BlockKind.LINE
    heads = [
        i
        for i, (head, row, then) in enumerate(zip(blocks, blocks[1:], blocks[2:], strict=False))
        if head.kind in _HEAD_KINDS and 4 <= len(head.text) <= 100 and row.kind is line
        if _may_head(head)
        if (_may_row(row) and _may_row(then))
        or (_GLUE_HEAD.search(head.text) is not None and _glued_head(blocks, i, finder, page))
    ]
    if not heads:
        return blocks
    out: list[Block] = []
    cursor = 0
    index = 0
    previous: _Previous | None = None
    for i in heads:
        if i < cursor:
            continue
        index = index or max(b.table_index for b in blocks) + 1
        found = _table_at(blocks, i, finder, index, previous, page)
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
        if names and rows and _next_run(row, rows, block.text, finder, page):
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
    cells = [[row.label, *row.values] for row in rows]
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


def _next_run(
    row: _Cells | None,
    rows: list[_Cells],
    text: str,
    finder: EntityFinder,
    page: frozenset[str] = frozenset(),
) -> bool:
    """Whether a line starts another run of a names-as-columns table: a row whose label the
    run already has, or another header line of names."""
    if row is not None:
        return bool(row.label) and any(r.label == row.label for r in rows)
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


def _cells(text: str) -> _Cells | None:
    """A row's label and its value cells: the numbers joined into one cell by a range,
    dimension or rating word, each cell running to the next one's lead."""
    numbers = list(_NUMBER.finditer(text))
    if not numbers or any(
        (_IN_NAME.search(text, 0, m.start()) or _glued_code(text, numbers, k))
        and not _repeated_unit(text, numbers, k)
        and not placeholder_apart(text[: m.start()])[1]  # "n/a1.2s": a cell, no model code
        for k, m in enumerate(numbers)
    ):
        return None
    groups: list[tuple[int, int]] = []
    for m in numbers:
        if groups and _JOINER.fullmatch(text[groups[-1][1] : m.start()]):
            groups[-1] = (groups[-1][0], m.end())
        else:
            groups.append((m.start(), m.end()))
    starts = [_lead_start(text, groups[k - 1][1] if k else 0, g[0]) for k, g in enumerate(groups)]
    label = text[: starts[0]].strip()
    values: list[str] = []
    for k, begin in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else len(text)
        cell = text[begin:stop].strip()
        after = text[groups[k][1] : stop]
        words = after.split()
        if len(words) > _MAX_UNIT_WORDS or any(ch in after for ch in ",;(:"):
            return None
        if any(w in _PROSE_WORDS for w in words):
            return None  # "2 USB-C with Thunderbolt": a feature, no figure
        values.append("" if _IPV4.match(cell) else cell)
    return _Cells(label, values)


def _glued_code(text: str, numbers: list[re.Match[str]], k: int) -> bool:
    """Number k closes a code glued to the number before it (`LGA 1700AM5`): capitals run
    from that number into this bare one, which no unit follows."""
    stop = numbers[k + 1].start() if k + 1 < len(numbers) else len(text)
    bare = not text[numbers[k].end() : stop].strip()
    return bare and _CODE_GLUE.search(text, 0, numbers[k].start()) is not None


def _repeated_unit(text: str, numbers: list[re.Match[str]], k: int) -> bool:
    """The letters glued before number k are the unit the number before it carries, and this
    one carries it too (`5000 MB/s3300 MB/s`, `0.94 FPS/W3.06 FPS/W`): a cell break, no
    model code."""
    if k == 0:
        return False
    unit = text[numbers[k - 1].end() : numbers[k].start()].strip()
    stop = numbers[k + 1].start() if k + 1 < len(numbers) else len(text)
    return bool(unit) and text[numbers[k].end() : stop].strip() == unit


def _lead_start(text: str, previous_end: int, number_start: int) -> int:
    """Where the cell of the number at `number_start` begins: after the previous cell's unit
    (a capital glued to a lower-case word starts the next cell), with its lead phrase."""
    gap = text[previous_end:number_start]
    lead = _LEAD.search(gap)
    if lead and _PER_DOLLAR.search(gap, 0, lead.start() + 1):
        lead = None  # a "per dollar" unit or label (`Per $0.39 FPS/$0.49 FPS/$`), no price
    begin = number_start - (len(lead.group()) if lead else 0)
    camel = [m.start() for m in _CAMEL.finditer(gap)]
    if camel and previous_end + camel[-1] < begin:
        return previous_end + camel[-1]
    if previous_end == 0:
        return begin
    return begin if lead else number_start


def _named_row(text: str, width: int) -> _Cells | None:
    cells = _cells(text)
    note = _TAIL_NOTE.search(text) if cells is None else None
    if note is not None and "(" not in text[: note.start()]:
        # "~15% (Safari only)": a note closing the last cell, the only parenthesis of the row
        inner = _cells(text[: note.start()])
        if inner is not None and inner.values:
            cells = _Cells(inner.label, [*inner.values[:-1], inner.values[-1] + note.group()])
    if cells is not None and not cells.label and len(cells.values) == width + 1:
        return _number_label(cells)
    if cells is not None and len(cells.values) < width + (not cells.label) and _glued(text, cells):
        wide = _widened(cells, width)
        if wide is not None:
            return wide
    if cells is None or len(cells.values) != width or any(ch.isdigit() for ch in cells.label):
        return None
    return cells


def _widened(cells: _Cells, width: int) -> _Cells | None:
    """A row whose glued numbers split into `width` cells ("Threads3232", "1% Lows98112"),
    a placeholder glued to its label one of them ("Cold buildn/a1.2s")."""
    label, values = cells.label, cells.values
    if not label:  # a label led by a figure of its own, read as the first cell
        label, values = values[0], values[1:]
        if not _NUMBER_LABEL.fullmatch(label):
            return None
    label, lead = placeholder_apart(label)
    wide = widen([*lead, *values], width)
    return _Cells(label, wide) if wide else None


def _glued(text: str, cells: _Cells) -> bool:
    """The label runs into the first value with no space (`Threads3232`): a flattened row,
    not a name with a number of its own (`Cyberpunk 2077`)."""
    label = cells.label or cells.values[0]
    after = text[len(label) :] if text.startswith(label) else " "
    return not after[:1].isspace()


def _number_label(cells: _Cells) -> _Cells | None:
    """A row whose label is led by a figure (`1% Lows95.4 FPS97.1 FPS`): the first cell is
    the label when it is a number and words, and the other cells share one unit."""
    first, *values = cells.values
    units = {_NUMBER.sub("", v).strip() for v in values}
    if not _NUMBER_LABEL.fullmatch(first) or len(units) != 1 or not next(iter(units)):
        return None
    return _Cells(first, values)


def _entity_row(text: str, width: int, finder: EntityFinder) -> _Cells | None:
    """A row led by a name, glued to its first value or not (`Quad99.9.9.9`): a known name
    where one fits, else a capitalised name (`Google8.8.8.8`, beside known ones)."""
    lead = re.match(r"[^\d~≈$]+", text)
    if lead is None:
        return None
    for cut in range(min(len(text), lead.end() + 3), lead.end() - 1, -1):
        name = text[:cut].strip()
        if not finder.gazetteer.canonical(name):
            continue
        cells = _cells(text[cut:])
        if cells is not None and not cells.label and len(cells.values) == width:
            return _Cells(name, cells.values)
    name = lead.group().strip()
    cells = _cells(text[lead.end() :])
    if _NAME_LIKE.fullmatch(name) and cells is not None and not cells.label:
        return _Cells(name, cells.values, known=False) if len(cells.values) == width else None
    return None
