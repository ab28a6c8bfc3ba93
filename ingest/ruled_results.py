"""A benchmark's printed result blocks → one recovered table per block.

Why: a suite's output pasted as text names a block ("literal_search (pattern: FOO)"), rules
it with dashes, then prints one tool a line: "tool 1.095 +/- 0.012 (lines: 42)", the winner
starred ("tool* ... *"). Read as prose, no line names a known name and every figure is lost;
the tools the rows name are the page's entities, the block's name the rows' condition.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind

__all__ = ["may_start_ruled", "read_ruled_results"]

_RULE = re.compile(r"^\s*-{3,}\s*$")
# 'git grep* 0.225 +/- 0.007 (lines: 39)*': a name of up to four words (a parenthesised
# variant allowed), an optional star, the value, its spread, and one optional '(key: n)'
_ROW = re.compile(
    r"^\s*(?P<name>[A-Za-z][\w.+#-]*(?: [\w.+#-]+){0,3}(?: \([\w .+#-]{1,20}\))?)(?P<star>\*)?"
    r"\s+(?P<value>\d[\d.,]*(?:\s?[a-zµ]{1,3})?)\s+(?:\+/-|±)\s+(?P<spread>\d[\d.,]*(?:\s?[a-zµ]{1,3})?)"
    r"(?:\s+\((?P<key>[A-Za-z][\w ]{0,20}):\s*(?P<count>\d[\d,]*)\))?\s*\*?\s*$"
)
_MIN_ROWS = 2
_CAPTION_CHARS = 100


def may_start_ruled(lines: list[str], i: int) -> bool:
    """The cheap first test: a short line over a rule of dashes over a result line."""
    if i + 2 >= len(lines) or not lines[i + 1].lstrip().startswith("---"):
        return False
    caption = lines[i].strip()
    return 0 < len(caption) <= _CAPTION_CHARS and bool(_RULE.match(lines[i + 1]))


def read_ruled_results(lines: list[str], i: int, table_index: int) -> tuple[Block, int] | None:
    """The block at lines[i] (caption, rule, two or more result lines) as a table whose rows
    are the tools, and the index after its last line; None when the lines are no such block."""
    if not may_start_ruled(lines, i):
        return None
    caption = lines[i].strip()
    found: list[re.Match[str]] = []
    j = i + 2
    while j < len(lines) and (row := _ROW.match(lines[j])) is not None:
        found.append(row)
        j += 1
    if len(found) < _MIN_ROWS or len({r["name"] for r in found}) < len(found):
        return None
    keys = {r["key"] for r in found}
    key = next(iter(keys)) if len(keys) == 1 else None  # '(lines: n)' on every row, or none
    header = ["", "value", "+/-", *([key] if key else [])]
    rows = [[r["name"], r["value"], r["spread"], *([r["count"]] if key else [])] for r in found]
    table = Block(
        BlockKind.TABLE,
        header=header,
        rows=rows,
        table_index=table_index,
        origin="output lines",
        caption=caption,
        entities_as_rows=True,
        conditions=caption,
        row_texts={tuple(row): r.group().strip() for row, r in zip(rows, found, strict=True)},
    )
    return table, j
