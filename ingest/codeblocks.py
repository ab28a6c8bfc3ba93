"""Code blocks → recovered tables, or nothing.

A fenced block (markdown) or a <pre> (HTML) holds either tool output that is really a table
(`go test -bench` lines, fixed-width columns under a titled separator) or source code, config
and shell commands, whose numbers are never figures. Only the first kind yields blocks.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from crosscheck.ingest.ab_out import ab_table
from crosscheck.ingest.benchout import bench_table
from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.flattened import bar_charts, boxed_table, csv_table
from crosscheck.ingest.hey_out import hey_table
from crosscheck.ingest.hyperfine import hyperfine_tables
from crosscheck.ingest.jmh import jmh_table
from crosscheck.ingest.k6_out import k6_table
from crosscheck.ingest.load_reports import bombardier_table, vegeta_table
from crosscheck.ingest.named_lines import named_lines_table
from crosscheck.ingest.pytest_bench import pytest_bench_table
from crosscheck.ingest.rate_tools import pgbench_table, rewrk_table
from crosscheck.ingest.spread_lines import spread_tables
from crosscheck.ingest.summary_lines import summary_table
from crosscheck.ingest.tasty import tasty_tables
from crosscheck.ingest.textdata import statistics
from crosscheck.ingest.time_out import time_table
from crosscheck.ingest.timeit_out import timeit_table
from crosscheck.ingest.wrk import wrk_table

_CELL_SPLIT = re.compile(r"\S+(?: \S+)*")  # runs separated by 2+ spaces
_VALUE_CELL = re.compile(
    r"^[~≈<>]?[-+]?(?:\d{1,3}(?:[ \u202f\u00a0]\d{3})+(?:[.,]\d+)?|\d[\d,.]*)"
    r"(?:\s?[A-Za-zµ%/][\w/%µ]*)?(?:\s?[±+]\s?\d[\d,.]*\s?[%\w/]*)?\*?$"
)
_RULE_RUN = re.compile(r"[=\-─━]{3,}")
_RULE_ONLY = re.compile(r"^[\s=\-+|:─━┼┬┴├┤┌┐└┘*#~]+$")


@dataclass
class _Cell:
    start: int
    end: int
    text: str


@dataclass
class _Group:
    titles: list[str] = field(default_factory=list)
    rows: list[list[_Cell]] = field(default_factory=list)


# '**p53 38342 req/sec**' between a heading and its block: the block's result, stated once more
_STATED_FIGURE = re.compile(
    r"\d[\d,.]*\s?[kKMG]?\s?(?:req/s(?:ec)?|requests?/s(?:ec)?|rps|qps|ops/s|[µmun]?s|sec(?:onds)?|"
    r"[KMG]i?B(?:/s)?|%)(?![\w/])"
)


def code_caption(above: list[Block]) -> str | None:
    """The caption of a code block from the blocks before it: the line just above, unless that
    line states a figure and a heading stands right above it ('# Flask Hello World' then
    '**p53 4281 req/sec**'): a result line names no entity, the heading does."""
    last = above[-1] if above else None
    if last is None or last.kind is not BlockKind.LINE:
        return None
    caption = last.text
    before = above[-2] if len(above) >= 2 else None
    if (
        not last.is_heading
        and before is not None
        and before.kind is BlockKind.LINE
        and before.is_heading
        and _STATED_FIGURE.search(caption)
    ):
        caption = before.text
    return caption if len(caption) <= 80 else None


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>\S.*?)\s*#*\s*$")


def heading_over_result(lines: list[str], j: int) -> str | None:
    """For a text page: the markdown heading right above line j when line j states a figure
    (the same rule as code_caption), else None."""
    if not _STATED_FIGURE.search(lines[j]) or _MD_HEADING.match(lines[j]):
        return None
    k = j - 1
    while k >= 0 and k >= j - 2 and not lines[k].strip():
        k -= 1
    heading = _MD_HEADING.match(lines[k]) if k >= 0 else None
    return heading.group("text") if heading else None


def read_code_block(
    lines: list[str], caption: str | None, table_index: int, summaries: bool = True
) -> list[Block]:
    """Tables found in a code block (numbered from `table_index`), or [] for code/commands;
    `summaries` reads 'Label:  value' tool summary lines too."""
    bench = (
        bench_table(lines, caption)
        or wrk_table(lines, caption)
        or jmh_table(lines, caption)
        or timeit_table(lines, caption)
        or pytest_bench_table(lines, caption)
        or time_table(lines, caption)
        or k6_table(lines, caption)
        or hey_table(lines, caption)
        or ab_table(lines, caption)
        or rewrk_table(lines, caption)
        or pgbench_table(lines, caption)
        or vegeta_table(lines, caption)
        or bombardier_table(lines, caption)
    )
    found = [bench] if bench is not None else hyperfine_tables(lines, caption)
    found = found or tasty_tables(lines, caption)  # 'name: OK (0.36s)' over '315 μs ± 17 μs'
    if found:
        for offset, table in enumerate(found):
            table.table_index = table_index + offset
        return found
    spread = spread_tables(lines, caption)  # 'rg (ignore)  0.286 +/- 0.004 (lines: 16)'
    if spread:
        for offset, table in enumerate(spread):
            table.table_index = table_index + offset
        return spread
    charts = bar_charts(lines, caption, table_index)
    if charts:
        return charts
    table = csv_table(lines, table_index) or boxed_table(lines, table_index)
    if table is not None:
        return [table]
    tables = _fixed_width_tables(lines, caption)
    # a tool's closing line under its table ('Throughput:  7.01MB/s') is one figure alone
    summary = summary_table(lines, caption, lone=bool(tables)) if summaries else None
    twice = summary is not None and len(set(summary.header)) < len(summary.header)
    if summaries and not tables and (summary is None or twice):
        # no summary, or one naming a column twice: 'name: figure' lines of several entities
        # ('orjson: 0.0047 seconds' twice, 'Nginx:  Requests per second:  23770.74')
        summary = named_lines_table(lines, caption) or summary
    if summary is not None:
        tables.append(summary)
    for offset, table in enumerate(tables):
        table.table_index = table_index + offset
    return tables


def _cells(line: str) -> list[_Cell]:
    return [_Cell(m.start(), m.end(), m.group()) for m in _CELL_SPLIT.finditer(line)]


def _is_data_row(cells: list[_Cell]) -> bool:
    if len(cells) < 2 or not any(ch.isalpha() for ch in cells[0].text):
        return False
    if cells[0].text.endswith(":"):
        return False  # 'Requests/sec:  748868.53': a summary line (ingest.summary_lines)
    return all(_VALUE_CELL.match(c.text) for c in cells[1:])


def _fixed_width_tables(lines: list[str], caption: str | None) -> list[Block]:
    groups = _groups(lines)
    tables: list[Block] = []
    plain: str | None = None  # a group header line ('DOM  STRUCT') holds for later sections
    known_ends: list[int] | None = None  # value columns of the last section with full rows
    for group in groups:
        own = [t for t in group.titles if not _RULE_RUN.search(t)]
        if own:
            plain = own[-1]
        elif plain is not None:
            group.titles.insert(0, plain)
        if len(group.rows) >= 2:
            table = _group_table(group, caption, known_ends)
            if table is not None:
                tables.append(table)
                if all(table.rows[0]):
                    known_ends = _columns(group.rows)
    return tables


def _groups(lines: list[str]) -> list[_Group]:
    groups: list[_Group] = []
    pending: list[str] = []
    current: _Group | None = None
    for line in lines:
        if not line.strip():
            current = None
            continue
        cells = _cells(line.expandtabs())
        if _is_data_row(cells):
            if current is None:
                current = _Group(titles=pending)
                groups.append(current)
                pending = []
            current.rows.append(cells)
            continue
        if current is not None:
            current = None
        if _RULE_ONLY.match(line):
            continue
        pending = [*pending[-2:], line.expandtabs()]
    return groups


def _columns(rows: list[list[_Cell]]) -> list[int]:
    """Right ends of the value columns, from the row with the most cells."""
    widest = max(rows, key=len)
    return [c.end for c in widest[1:]]


def _nearest(ends: list[int], cell: _Cell) -> int:
    return min(range(len(ends)), key=lambda i: abs(ends[i] - cell.end))


def _group_table(group: _Group, caption: str | None, known_ends: list[int] | None) -> Block | None:
    label_end = min(c[1].start for c in group.rows if len(c) > 1)
    widest = max(len(c) - 1 for c in group.rows)
    section, subs = _titled_rule(group.titles, label_end)
    corner = ""
    if len(subs) >= widest:  # the rule names every column: cells align under its names
        names = [s.text for s in subs]
        _add_group_names(names, subs, group.titles)
        if widest == len(subs):
            ends = _columns(group.rows)
        elif known_ends is not None and len(known_ends) == len(subs):
            ends = known_ends  # a row short of a cell: columns as in the full section above
        else:
            ends = [s.end for s in subs]
    else:
        ends = _columns(group.rows)
        names, corner = _plain_names(group.titles, ends, label_end)
    rows: list[list[str]] = []
    for cells in group.rows:
        values = [""] * len(ends)
        for position, cell in enumerate(cells[1:]):
            # a full row is read in order; a shorter one by where its cells end
            index = position if len(cells) - 1 == len(ends) else _nearest(ends, cell)
            if values[index]:  # two cells for one column: the alignment is not fixed-width
                return None
            values[index] = cell.text
        rows.append([cells[0].text, *values])
    # 'Latency  635.91us  0.89ms' under 'Avg  Stdev': metrics of the block's one entity
    stats = sum(1 for n in names if n.lower() in statistics()) >= 2 and caption is not None
    return Block(
        BlockKind.TABLE,
        header=[corner, *(n or f"column {i + 2}" for i, n in enumerate(names))],
        rows=rows,
        origin="code block",
        caption=section or caption,
        caption_entity=section is not None or stats,
        metric_rows=stats and section is None,
    )


def _titled_rule(titles: list[str], label_end: int) -> tuple[str | None, list[_Cell]]:
    """'=== serde_json === parse|stringify ===': the section's name (left of the values) and
    one cell per column name, with its own position."""
    for title in reversed(titles):
        if not _RULE_RUN.search(title):
            continue
        pieces: list[_Cell] = []
        pos = 0
        for rule in [*_RULE_RUN.finditer(title), None]:
            stop = rule.start() if rule else len(title)
            chunk = title[pos:stop]
            if chunk.strip():
                lead = len(chunk) - len(chunk.lstrip())
                pieces.append(_Cell(pos + lead, pos + len(chunk.rstrip()), chunk.strip()))
            pos = rule.end() if rule else pos
        section: str | None = None
        if pieces and pieces[0].end <= label_end:
            section = pieces.pop(0).text
        subs: list[_Cell] = []
        for piece in pieces:
            offset = piece.start
            for part in piece.text.split("|"):
                subs.append(_Cell(offset, offset + len(part), part.strip()))
                offset += len(part) + 1
        return section, subs
    return None, []


def _add_group_names(names: list[str], subs: list[_Cell], titles: list[str]) -> None:
    """A plain line above a titled rule names groups of its columns ('DOM' over
    'parse|stringify'): each column under a group's word gets it as a prefix."""
    plain = [t for t in titles if not _RULE_RUN.search(t)]
    if not plain:
        return
    words = _cells(plain[-1])
    groups: list[tuple[int, int]] = []  # the '|'-joined piece each sub belongs to
    start = subs[0].start if subs else 0
    for i, sub in enumerate(subs):
        if i and subs[i - 1].end + 1 != sub.start:
            start = sub.start
        groups.append((start, sub.end))
    for i, (lo, _) in enumerate(groups):
        hi = max(e for (s, e) in groups if s == lo)
        over = [w.text for w in words if lo - 2 <= w.start and w.end <= hi + 2]
        if over:
            names[i] = f"{over[0]} {names[i]}".strip()


