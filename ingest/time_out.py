"""The shell's `time` report in a code block → a recovered table, one row per timed command.

Why: install and build benchmarks paste `$ time npm install` and bash's three lines
(`real 0m12.345s`, `user 0m8.120s`, `sys 0m2.001s`), or zsh's one line (`npm install  8.12s
user 2.00s system 85% cpu 12.345 total`). The wall-clock, user and system times are figures
of the command's program; the command is their condition. Read as prose or as a table,
'0m12.345s' is no number and the block gives nothing.
"""

from __future__ import annotations

import re

from crosscheck.ingest.blocks import Block, output_table

_PROMPT_TIME = re.compile(r"^\s*(?:[$%>#]\s*)?time\s+(?P<command>\S.*?)\s*$")
_BASH = re.compile(
    r"^\s*(?P<kind>real|user|sys)\s+(?P<value>(?:\d+h)?(?:\d+m)?\d+(?:[.,]\d+)?s)\s*$"
)
_ZSH = re.compile(
    r"^\s*(?P<command>\S.*?)\s+(?P<user>[\d.]+s)\s+user\s+(?P<sys>[\d.]+s)\s+system\s+"
    r"\d+%\s+cpu\s+(?P<real>(?:\d+:)?[\d.]+)\s+total\s*$"
)
_HEADER = ["", "real time (s)", "user CPU time (s)", "system CPU time (s)"]  # zsh: bare total
_COLUMN = {"real": 1, "user": 2, "sys": 3}


def time_table(lines: list[str], caption: str | None) -> Block | None:
    """The timed commands of a block, or None when it holds no `time` report."""
    rows: list[list[str]] = []
    commands: list[str] = []
    texts: dict[int, list[str]] = {}
    command = ""
    for line in lines:
        zsh = _ZSH.match(line)
        if zsh:
            commands.append(zsh.group("command"))
            real = zsh.group("real")  # 'm:ss.ss' totals are left out: no unit reads them
            rows.append(["", "" if ":" in real else real, zsh.group("user"), zsh.group("sys")])
            texts[len(rows) - 1] = [line.strip()]
            continue
        prompt = _PROMPT_TIME.match(line)
        if prompt:
            command = prompt.group("command")
            continue
        bash = _BASH.match(line)
        if bash is None:
            continue
        column = _COLUMN[bash.group("kind")]
        if not rows or rows[-1][column] or commands[-1] != command:
            rows.append(["", "", "", ""])
            commands.append(command)
        rows[-1][column] = bash.group("value")
        texts.setdefault(len(rows) - 1, []).append(line.strip())
    if not rows or not any(any(r[1:]) for r in rows):
        return None
    names = _programs(commands, caption)
    if names is None:
        return None
    for row, name in zip(rows, names, strict=True):
        row[0] = name
    conditions = [f"command: {c}" if c else "" for c in commands]
    read_from = {tuple(rows[i]): "; ".join(t) for i, t in texts.items()}
    return output_table(list(_HEADER), rows, caption, conditions, read_from)


def _programs(commands: list[str], caption: str | None) -> list[str] | None:
    """Each row's program ('npm install' → 'npm'); the caption when the block shows no command;
    None when neither names the rows."""
    names: list[str] = []
    for command in commands:
        words = command.split()
        if words:
            names.append(words[0].rsplit("/", 1)[-1])
        elif caption:
            names.append(caption.strip().rstrip(":"))
        else:
            return None
    return names
