"""Text and markdown snapshots → blocks: markdown tables, flattened collapsed rows, lines.

Text snapshots (like the seeds) lose all markup except markdown tables and "- " bullets, so
structure is recovered from line shapes only.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.cardlines import is_card_value
from crosscheck.ingest.collapsed import parse_show_line
from crosscheck.ingest.glued_pipes import unglued_tables
from crosscheck.ingest.line_features import ShapeStarts
from crosscheck.ingest.textshapes import read_shape, rule_lines, spec_list_at

from crosscheck.common.gazetteer import Gazetteer

_SEPARATOR_LINE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


class _Separator:
    """'|---|:-:|' under a header (one-dash ':-:' cells too, but not a lone '-' bullet)."""

    @staticmethod
    def match(line: str) -> bool:
        return line.count("-") >= 3 and bool(_SEPARATOR_LINE.match(line))


_SEPARATOR = _Separator()
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
_DIFF_ROW = re.compile(r"^[-+]\|(?!\s*:?-)[^|]*\|")  # a diff's '-'/'+' glued to a table row


def split_row(line: str) -> list[str]:
    """'| a | b | c |' → ['a', 'b', 'c'] (outer pipes optional)."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|"):
        text = text[:-1]
    return [cell.strip() for cell in text.split("|")]


def text_to_blocks(text: str, known: Gazetteer | None = None) -> list[Block]:
    """Blocks of a text snapshot, in page order; `known`: the names its table readers know
    (default: the packaged gazetteer; the run's `vocabulary.gazetteer` otherwise)."""
    lines = text.splitlines()
    if (
        "---|" in text or "--- |" in text
    ):  # a markdown table glued onto one line ('A | 7.3 B | 8.1')
        lines = unglued_tables(lines)
    rules = rule_lines(lines) if "--" in text else []
    starts = ShapeStarts(lines, rules, known)  # where read_shape may find a shape
    blocks: list[Block] = []
    table: Block | None = None
    tables_seen = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line:  # a blank line starts no shape, row or block; it ends a markdown table
            table = None
            i += 1
            continue
        stripped = line.strip()
        show = parse_show_line(stripped)
        fence = stripped.startswith(("```", "~~~"))
        shape = (
            read_shape(lines, i, tables_seen + 1, rules, known)
            if show is None and (table is None or fence) and starts(i)
            else None
        )
        if shape is None and table is not None and "|" not in stripped:
            shape = spec_list_at(lines, i, tables_seen + 1, known)  # a heading under a table
        if shape is not None:  # code blocks, recovered tables (ingest.textshapes)
            table = None
            tables_seen += shape.tables
            blocks.extend(shape.blocks)
            i = shape.end
            continue
        if show is not None:
            expected, body = show
            if body:  # a bare "Show N more attributes" trailer carries nothing
                blocks.append(
                    Block(
                        BlockKind.COLLAPSED,
                        text=body,
                        expected_items=expected,
                        table_index=tables_seen,
                        header=table.header if table else None,
                    )
                )
            i += 1
            continue
        next_line = lines[i + 1] if i + 1 < len(lines) else ""
        if _DIFF_ROW.match(stripped) and (table is not None or _DIFF_ROW.match("+" + next_line)):
            stripped = stripped[1:]  # a table row a diff removes or adds ('-| zstd | 2.2 |')
        is_row = stripped.startswith("|") and stripped.count("|") >= 2
        if table is None and not is_row and "|" in stripped:
            is_row = "|" in next_line and bool(_SEPARATOR.match(next_line))  # 'a | b' + '---|---'
        elif table is not None and not is_row:
            is_row = "|" in stripped and table.header is not None and not stripped.startswith("```")
        if is_row and table is None:
            tables_seen += 1
            table = Block(BlockKind.TABLE, table_index=tables_seen, markup=True)
            if _SEPARATOR.match(next_line):
                table.header = split_row(stripped)
                i += 2
            else:
                table.rows.append(split_row(stripped))
                i += 1
            blocks.append(table)
            continue
        if is_row and table is not None and _SEPARATOR.match(next_line):
            table = None  # a header over its rule inside a table: the next table starts here
            continue
        if is_row and table is not None:
            if not _SEPARATOR.match(stripped):
                table.rows.append(split_row(stripped))
            i += 1
            continue
        table = None
        if stripped:
            if _BULLET.match(stripped):
                items = _ranked_items(stripped) if stripped.startswith("1. ") else None
                for item in items or [_BULLET.sub("", stripped)]:
                    blocks.append(Block(BlockKind.LIST_ITEM, text=item))
            else:
                marks = _MD_HEADING.match(stripped)
                heading = marks is not None
                if not heading and _continues(blocks, stripped):
                    blocks[-1].text = _joined(blocks[-1].text, stripped)
                else:
                    level = len(marks.group(0).strip()) if marks else 0
                    text = _MD_HEADING.sub("", stripped)
                    blocks.append(
                        Block(BlockKind.LINE, text=text, is_heading=heading, heading_level=level)
                    )
        i += 1
    return blocks


