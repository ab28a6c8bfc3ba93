"""Rows named by shell commands (a hyperfine markdown export) → the part that names each row.

Why: `hyperfine --export-markdown` writes one row per command, in code marks
(`` `pnpm run test:jest` ``, `` `pnpm run test:vitest` ``). The words every command shares
(the runner and its verb) name no row; taken whole, the command resolves to its first word and
every row becomes one entity ('pnpm'). What differs between the commands is the row's name.
"""

from __future__ import annotations

import re

_CODE = re.compile(r"^\s*`(?P<command>[^`]+)`\s*$")


def command_names(raw_cells: list[str]) -> list[str] | None:
    """Each row's distinguishing words when every non-empty cell of a name column is one
    command in code marks and the commands share their leading words; None otherwise."""
    commands: list[str] = []
    for cell in raw_cells:
        if not cell.strip():
            continue
        match = _CODE.match(cell)
        if match is None:
            return None
        commands.append(match.group("command"))
    return distinct_tails(commands)


def distinct_tails(texts: list[str]) -> list[str] | None:
    """Each command without the leading words all of them share ('pnpm run test:jest',
    'pnpm run test:vitest' → 'test:jest', 'test:vitest'), or None when they share none or an
    option among them, are fewer than two or repeat one another."""
    commands = [t.split() for t in texts]
    if (
        any(not c for c in commands)
        or len(commands) < 2
        or len({tuple(c) for c in commands}) < len(commands)
    ):
        return None
    shared = 0
    shortest = min(len(c) for c in commands)
    while shared < shortest - 1 and len({c[shared] for c in commands}) == 1:
        shared += 1
    if shared == 0 or any(w.startswith("-") for w in commands[0][:shared]):
        # different programs, or shared options ('fd -e py', 'kubectl ... --context a'): the
        # commands differ in a setting, not in what ran, and are named whole
        return None  # different programs: each command names itself
    return [" ".join(c[shared:]) for c in commands]
