"""hyperfine output in a code block → a recovered table, one row per command.

`Benchmark 1: fd -e py` then `Time (mean ± σ):  20.8 ms ±  1.1 ms` and `Range (min … max):
19.1 ms … 24.9 ms`: the command's program is the row's entity, the whole command its
condition; mean, min and max are figures (σ and the run count are not compared).
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind

_BENCHMARK = re.compile(r"^\s*Benchmark\s*#?\d+:\s*(?P<command>\S.*?)\s*$")
_TIME = re.compile(r"^\s*Time\s*\(mean\s*±\s*σ\):\s*(?P<mean>[\d.]+\s?[µmn]?s)\s*±")
_RANGE = re.compile(
    r"^\s*Range\s*\(min\s*…\s*max\):\s*(?P<min>[\d.]+\s?[µmn]?s)\s*…\s*(?P<max>[\d.]+\s?[µmn]?s)"
)
_HEADER = ["", "mean time", "min time", "max time"]


def hyperfine_table(lines: list[str], caption: str | None) -> Block | None:
    """The benchmarks of a hyperfine run, or None when the block is not one."""
    rows: list[list[str]] = []
    commands: list[str] = []
    for line in lines:
        bench = _BENCHMARK.match(line)
        if bench:
            command = bench.group("command")
            commands.append(command)
            rows.append([command.split()[0], "", "", ""])
            continue
        if not rows:
            continue
        time = _TIME.match(line)
        if time:
            rows[-1][1] = time.group("mean")
        spread = _RANGE.match(line)
        if spread:
            rows[-1][2], rows[-1][3] = spread.group("min"), spread.group("max")
    if not rows or not any(r[1] for r in rows):
        return None
    return Block(
        BlockKind.TABLE,
        header=list(_HEADER),
        rows=rows,
        origin="code block",
        caption=caption,
        entities_as_rows=True,
        row_conditions=commands,
    )