# A stored copy breaks a sentence where an inline element was ("handling ~60k" / "requests per
# second (impressive ...)", "better p50" / ", it's p99"): a line that starts in lower case or
# with a comma or closing mark continues the line above when that one ends mid-sentence.
_CONTINUATION = re.compile(r"^(?:[a-z]|[,;)]\s|\.\s*$|[,;)]$)")
_OPEN_END = re.compile(r"[^.!?:;|*#>)\]]$")
# a table's column labels glued into one lower-case run (`actioncachelockfilenode_modulesnpm`):
# longer than any word, the line is a header of its own, no sentence's continuation
_GLUED_LABELS = re.compile(r"^[a-z_]{24,}")


_MIN_RANKED = 3  # items of a numbered list glued onto one line, at least


def _ranked_items(line: str) -> list[str] | None:
    """The items of a numbered list a copy glued onto one line (`1. Redis:112,100 2. KeyDB:
    288,931 3. …`; a rank may run into the value before it, `99,8922. KeyDB`): cut before each
    next rank 2, 3… that a name follows; None unless three items or more."""
    items: list[str] = []
    start, rank = 3, 2
    while True:
        marker = f"{rank}. "
        at = line.find(marker, start)
        # a name follows the rank, and no version's or decimal's mark comes before it ('7.2. Next')
        while at >= 0 and (
            not line[at + len(marker) : at + len(marker) + 1].isalpha() or line[at - 1] in ".,"
        ):
            at = line.find(marker, at + 1)
        if at < 0:
            break
        items.append(line[start:at].strip())
        start, rank = at + len(marker), rank + 1
    items.append(line[start:].strip())
    return items if len(items) >= _MIN_RANKED and all(items) else None


def _continues(blocks: list[Block], line: str) -> bool:
    if not blocks:
        return False
    # a line after one ending in a comma ("on the c6gn.16xlarge instance," / "X showed ...")
    # continues it whatever its first letter: the comma left the clause open
    if not _CONTINUATION.match(line) and not blocks[-1].text.endswith(","):
        return False
    if _GLUED_LABELS.match(line):
        return False
    name, colon, rest = line.partition(": ")
    if colon and len(name) <= 40 and is_card_value(rest.strip()):
        return False  # 'json: 137,248,217 bytes': a labelled figure of its own, no sentence
    last = blocks[-1]
    # a stat card's value line ("185k" over "req/sec") is no sentence: a sentence has words
    return (
        last.kind is BlockKind.LINE
        and not last.is_heading
        and (line[0] in ",;)." or (len(last.text.split()) >= 3 and len(line.split()) >= 2))
        and bool(_OPEN_END.search(last.text))
        and len(last.text) + len(line) <= 600
    )


def _joined(text: str, line: str) -> str:
    return text + line if line[0] in ",;).:" else f"{text} {line}"
