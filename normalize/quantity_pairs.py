"""Two figures joined by a word or a slash share the unit written after the second one.

Why: "7,450/6,900 MB/s", "1,400,000 and 1,550,000 IOPS respectively", "1,4 beziehungsweise
1,15 Millionen IOPS", "550 y 520 MB/s": the first figure of such a pair is written bare, and
read alone it is a count (or takes a unit the sentence names elsewhere). Its unit and scale
are the words after the second figure; they become the first figure's unit hint. The joining
words are data (units.toml [pair_joiners]).
"""

from __future__ import annotations

import re

import numpy as np
from crosscheck.normalize.unit_table import unit_table
from crosscheck.normalize.units import hint_info

__all__ = ["pair_units"]

_JOINERS = "|".join(re.escape(w) for w in sorted(unit_table().pair_joiners, key=len, reverse=True))
# a figure written bare: digits and separators, maybe one scale letter ("1.2M", "567K")
_BARE = re.compile(r"(?:[^\W\d_]+(?:\s[^\W\d_]+)?\s)?(?:[~≈]\s?)?[0-9][0-9.,]*[KkM]?")
# after it: a joiner, the second figure (same shape), then the words that may name a unit
_TAIL = re.compile(
    rf"\s*(?:/|\s(?i:{_JOINERS})\s)\s*(?:[~≈]\s?)?[0-9][0-9.,]*(?P<unit>[KkM]?\s?[^\s\d,;:()]+"
    r"(?:\s[^\s\d,;:()]+){0,2})"
)


def pair_units(
    hints: np.ndarray,
    raws: np.ndarray,
    evidence: np.ndarray,
    starts: np.ndarray,
    in_table: np.ndarray,
) -> np.ndarray:
    """Each claim's hint; a bare figure of free text whose evidence joins it to a second figure
    with a unit ("7,450/6,900 MB/s") takes that unit (and scale) instead. Not in tables: there
    a cell "200 / 1,5 Mio h" under "TBW / MTBF" holds two quantities, its header their units."""
    out = hints.copy()
    for row in np.flatnonzero(~in_table).tolist():
        raw, text, start = raws[row], evidence[row], starts[row]
        if not isinstance(raw, str) or not isinstance(text, str) or not _BARE.fullmatch(raw):
            continue
        if not isinstance(start, (int, float, np.number)) or not start >= 0:  # NaN: unknown
            continue
        tail = _TAIL.match(text, int(start) + len(raw))
        if tail is None:
            continue
        words = tail.group("unit").strip()
        info = hint_info(words)
        if info.unit is not None and info.unit.dimension != "count":
            out[row] = words
    return out
