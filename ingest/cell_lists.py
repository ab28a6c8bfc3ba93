"""A cell that lists several figures with their units, each maybe with words or a note after it
("30W wired, 23W wireless, reverse wireless", "48MP (f/1.6 aperture), 12MP (ultrawide)",
"6.7-inch AMOLED display (flat, 120Hz LTPO, 2,400 nits)").
Why: such a cell was read as its first figure only, so the second and later figures (the
wireless charging power, the second camera, the refresh rate) were never claims. Only figures
whose unit the prose reader knows count (ingest.spans.PROSE_UNITS), so "2 users" or a model
number ("LPDDR5X") stays part of the note.
"""

from __future__ import annotations

import functools
import re

from crosscheck.ingest.number_words import chain_count_nouns
from crosscheck.ingest.spans import PROSE_UNITS

__all__ = ["unit_list"]

# a part: a figure with its unit, then maybe up to three words ("23W wireless", "120Hz LTPO")
_FIGURE = r"(?P<value>[~≈]?\d[\d.,]*(?:-|\s?)(?P<unit>[^\W\d_][^\s,()]*))"
_WORDS = r"(?:\s+(?P<words>[^\W\d_][\w+-]*(?:\s[^\W\d_][\w+-]*){0,2}))?"
_HEAD_WORDS = r"(?:\s+[^\W\d_][\w+-]*){0,6}"  # "6.7-inch Super Actua AMOLED display"
_COMPARING = re.compile(r"\b(?:than|faster|slower|vs)\b", re.IGNORECASE)  # a relation: read whole
_NOTE = re.compile(r"\s*\((?P<note>[^()]*)\)$")
# 'N GB @ N GB/s', '36 CUs at 2.23GHz': a figure at another, each its own figure
_AT = re.compile(r"\s+(?:@|at)\s+(?=[~≈]?\d)")


@functools.cache
def _part() -> re.Pattern[str]:
    return re.compile(rf"^{_FIGURE}{_WORDS}$")


@functools.cache
def _head() -> re.Pattern[str]:
    return re.compile(rf"^{_FIGURE}{_HEAD_WORDS}$")


@functools.cache
def _unit() -> re.Pattern[str]:
    return re.compile(rf"(?:{PROSE_UNITS})", re.I)


def _top_parts(value: str) -> list[str] | None:
    """`value` split at ", " outside parentheses; None when its parentheses do not pair."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(value):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None
        elif ch == "," and depth == 0 and value.startswith(", ", i):
            parts.append(value[start:i].strip())
            start = i + 2
    if depth:
        return None
    parts.append(value[start:].strip())
    return parts


def _figure(match: re.Match[str] | None) -> tuple[str, str | None] | None:
    """The figure of a part and the words after it, when its unit is a known unit."""
    if match is None or not _unit().fullmatch(match.group("unit").lstrip("-")):
        return None
    words = match.groupdict().get("words")
    return match.group("value"), words


def _counted(match: re.Match[str] | None) -> tuple[str, str | None] | None:
    """A count of named parts ("52 CUs", "8 cores"; ingest/data/number_words.toml), as a
    figure with its noun."""
    if match is None or match.group("words") or "-" in match.group("value"):
        return None
    unit = match.group("unit")
    if unit.lower() not in chain_count_nouns():
        return None
    return match.group("value"), None


def _at_pair(core: str) -> list[tuple[str, str | None]] | None:
    """'10GB @ 560 GB/s' → [('10GB', '@ 560 GB/s'), ('560 GB/s', '10GB')]; None unless both
    sides are whole figures with known units. Only a part of a list: alone, '5 ms at 200 MB/s'
    is one figure under a condition, which the cell's own reader keeps."""
    sides = _AT.split(core)
    if len(sides) != 2:
        return None
    left, right = (_figure(_part().match(side.strip())) for side in sides)
    if left is None:  # "52 CUs @ 1.825 GHz": a count of parts at a clock
        left = _counted(_part().match(sides[0].strip()))
    if left is None or right is None or left[1] or right[1]:
        return None
    return [(left[0], f"@ {right[0]}"), (right[0], left[0])]


def unit_list(value: str) -> list[tuple[str, str | None]] | None:
    """Each figure of a cell listing two or more figures with known units, with the words
    after it (a condition), or None for any other cell. A part without digits is a feature
    word and is skipped; a part with digits that is no such figure makes the cell no list, and
    so do later figures without words ("4 GB, 8 GB": options) and a comparison ("41% faster")."""
    parts = _top_parts(value)
    if parts is None or _COMPARING.search(value):
        return None
    found: list[tuple[str, str | None]] = []
    for part in parts:
        note = _NOTE.search(part)
        core = part[: note.start()] if note else part
        if not any(ch.isdigit() for ch in core):
            continue
        at = _at_pair(core) if len(parts) > 1 and _AT.search(core) else None
        if at is not None:  # each figure of the pair names the other as its condition
            found += at
            continue
        first = _figure(_part().match(core)) or (
            _figure(_head().match(core)) if len(parts) == 1 else None
        )
        if first is None:
            return None
        own_note = note.group("note") if note and len(parts) > 1 else None
        found.append((first[0], first[1] or own_note))
        inners = note.group("note").split(", ") if note and len(parts) == 1 else []
        listed = [f for f in (_figure(_part().match(i.strip())) for i in inners) if f is not None]
        if len(listed) >= 2:  # "display (flat, 120Hz LTPO, 2,400 nits)": the list's figures;
            found += listed  # one figure in parentheses is a condition ("5 ms (200 MB/s load)")
    if len(parts) > 1 and not all(words for _, words in found[1:]):
        return None  # "4 GB, 8 GB": options of one value, no figure of its own
    return found if len(found) >= 2 else None
