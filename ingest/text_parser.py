"""Text and markdown snapshots → blocks: markdown tables, flattened collapsed rows, lines.

Text snapshots (like the seeds) lose all markup except markdown tables and "- " bullets, so
structure is recovered from line shapes only.
"""

from __future__ import annotations

import re

from ingest.blocks import Block, BlockKind
from ingest.codeblocks import (
    code_run_end,
    indented_run_end,
    read_code_block,
    spaced_run_end,
)
from ingest.collapsed import parse_show_line
from ingest.flattened import read_flattened
from ingest.vertical import read_vertical

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
_FENCE = re.compile(r"^\s*(?P<mark>`{3,}|~{3,})")


def _fence_end(lines: list[str], start: int, mark: str) -> int:
    """Index of the closing fence (or len(lines): an unclosed fence runs to the end)."""
    for j in range(start + 1, len(lines)):
        if lines[j].strip().startswith(mark):
            return j
    return len(lines)


def _caption(lines: list[str], fence: int) -> str | None:
    """The short line just above a code block ('net/http server:'), one blank line allowed."""
    for j in range(fence - 1, max(-1, fence - 3), -1):
        text = lines[j].strip()
        if text:
            return text if len(text) <= 80 and not _FENCE.match(text) else None
    return None


def split_row(line: str) -> list[str]:
    """'| a | b | c |' → ['a', 'b', 'c'] (outer pipes optional)."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|"):
        text = text[:-1]
    return [cell.strip() for cell in text.split("|")]


def text_to_blocks(text: str) -> list[Block]:
    """Blocks of a text snapshot, in page order."""
    lines = text.splitlines()
    blocks: list[Block] = []
    table: Block | None = None
    tables_seen = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        fence = _FENCE.match(line)
        if fence:
            end = _fence_end(lines, i, fence.group("mark"))
            found = read_code_block(lines[i + 1 : end], _caption(lines, i), tables_seen + 1)
            tables_seen += len(found)
            blocks.extend(found)  # source code, config and commands yield no blocks at all
            table = None
            i = end + 1
            continue
        indented = indented_run_end(lines, i) if table is None else None
        if indented is not None:  # an indented code block: tool output, code, or quoted text
            body = [x[4:] if x.startswith("    ") else x.lstrip("\t") for x in lines[i:indented]]
            found = read_code_block(body, _caption(lines, i), tables_seen + 1)
            if found or code_run_end(body, 0) is not None:
                tables_seen += len(found)
                blocks.extend(found)
                i = indented
                continue
        code_end = code_run_end(lines, i) if table is None else None
        if code_end is not None:  # unfenced source code: its numbers are never figures
            i = code_end
            continue
        spaced = spaced_run_end(lines, i) if table is None and "  " in stripped else None
        found = read_code_block(lines[i:spaced], None, tables_seen + 1, False) if spaced else []
        if found:  # columns aligned with spaces outside a code block: tool output pasted
            tables_seen += len(found)
            blocks.extend(found)
            i = spaced or i
            continue
        recovered = read_flattened(lines, i, tables_seen + 1) if table is None else None
        if recovered is not None:
            tables_seen += 1
            blocks.append(recovered[0])
            i = recovered[1]
            continue
        vertical = read_vertical(lines, i, tables_seen + 1) if table is None else None
        if vertical is not None:
            tables_seen += 1
            blocks.extend(vertical[0])
            i = vertical[1]
            continue
        show = parse_show_line(stripped)
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
        is_row = stripped.startswith("|") and stripped.count("|") >= 2
        if is_row and table is None:
            next_line = lines[i + 1] if i + 1 < len(lines) else ""
            tables_seen += 1
            table = Block(BlockKind.TABLE, table_index=tables_seen)
            if _SEPARATOR.match(next_line):
                table.header = split_row(stripped)
                i += 2
            else:
                table.rows.append(split_row(stripped))
                i += 1
            blocks.append(table)
            continue
        if is_row and table is not None:
            if not _SEPARATOR.match(stripped):
                table.rows.append(split_row(stripped))
            i += 1
            continue
        table = None
        if stripped:
            if _BULLET.match(stripped):
                blocks.append(Block(BlockKind.LIST_ITEM, text=_BULLET.sub("", stripped)))
            else:
                heading = bool(_MD_HEADING.match(stripped))
                blocks.append(
                    Block(BlockKind.LINE, text=_MD_HEADING.sub("", stripped), is_heading=heading)
                )
        i += 1
    return blocks
