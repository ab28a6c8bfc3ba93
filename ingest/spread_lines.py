"""Benchmark blocks printed as 'name  mean +/- spread (count)' lines → a recovered table.

Why: a benchmark suite's report pastes one block per case: its title line, a rule of dashes,
then one line per tool ('git grep 0.211 +/- 0.018 (lines: 28)', the fastest marked
'rg* 0.095 +/- 0.002 (lines: 39)*'). Read as prose the tool names are no known names and
every figure is quarantined. Each block becomes a table of one row per tool: its mean, under
the block's title as the condition (blocks measure different cases). The spread is no figure
of its own (it qualifies the mean, as a median's ± MAD does); a bracketed 'label: count' on
every line of a block ('lines: 39', what the run found) is a column of its own. The line is
kept as the row's evidence, marks and all, so a check can read which line the page marks as
the winner (checks.marked_best).
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind

__all__ = ["may_start_spread", "read_spread_lines", "spread_tables"]

_NUMBER = r"\d+(?:[.,]\d+)?"
_ROW = re.compile(
    rf"^(?P<name>[A-Za-z][\w.+#/-]*(?: [\w.+#/-]+)?(?: \([\w .+-]+\)){{0,2}})(?P<mark>\*?)\s+"
    rf"(?P<mean>{_NUMBER})(?:\s?(?P<unit>[a-zµ]{{1,3}}))?\s+(?:\+/-|±)\s+(?P<spread>{_NUMBER})"
    r"(?:\s?[a-zµ]{1,3})?"
    r"(?:\s+\((?:(?P<count_label>[a-z][a-z ]{0,20}):\s?(?P<count>\d+)|[^()]{0,40})\))?\*?\s*$"
)
# benchmark.js's report line ('find-my-way x 303,431 ops/sec ±0.15% (98 runs sampled)'), maybe
# after a list or quote mark: the name, its rate, the margin (the spread) and the run count (how
# it was measured): one row per name, the rate its figure
_BENCHMARK_JS = re.compile(
    r"^(?:[>›*•-]+\s*)?(?P<name>\S.{0,60}?)\s+x\s+(?P<mean>\d{1,3}(?:,\d{3})*(?:\.\d+)?)"
    r"\s(?P<unit>ops/sec)\s+±\s?(?P<spread>\d+(?:\.\d+)?)%\s+\(\d+ runs? sampled\)\s*$"
)
# the bar a report may draw under each line ("▀▀▀▀"): passed over between two lines
_BAR = re.compile(r"^\s*[▀▄█▌▐■▇▆▅▃▂▁░▒▓]+\s*$")
_RULE = re.compile(r"^\s*[-=]{3,}\s*$")
_MIN_ROWS = 2


def _row(line: str) -> re.Match[str] | None:
    """The spread line's parts: a suite's 'name mean +/- spread (count)' or benchmark.js's."""
    return _ROW.match(line) or _BENCHMARK_JS.match(line)


def _spread_mark(line: str) -> bool:
    """Whether a line holds what every spread line must ('+/-' or '±'): an exact gate before
    the row's regular expression, which most lines of most pages never reach."""
    return "+/-" in line or "±" in line


def _bar_between(lines: list[str], j: int) -> bool:
    """Whether lines[j] is a bar a report drew under a line, another line after it."""
    return (
        _BAR.match(lines[j].strip()) is not None
        and j + 1 < len(lines)
        and _row(lines[j + 1].strip()) is not None
    )


def _titled(lines: list[str], i: int) -> bool:
    """A case's title line right over a benchmark.js line (no rule between them)."""
    title = lines[i].strip()
    return (
        i + 1 < len(lines)
        and bool(title)
        and "±" in lines[i + 1]
        and _BENCHMARK_JS.match(lines[i + 1].strip()) is not None
        and _row(title) is None
        and _BAR.match(title) is None
        and not title.startswith("`")
    )


def may_start_spread(lines: list[str], i: int) -> bool:
    """A title line over a rule of dashes and a spread line, or a spread line itself."""
    if _spread_mark(lines[i]) and _row(lines[i].strip()):
        return True
    if _titled(lines, i):  # 'short static - /user' over its benchmark.js lines
        return True
    return (
        i + 2 < len(lines)
        and _spread_mark(lines[i + 2])
        and bool(lines[i].strip())
        and _RULE.match(lines[i + 1]) is not None
        and _row(lines[i + 2].strip()) is not None
    )


def spread_tables(lines: list[str], caption: str | None) -> list[Block]:
    """Every block of spread lines in a code block's lines; the caption above the code block
    ('with LTO:') is a condition of each, so two runs of one suite are told apart."""
    tables: list[Block] = []
    i = 0
    while i < len(lines):
        found = read_spread_lines(lines, i, 0) if may_start_spread(lines, i) else None
        if found is None:
            i += 1
            continue
        table, i = found
        lead = (caption or "").strip().rstrip(":").strip()
        if lead:
            table.conditions = f"{lead}; {table.conditions}" if table.conditions else lead
        tables.append(table)
    return tables


def read_spread_lines(lines: list[str], start: int, table_index: int) -> tuple[Block, int] | None:
    """The block at lines[start] (its title and rule, when there, then two or more spread
    lines with distinct names) and the index after it; None otherwise."""
    title, j = None, start
    if not _row(lines[start].strip()):
        title, j = lines[start].strip(), start + (1 if _titled(lines, start) else 2)
    rows: list[list[str]] = []
    texts: dict[tuple[str, ...], str] = {}
    labels: set[str] = set()
    while j < len(lines):
        line = lines[j].strip()
        match = _row(line)
        if match is None and rows and _bar_between(lines, j):
            j += 1  # a bar drawn between two lines
            continue
        if match is None:
            break
        mean = match["mean"] + (f" {match['unit']}" if match["unit"] else "")
        row = [match["name"].strip(), mean]
        count = match.groupdict().get("count")
        if count is not None:  # '(lines: 39)': what the run found, a count of the tool's
            labels.add(match["count_label"])
            row.append(count)
        rows.append(row)
        texts[tuple(row)] = line
        j += 1
    if len(rows) < _MIN_ROWS or len({r[0] for r in rows}) < len(rows):
        return None
    header = ["", "mean"]
    if len(labels) == 1 and all(len(r) == 3 for r in rows):  # one count label on every line
        header.append(labels.pop())
    else:
        rows = [r[:2] for r in rows]
        texts = {tuple(r[:2]): t for r, t in zip(rows, texts.values(), strict=True)}
    table = Block(
        BlockKind.TABLE,
        header=header,
        rows=rows,
        row_texts=texts,
        table_index=table_index,
        origin="spread lines",
        caption=title,
        entities_as_rows=True,
        conditions=title,
    )
    return table, j
