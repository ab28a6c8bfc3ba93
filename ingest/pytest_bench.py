"""pytest-benchmark's terminal table in a code block → a recovered table, one row per test.

Why: READMEs paste the table as printed: a header 'Name (time in us)  Min  Max  Mean  StdDev
Median  IQR  Outliers  OPS (Kops/s)  Rounds  Iterations' and one row per test whose cells
carry their ratio to the best row in parentheses ('3.4512 (1.0)'). The fixed-width reader
sees two tokens per cell and gives up. The time columns (unit in the name header) and the
OPS column (unit in its own header) are figures of the test; the deviation and IQR are the
spread, the outlier counts, rounds and iterations how it was measured, the ratios restate
the cells: none of those is a figure.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, output_table

_HEADER = re.compile(r"^\s*Name\s*\(time\s+in\s+(?P<unit>[µu]s|ns|ms|s)\)\s+(?P<rest>.*\S)\s*$")
_COLUMN = re.compile(r"OPS\s*\([^)]*\)|\S+")
_OPS_UNIT = re.compile(r"^OPS\s*\((?P<unit>[^)]+)\)$")
_CELL = re.compile(r"(?P<pair>\d+;\d+)|(?P<value>[\d,]+(?:\.\d+)?)(?:\s*\([\d.,]+\))?")
# 'test_get[redis-cluster]': a parametrized test whose parameter names what ran
_PARAM = re.compile(r"^(?P<test>[^\[\]]+)\[(?P<param>[^\[\]]+)\]$")
_ROW = re.compile(r"^\s*(?P<name>test\S*|\S+\[\S*\]|\S+)\s+(?P<cells>\d.*?)\s*$")
_TIMES = ("min", "max", "mean", "median")  # StdDev and IQR are spread
_RULE = re.compile(r"^\s*-{5,}")


def pytest_bench_table(lines: list[str], caption: str | None) -> Block | None:
    """The tests of the first pytest-benchmark table in the block, or None when it has none."""
    columns: list[str] = []
    unit = ""
    rows: list[list[str]] = []
    conditions: list[str] = []
    texts: dict[tuple[str, ...], str] = {}
    keep: list[tuple[int, str]] = []  # (cell index, header label with unit)
    for line in lines:
        header = _HEADER.match(line)
        if header:
            if rows:
                break  # a second table: read one
            unit = header.group("unit").replace("u", "µ")
            columns = _COLUMN.findall(header.group("rest"))
            keep = _kept(columns, unit)
            continue
        if not columns or not line.strip() or _RULE.match(line):
            continue
        row = _ROW.match(line)
        if row is None:
            if rows:
                break
            continue
        cells = [m.group("value") or m.group("pair") for m in _CELL.finditer(row.group("cells"))]
        if len(cells) != len(columns):
            continue  # a wrapped or cut row: its columns cannot be told apart
        values = [cells[i] for i, _ in keep]
        name, condition = row.group("name"), ""
        param = _PARAM.match(name)
        if param:
            name, condition = param.group("param"), param.group("test")
        out = [name, *values]
        rows.append(out)
        conditions.append(condition)
        texts[tuple(out)] = line.strip()
    if not rows or not keep:
        return None
    columns = ["", *(label for _, label in keep)]
    return output_table(columns, rows, caption, conditions if any(conditions) else None, texts)


def _kept(columns: list[str], unit: str) -> list[tuple[int, str]]:
    """The figure columns: times with the name header's unit, OPS with its own."""
    kept: list[tuple[int, str]] = []
    for i, name in enumerate(columns):
        if name.lower() in _TIMES:
            kept.append((i, f"{name} ({unit})"))
            continue
        ops = _OPS_UNIT.match(name)
        if ops:
            kept.append((i, f"OPS ({ops.group('unit')})"))
    return kept
