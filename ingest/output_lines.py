"""A program's printed results pasted as plain lines → a recovered table.

Why: a post shows what its script printed ("json.dumps: 0.9129 seconds, memory increase:
1.32 MB" over "orjson.dumps: 0.3421 seconds, ..."): each line names what was measured
(an identifier, a dotted call), then its figures, the later ones behind their own labels.
Read as prose, the identifiers are no known names and the figures are lost. The same holds
for 'name - figure' lines ('gcc - ~0.25 sec', '3.12.0 - ~45 sec' under a Python title).
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.table_headers import is_metric_like

__all__ = ["may_start_output", "read_output_lines"]

_FIGURE = r"[~≈]?-?\d[\d,]*(?:\.\d+)?\s?[A-Za-zµ%][\w/%µ]*"
_LINE = re.compile(
    rf"^(?P<name>[A-Za-z_][\w.]*(?:\(\))?):\s+(?P<first>{_FIGURE})"
    rf"(?P<rest>(?:,\s+[A-Za-z][\w ]{{0,30}}:\s+{_FIGURE})*)\s*$"
)
# 'gcc       - ~0.25 sec', '3.12.0    - ~45 sec': a name of up to four words (or a bare version),
# a spaced dash, one figure with its unit
_DASHED = re.compile(
    rf"^(?P<name>[A-Za-z0-9][\w.+#/()]*(?: [\w.+#/()]+){{0,3}})\s+[-\u2013\u2014]\s+"
    rf"(?P<first>{_FIGURE})\s*$"
)
_PAIR = re.compile(rf"(?P<label>[A-Za-z][\w ]{{0,30}}):\s+(?P<value>{_FIGURE})")
_MIN_ROWS = 2


def may_start_output(line: str) -> bool:
    """Whether `line` is a result line; a line with neither a colon nor a dash (half the
    lines of a page) runs neither regular expression."""
    if ":" not in line and "-" not in line and "\u2013" not in line and "\u2014" not in line:
        return False  # _LINE needs its colon, _DASHED its dash
    text = line.strip()
    return bool(_LINE.match(text) or _DASHED.match(text))


def _row(line: str) -> tuple[str, list[tuple[str, str]]] | None:
    match = _LINE.match(line.strip())
    if match is None:
        dashed = _DASHED.match(line.strip())
        return None if dashed is None else (dashed["name"], [("value", dashed["first"])])
    pairs = [("value", match.group("first"))]
    pairs += [(m.group("label").strip(), m.group("value")) for m in _PAIR.finditer(match["rest"])]
    return match.group("name"), pairs


def read_output_lines(lines: list[str], start: int, table_index: int) -> tuple[Block, int] | None:
    """Two or more consecutive result lines with the same labels in the same order, and the
    index after the last; None otherwise (one such line is prose: 'Note: 5 ms')."""
    rows: list[tuple[str, list[tuple[str, str]]]] = []
    j = start
    while j < len(lines):
        row = _row(lines[j])
        if row is None or (rows and [p[0] for p in row[1]] != [p[0] for p in rows[0][1]]):
            break
        rows.append(row)
        j += 1
    if len(rows) < _MIN_ROWS or len({name for name, _ in rows}) < len(rows):
        return None
    if any(is_metric_like(name) for name, _ in rows):
        return None  # 'p50: 4.1 ms', 'p99: 9.8 ms': metrics of one subject, no names
    header = ["", *(label for label, _ in rows[0][1])]
    table = Block(
        BlockKind.TABLE,
        header=header,
        rows=[[name, *(value for _, value in pairs)] for name, pairs in rows],
        table_index=table_index,
        origin="output lines",
        entities_as_rows=True,
        cell_separator=", ",
    )
    return table, j