def _plain_names(titles: list[str], ends: list[int], label_end: int) -> tuple[list[str], str]:
    """Column names from a plain header line above the rows, each under its column, and the
    name of the label column ('Engine  QPS  p99' → ['QPS', 'p99'], 'Engine')."""
    names = [""] * len(ends)
    corner = ""
    plain = [t for t in titles if not _RULE_RUN.search(t)]
    if not plain:
        return names, corner
    for word in _cells(plain[-1]):
        if word.end > label_end:
            i = _nearest(ends, word)
            names[i] = f"{names[i]} {word.text}".strip()
        else:
            corner = f"{corner} {word.text}".strip()
    return names, corner


_MAX_RUN = 500  # lines one run may span (a longer one is cut there, and never rescanned)

# Source code pasted without a fence (a page copy lost its <pre>): statements and braces.
_CODE_LINE = re.compile(
    r"^(?!\s*[-*•+]\s)\s*(?:(?:import|export|from|const|let|var|local|function|def|class|return|"
    r"if|for|while|package|func|fn|pub|use|#include|public|private)\b.*|end|else|fi|done|"
    r"//.*|/\*.*|\*/.*|[}\])]+[;,)]*\s*|.*[{;]\s*(?://.*)?|[\w.$'\"-]+\s*:\s*.+,\s*(?://.*)?|"
    r".*=>.*|[A-Za-z_][\w.\[\]]*\s*[-+*/]?=\s*\S.*)$"
)


