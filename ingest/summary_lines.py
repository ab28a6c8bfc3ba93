"""'Label:  value' summary lines of benchmark tool output in a code block → one table row.

wrk, ab and hey end with lines such as 'Requests/sec: 748868.53' or 'Time per request:
42.644 [ms] (mean)'. They are figures of the block's entity; configuration lines
('workers: 16', 'port: 8080') are not, and are told apart by their lowercase one-word keys.
When the same summary line comes back under a line naming each run ('-- server: Starman',
then 'Requests per second: 6849.16'), each run is a row named by that line.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.table_cells import CellKind, cell_kind
from crosscheck.ingest.table_headers import is_version_header

_SUMMARY = re.compile(
    r"^\s*(?P<label>[A-Za-z][\w ./()%#+-]{0,40}?):[ \t]+"
    r"(?P<value>[~≈]?\d[\d,.]*(?:\s?[A-Za-zµ%]+(?:/[A-Za-z]+)?)?(?:\s?\[[^\]\s]{1,10}\])?)"
    r"(?P<rest>\s+\S.*)?$"
)
_CONFIG_KEY = re.compile(r"^[a-z][a-z0-9_.-]*$")
_CODE_MARK = re.compile(r"[{};=]\s*$|^\s*(?:-|\$|>|#)\s")
# '-- server: Starman (workers=10)', '== fastsrv ==': a line naming the run below it
_RUN_NAME = re.compile(r"^\s*[-=#*>]*\s*(?:[a-z][\w ]{0,20}:\s+)?(?P<name>[^:]*?\S)\s*[-=#*]*\s*$")
# '> Python 3 (CPython)' over its 'Version: ...' and 'Time: 336 ms' lines: a quoted heading
# of one to four words, capitalised, names a run (a shell prompt runs a lower-case command)
_QUOTED_RUN = re.compile(r"^\s*>\s+[A-Z][\w.+#()/-]*(?: [\w.+#()/-]+){0,3}\s*$")
_TITLED_RULE = re.compile(r"^\s*[=-]{2,}\s*[^=\s-][^=]*?\s*[=-]{2,}\s*$")  # '=== Comparison ==='
_MARKED = re.compile(r"^\s*(?:[-=#*]{2,}|>)\s*\S")


def summary_table(lines: list[str], caption: str | None, lone: bool = False) -> Block | None:
    """The block's summary lines as a one-row table (metrics as columns), or None when it has
    fewer than two or looks like code/config. With `lone` (the block holds a table, so it is
    tool output) one line is enough when its value has a unit or its label is a rate."""
    labels: list[str] = []
    values: list[str] = []
    names: list[str] = []  # the line above each summary line that is no summary line itself
    above = marked = ""  # marked: the last marked line ('> Julia', '-- run 2') since a figure
    for line in lines:
        if _CODE_MARK.search(line) and not (_QUOTED_RUN.match(line) or _TITLED_RULE.match(line)):
            return None  # statements, shell prompts and YAML lists: code or config
        match = _SUMMARY.match(line)
        if not match or _CONFIG_KEY.match(match.group("label")) or _is_version(match):
            if line.strip():
                above = line
                marked = line if _MARKED.match(line) else marked
            continue
        rest = (match.group("rest") or "").strip()
        labels.append(f"{match.group('label').strip()} {rest}".strip())
        values.append(match.group("value"))
        names.append(marked or above)
        marked = ""
    runs = _runs(labels, values, names, caption)
    if runs is not None:
        return runs
    if len(values) < 2 and not (lone and values and _lone_figure(labels[0], values[0])):
        return None
    return one_row_table(labels, values, caption)


def _is_version(match: re.Match[str]) -> bool:
    """'Version: 0.17.2' names what ran, it measures nothing."""
    return is_version_header(match.group("label")) or cell_kind(match.group("value")) is (
        CellKind.VERSION
    )


_RATE_LABEL = re.compile(r"/\s?s(?:ec)?\b|\bper\s(?:sec|second)", re.IGNORECASE)
_UNIT_AFTER = re.compile(r"\d\s?[A-Za-zµ%]")


def _lone_figure(label: str, value: str) -> bool:
    """'Throughput:  7.01MB/s' or 'Requests/sec:  748.53': a measurement, where a lone
    'Threads:  4' under a table may be the run's set-up."""
    return bool(_UNIT_AFTER.search(value) or _RATE_LABEL.search(label))


def one_row_table(
    labels: list[str], values: list[str], caption: str | None, conditions: str | None = None
) -> Block:
    """A tool's summary lines as one table row whose entity the caption names (the code block's
    heading or the line above it)."""
    return Block(
        BlockKind.TABLE,
        header=["", *labels],
        rows=[["", *values]],
        origin="code block",
        caption=caption,
        caption_entity=True,
        conditions=conditions,
    )


def _runs(
    labels: list[str], values: list[str], names: list[str], caption: str | None
) -> Block | None:
    """Summary lines that repeat under a naming line each, as one row per run, or None. Lines
    before the first run that never repeat ('Rounds used: 1000000') are the runs' set-up."""
    if len(set(labels)) == len(labels) or len(labels) < 2:
        return None
    lead = 0
    while lead < len(labels) and labels.count(labels[lead]) == 1:
        lead += 1
    setup = "; ".join(f"{labels[i]}: {values[i]}" for i in range(lead))
    labels, values, names = labels[lead:], values[lead:], names[lead:]
    header: list[str] = []
    rows: list[list[str]] = []
    for label, value, above in zip(labels, values, names, strict=True):
        named = _RUN_NAME.match(above)
        if not rows or label in header[: len(rows[-1]) - 1] or (named and above != rows[-1][-1]):
            if named is None:
                return None
            rows.append([named.group("name")])
        if label not in header:
            header.append(label)
        rows[-1].append(value)
    width = len(header)
    if len(rows) < 2 or any(len(r) - 1 != width for r in rows):
        return None
    return Block(
        BlockKind.TABLE,
        header=["", *header],
        rows=rows,
        origin="code block",
        caption=caption,
        entities_as_rows=True,
        conditions=setup or None,
    )
