"""hyperfine output in a code block → recovered tables: one row per command, and its ratios.

`Benchmark 1: fd -e py` then `Time (mean ± σ):  20.8 ms ±  1.1 ms  [User: 18.0 ms, System:
2.7 ms]` and `Range (min … max):  19.1 ms … 24.9 ms`: the command's program is the row's
entity (the whole command when two commands run one program, `kubectl get pods --context a`
vs `--context b`; the words that differ when all commands share their leading words),
the command its condition; mean, σ (a spread, labelled 'stddev time' as the readers of
hyperfine's markdown export and of wrk label theirs: checks never compare it with a mean),
user and system CPU time, min and max are figures (the run count is not). The `Summary`
states each slower command's ratio to the fastest (`fd ran 1.52 ± 0.03 times faster than
find`): one ratio row each, quoted as the two lines that state it.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, BlockKind
from crosscheck.ingest.command_rows import distinct_tails

_BENCHMARK = re.compile(r"^\s*Benchmark\s*#?\d+:\s*(?P<command>\S.*?)\s*$")
_DURATION = r"[\d.]+\s?[µmn]?s"
_TIME = re.compile(
    rf"^\s*Time\s*\(mean\s*±\s*σ\):\s*(?P<mean>{_DURATION})\s*±\s*(?P<sd>{_DURATION})"
    rf"(?:\s*\[User:\s*(?P<user>{_DURATION}),\s*System:\s*(?P<system>{_DURATION})\])?"
)
_RANGE = re.compile(
    rf"^\s*Range\s*\(min\s*…\s*max\):\s*(?P<min>{_DURATION})\s*…\s*(?P<max>{_DURATION})"
)
_SUMMARY = re.compile(r"^\s*Summary\s*$")
_FASTEST = re.compile(r"^\s*(?P<command>\S.*?)\s+ran\s*$")
_RATIO = re.compile(
    r"^\s*(?:(?P<command>\S.*?)\s+ran\s+)?(?P<ratio>\d+(?:\.\d+)?(?:\s*±\s*\d+(?:\.\d+)?)?\s+times)"
    r"\s+faster\s+than\s+(?P<slower>\S.*?)\s*$"
)
_HEADER = [
    "",
    "mean time",
    "stddev time",
    "user CPU time",
    "system CPU time",
    "min time",
    "max time",
]


def hyperfine_tables(lines: list[str], caption: str | None) -> list[Block]:
    """The benchmarks of a hyperfine run and its summary ratios, or [] when the block is not one."""
    rows: list[list[str]] = []
    commands: list[str] = []
    summary_at: int | None = None
    for i, line in enumerate(lines):
        bench = _BENCHMARK.match(line)
        if bench:
            commands.append(bench.group("command"))
            rows.append([bench.group("command").split()[0], *[""] * (len(_HEADER) - 1)])
            continue
        if not rows:
            continue
        if _SUMMARY.match(line):
            summary_at = i
            continue
        time = _TIME.match(line)
        if time:
            rows[-1][1], rows[-1][2] = time.group("mean"), time.group("sd")
            rows[-1][3], rows[-1][4] = time.group("user") or "", time.group("system") or ""
        spread = _RANGE.match(line)
        if spread:
            rows[-1][5], rows[-1][6] = spread.group("min"), spread.group("max")
    if not rows or not any(r[1] for r in rows):
        return []
    names = _entity_names(commands)
    for row, name in zip(rows, names, strict=True):
        row[0] = name
    keep = [c for c in range(1, len(_HEADER)) if any(r[c] for r in rows)]
    table = Block(
        BlockKind.TABLE,
        header=[_HEADER[0], *(_HEADER[c] for c in keep)],
        rows=[[r[0], *(r[c] for c in keep)] for r in rows],
        origin="code block",
        caption=caption,
        entities_as_rows=True,
        row_conditions=commands,
    )
    ratios = _ratios(lines[summary_at + 1 :], commands, names, caption) if summary_at else None
    return [table] if ratios is None else [table, ratios]


def _entity_names(commands: list[str]) -> list[str]:
    """Each command's program, or the whole command where two distinct commands share one;
    when every command runs one program with shared leading words ('pnpm run test:jest',
    'pnpm run test:vitest'), the words that differ."""
    tails = distinct_tails(commands)
    if tails is not None:
        return tails
    programs = [c.split()[0] for c in commands]
    shared = {
        p
        for p in programs
        if len({c for c, q in zip(commands, programs, strict=True) if q == p}) > 1
    }
    return [c if p in shared else p for c, p in zip(commands, programs, strict=True)]


def _name_of(command: str, commands: list[str], names: list[str]) -> str:
    bare = command.strip().strip("'\"")
    for known, name in zip(commands, names, strict=True):
        if known == bare:
            return name
    return bare.split()[0] if bare else bare


def _ratios(
    lines: list[str], commands: list[str], names: list[str], caption: str | None
) -> Block | None:
    """`X ran` then `N ± e times faster than Y` lines → one ratio row per slower command."""
    fastest: str | None = None
    fastest_line = ""
    rows: list[list[str]] = []
    slower: list[str] = []
    texts: dict[tuple[str, ...], str] = {}
    for line in lines:
        head = _FASTEST.match(line)
        if head:
            fastest, fastest_line = head.group("command"), line.strip()
            continue
        match = _RATIO.match(line)
        if match is None:
            if line.strip():
                break
            continue
        subject = match.group("command") or fastest
        if subject is None:
            continue
        row = [_name_of(subject, commands, names), match.group("ratio")]
        rows.append(row)
        slower.append(f"than {match.group('slower').strip()}")
        lead = "" if match.group("command") else fastest_line + " "
        texts[tuple(row)] = lead + line.strip()
    if not rows:
        return None
    return Block(
        BlockKind.TABLE,
        header=["", "times faster"],
        rows=rows,
        origin="code block",
        caption=caption,
        entities_as_rows=True,
        row_conditions=slower,
        row_texts=texts,
    )