@functools.lru_cache(maxsize=16384)
def _is_code(line: str) -> bool:
    """Whether a line reads as source code: asked of every line of a text page twice (as a
    run's start and as the line before the next one), and pages repeat their lines."""
    return _CODE_LINE.match(line) is not None


def may_start_code(line: str) -> bool:
    """Whether `line` passes the first-line tests of indented_run_end, code_run_end and
    spaced_run_end: False means all three return None whatever the lines around it."""
    return bool(_INDENTED.match(line)) or _is_code(line) or "  " in line.strip()


def code_run_end(lines: list[str], start: int) -> int | None:
    """End of a run of ≥3 unfenced source-code lines starting at `start` (blank lines and
    indented continuation lines inside it included), or None when the line starts no code."""
    if not _is_code(lines[start]) or (start and _is_code(lines[start - 1])):
        return None  # not code, or inside a run already tried from its first line
    end, code, other = start, 0, 0
    while end < len(lines) and end - start < _MAX_RUN:
        text = lines[end]
        if _CODE_LINE.match(text):
            code += 1
        elif text.strip() and not text[:1].isspace():
            break  # a flush-left line that is not code ends the run
        elif text.strip():
            other += 1
            if 2 * other - code > 20:
                return None  # mostly prose: the run cannot become code any more
        end += 1
    return end if code >= 3 and code >= 2 * other else None


_GAP = re.compile(r"\S {2,}\S")


def spaced_run_end(lines: list[str], start: int) -> int | None:
    """End of a header line and ≥ 2 rows whose cells are separated by 2+ spaces (a
    fixed-width table outside any code block), or None."""
    if start and _GAP.search(lines[start - 1]):
        return None  # inside a run already tried from its first line
    if _is_data_row(_cells(lines[start].expandtabs())):
        return None  # 'Name:  value' lines without a header are a list, read as prose
    end = start
    while end < len(lines) and end - start < _MAX_RUN and _GAP.search(lines[end]):
        end += 1
    return end if end - start >= 3 else None


_INDENTED = re.compile(r"^(?: {4,}|\t)\S")


def indented_run_end(lines: list[str], start: int) -> int | None:
    """End of a markdown indented code block (lines indented 4+ spaces after a blank line,
    blank lines inside it included), or None."""
    if not _INDENTED.match(lines[start]) or (start and lines[start - 1].strip()):
        return None
    end = start
    while end < len(lines) and (_INDENTED.match(lines[end]) or not lines[end].strip()):
        end += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return end if end - start >= 2 else None
