"""The table-like shapes of a text snapshot, tried at each line before markdown tables and
prose: code blocks (fenced, indented, unfenced), space- and pipe-aligned tables, bar charts,
ranked lists, one-cell-per-line tables, space-separated rows under a header line. One entry
point keeps text_parser's loop short.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from crosscheck.ingest.ab_out import ab_caption_line, ab_run_end, may_start_ab
from crosscheck.ingest.blocks import Block
from crosscheck.ingest.cell_grid import may_start_grid, read_cell_grid
from crosscheck.ingest.codeblocks import (
    code_run_end,
    heading_over_result,
    indented_run_end,
    may_start_code,
    read_code_block,
    spaced_run_end,
)
from crosscheck.ingest.column_cells import may_start_columns, read_column_cells
from crosscheck.ingest.flattened import may_start_flattened, read_flattened
from crosscheck.ingest.hey_out import hey_run_end, may_start_hey
from crosscheck.ingest.named_columns import may_start_named_columns, read_named_columns
from crosscheck.ingest.named_spec_rows import may_start_named_spec, read_named_spec_rows
from crosscheck.ingest.output_lines import may_start_output, read_output_lines
from crosscheck.ingest.spaced_cells import (
    MAX_HEADER_CHARS,
    may_start_spaced_cells,
    read_spaced_cells,
)
from crosscheck.ingest.spaced_rows import is_spaced_row, read_spaced_rows, without_notes_column
from crosscheck.ingest.spec_lists import may_start_spec_list, read_spec_list
from crosscheck.ingest.spread_lines import may_start_spread, read_spread_lines
from crosscheck.ingest.vertical import may_start_vertical, read_ruled_cells, read_vertical
from crosscheck.ingest.wrk import may_start_wrk, wrk_run_end

from crosscheck.common.gazetteer import Gazetteer, load_gazetteer

_FENCE = re.compile(r"^\s*(?P<mark>`{3,}|~{3,})")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")


@dataclass(frozen=True)
class Shape:
    """Blocks recovered from lines[start:end] (none for code, whose numbers are no figures)."""

    blocks: list[Block]
    end: int
    tables: int  # how many table numbers the blocks took


def _fence_end(lines: list[str], start: int, mark: str) -> int:
    """Index of the closing fence (or len(lines): an unclosed fence runs to the end)."""
    for j in range(start + 1, len(lines)):
        if lines[j].strip().startswith(mark):
            return j
    return len(lines)


_BARE_URL = re.compile(r"^<?https?://\S+>?$")


def caption_above(lines: list[str], start: int) -> str | None:
    """The short line just above a block ('net/http server:'), one blank line allowed; a bare
    link line between a heading and its block (a report's URL) is passed over."""
    stop = max(-1, start - 3)
    j = start - 1
    while j > stop:
        text = lines[j].strip()
        if _BARE_URL.match(text):
            stop = max(-1, stop - 2)
        elif text:
            text = heading_over_result(lines, j) or text  # '**p53 38342 req/sec**' under '# X'
            return text if len(text) <= 80 and not _FENCE.match(text) else None
        j -= 1
    return None


def _tables(blocks: list[Block], end: int) -> Shape:
    return Shape(blocks, end, sum(1 for b in blocks if b.kind == "table"))


def _spaced_below(lines: list[str], i: int) -> bool:
    """A space-separated row right under line i, or one blank line below it."""
    if is_spaced_row(lines[i + 1]):
        return True
    return i + 2 < len(lines) and not lines[i + 1].strip() and is_spaced_row(lines[i + 2])


def _noted_below(lines: list[str], i: int) -> bool:
    """A header ending in a notes column ('... Performance Notes') over a line with figures:
    rows whose note follows their figures (spaced_rows reads them)."""
    return without_notes_column(lines[i]) is not None and any(ch.isdigit() for ch in lines[i + 1])


@functools.lru_cache(maxsize=16384)
def may_start_shape(line: str) -> bool:
    """Whether `line` passes any first-line test of the readers read_shape tries (each needs
    its own shape of first line; the lines around only decide among those that pass): most
    prose lines pass none, and pages repeat their lines, so the answer is kept per text."""
    if _FENCE.match(line) or may_start_code(line) or may_start_wrk(line) or may_start_hey(line):
        return True
    if may_start_ab(line):
        return True
    return may_start_flattened(line) or may_start_vertical(line)


def rule_lines(lines: list[str]) -> list[int]:
    """Where the page's markdown rules without a row of cells above them are ('|---|---|'
    under a line without '|'), in order: header cells one a line are looked for only a few
    lines above one (most pages have none; a markdown table's rule is under its header row)."""
    found: list[int] = []
    for j, line in enumerate(lines):
        if "--" not in line or "|" not in line or not _MD_RULE.match(line):
            continue
        above = next((lines[k] for k in range(j - 1, max(-1, j - 4), -1) if lines[k].strip()), "")
        if "|" not in above:
            found.append(j)
    return found


_RULE_REACH = 12  # header cells and blank lines between a first header cell and its rule


def read_shape(
    lines: list[str],
    i: int,
    next_table: int,
    rules: list[int] | None = None,
    known: Gazetteer | None = None,
) -> Shape | None:
    """The shape starting at lines[i] (tables numbered from `next_table`), or None; `rules`
    (rule_lines of `lines`, when the caller has them) spares looking for ruled cells where
    no rule is near."""
    listed = spec_list_at(lines, i, next_table, known)  # a metric over "Name: value" lines
    if listed is not None:
        return listed
    spaced = i + 1 < len(lines) and (_spaced_below(lines, i) or _noted_below(lines, i))
    if spaced and not is_spaced_row(lines[i]):
        spaced = read_spaced_rows(lines, i, next_table, known)  # a header over space-separated rows
        if spaced is not None:
            return Shape([spaced[0]], spaced[1], 1)
    elif not spaced and i + 2 < len(lines) and may_start_named_spec(lines, i):
        named = read_named_spec_rows(lines, i, next_table, known)  # word rows between figures
        if named is not None:
            return Shape([named[0]], named[1], 1)
    if len(lines[i]) <= MAX_HEADER_CHARS and may_start_spaced_cells(lines, i):  # rows of cells
        # run together under a line of names
        cells = read_spaced_cells(lines, i, next_table)
        if cells is not None:
            return _tables(cells[0], cells[1])
    if may_start_shape(lines[i]):
        found = shape_at(lines, i, next_table, known)
        if found is not None:
            return found
    near = rules is None or (bool(rules) and _rule_near(rules, i))
    if near and len(lines[i]) <= 48 and i + 2 < len(lines) and lines[i].strip():
        ruled = read_ruled_cells(lines, i, next_table)  # header cells one a line over a rule
        if ruled is not None:
            return Shape([ruled[0]], ruled[1], 1)
    if may_start_spread(lines, i):  # 'git grep 0.211 +/- 0.018 (lines: 28)' under a case title
        spread = read_spread_lines(lines, i, next_table)
        if spread is not None:
            return Shape([spread[0]], spread[1], 1)
    if may_start_output(lines[i]):
        output = read_output_lines(lines, i, next_table)  # 'json.dumps: 0.91 seconds, ...'
        if output is not None:
            lead = caption_above(lines, i)  # 'Results on the ARM laptop:' tells two runs apart
            if lead and lead.endswith(":") and output[0].conditions is None:
                output[0].conditions = lead.rstrip(":").strip()
            return Shape([output[0]], output[1], 1)
    if may_start_grid(lines[i]):
        grid = read_cell_grid(lines, i, next_table)  # one cell per line, header cells first
        if grid is not None:
            return Shape([grid[0]], grid[1], 1)
    if may_start_columns(lines, i):  # one cell per line, the products across
        columns = read_column_cells(lines, i, next_table, known)
        if columns is not None:
            return Shape([columns[0]], columns[1], 1)
    gazetteer = known or load_gazetteer()
    if may_start_named_columns(lines, i, gazetteer):  # one cell per line under known names
        named_columns = read_named_columns(lines, i, next_table, gazetteer)
        if named_columns is not None:
            return Shape([named_columns[0]], named_columns[1], 1)
    return None


def spec_list_at(
    lines: list[str], i: int, next_table: int, known: Gazetteer | None = None
) -> Shape | None:
    """A metric heading and its "Entity: value" lines at lines[i] (ingest.spec_lists)."""
    if i + 1 >= len(lines) or not may_start_spec_list(lines, i):
        return None
    listed = read_spec_list(lines, i, next_table, known)
    return _tables(listed[0], listed[1]) if listed is not None else None


def _rule_near(rules: list[int], i: int) -> bool:
    at = bisect.bisect_right(rules, i)
    return at < len(rules) and rules[at] - i <= _RULE_REACH


def shape_at(
    lines: list[str], i: int, next_table: int, known: Gazetteer | None = None
) -> Shape | None:
    """read_shape without the first-line gate: every reader is tried (`known`: the names the
    table readers know, default the packaged gazetteer)."""
    line = lines[i]
    fence = _FENCE.match(line)
    if fence:
        end = _fence_end(lines, i, fence.group("mark"))
        found = read_code_block(lines[i + 1 : end], caption_above(lines, i), next_table)
        return _tables(found, end + 1)
    indented = indented_run_end(lines, i)
    if indented is not None:  # tool output or code; other indented text stays text
        dedented = [x[4:] if x.startswith("    ") else x.lstrip("\t") for x in lines[i:indented]]
        found = read_code_block(dedented, caption_above(lines, i), next_table)
        if found or code_run_end(dedented, 0) is not None:
            return _tables(found, indented)
    if "|" in line and i + 1 < len(lines) and _MD_RULE.match(lines[i + 1]):
        return None  # a markdown table's header (outer pipes or not): the markdown reader's
    wrk_end = wrk_run_end(lines, i)
    if wrk_end is not None:  # wrk's output pasted without its code fence
        found = read_code_block(lines[i:wrk_end], caption_above(lines, i), next_table)
        if found:
            return _tables(found, wrk_end)
    ab_end = ab_run_end(lines, i)
    if ab_end is not None:  # ApacheBench's report pasted without its code fence
        above = caption_above(lines, ab_caption_line(lines, i))
        found = read_code_block(lines[i:ab_end], above, next_table)
        if found:
            return _tables(found, ab_end)
    hey_end = hey_run_end(lines, i)
    if hey_end is not None:  # hey's or oha's report pasted without its code fence
        found = read_code_block(lines[i:hey_end], caption_above(lines, i), next_table)
        if found:
            return _tables(found, hey_end)
    code_end = code_run_end(lines, i)
    if code_end is not None:  # unfenced source code or config
        return Shape([], code_end, 0)
    spaced = spaced_run_end(lines, i) if "  " in line.strip() else None
    if spaced is not None:  # columns aligned with spaces: pasted tool output
        found = read_code_block(lines[i:spaced], None, next_table, summaries=False)
        if found:
            return _tables(found, spaced)
    flat = read_flattened(lines, i, next_table, known)
    if flat is not None:
        return Shape([flat[0]], flat[1], 1)
    vertical = read_vertical(lines, i, next_table)
    if vertical is not None:
        return _tables(vertical[0], vertical[1])
    return None
