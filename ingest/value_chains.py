"""Three or more values joined by "vs" after as many names joined by "vs": one value each.

Why: "A vs B vs C speed (36 vs 34 vs 32 tok/s)" gives 36 to A, 34 to B and 32 to C; the pair
reader (value_pairs) sees only two values and two names, and left all three to A.
"""

from __future__ import annotations

import re
from itertools import pairwise

from crosscheck.ingest.attribution import Named, entity_name
from crosscheck.ingest.spans import FigureSpan

_MIN_CHAIN = 3
_VALUE_GAP = re.compile(r"(?:\s?[A-Za-z/]{1,8})?\s*(?:vs\.?|versus)\s*", re.IGNORECASE)
_NAME_GAP = re.compile(r"\s*(?:vs\.?|versus|,|and|or)\s*", re.IGNORECASE)


def chained_values(text: str, values: list[FigureSpan], names: list[Named]) -> dict[int, str]:
    """Each value of a "36 vs 34 vs 32" chain (by its start) → the name at the same place of a
    "A vs B vs C" run of names before it; nothing when the counts differ."""
    out: dict[int, str] = {}
    if len(values) < _MIN_CHAIN or len(names) < _MIN_CHAIN or "vs" not in text.lower():
        return out
    for chain in _chains(text, values):
        run = _name_run(text, [n for n in names if n.mention.end <= chain[0].start], len(chain))
        if run:
            out.update((value.start, name) for value, name in zip(chain, run, strict=True))
    return out


def _chains(text: str, values: list[FigureSpan]) -> list[list[FigureSpan]]:
    chains: list[list[FigureSpan]] = []
    current = [values[0]]
    for value in values[1:]:
        if _VALUE_GAP.fullmatch(text, current[-1].end, value.start):
            current.append(value)
            continue
        chains.append(current)
        current = [value]
    chains.append(current)
    return [c for c in chains if len(c) >= _MIN_CHAIN]


def _name_run(text: str, before: list[Named], size: int) -> list[str]:
    """The last run of `size` distinct names joined by "vs" (or commas) before the chain."""
    for end in range(len(before), size - 1, -1):
        run = before[end - size : end]
        joined = all(
            _NAME_GAP.fullmatch(text, a.mention.end, b.mention.start) for a, b in pairwise(run)
        )
        written = [entity_name(n) for n in run]
        if joined and len(set(written)) == size:
            return written
    return []
