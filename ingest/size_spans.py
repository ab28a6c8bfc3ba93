"""Sizes written as sides joined by x/× with one length unit at the end ("131.6 x 69.3 x 9.8 mm").
Why: split from ingest.spans (kept under 400 lines); a size's sides are figures of their own that
carry the unit, and a side's text says which side it is, so three sides never read as one figure.
"""

from __future__ import annotations

import re

from crosscheck.ingest.lexicon import word_list

__all__ = ["is_size", "size_side", "size_sides_in"]

_SIZE_NUMBER = r"\d+(?:[.,]\d+)?"
# a size: sides joined by x/×, one length unit at the end (data/prose.toml dimension_units)
_SIZE_SPAN = re.compile(
    rf"(?<![\w.,])(?P<first>{_SIZE_NUMBER})(?:\s?[x×]\s?{_SIZE_NUMBER}){{1,2}}\s?(?:"
    + "|".join(re.escape(u) for u in sorted(word_list("dimension_units"), key=len, reverse=True))
    + r")(?![A-Za-z])"
)
_SIDE = re.compile(rf"{_SIZE_NUMBER}")


def is_size(raw: str) -> bool:
    """The text of a size's side ("100.5 × 67.5 mm"): a length, never a ratio."""
    return _SIZE_SPAN.fullmatch(raw) is not None


def size_side(raw: str) -> str | None:
    """Which side of a size a side's text is, counted from the unit ("100.5 × 67.5 mm" → "size
    side 2 from the end"), so a size's sides never read as one figure given thrice; None for a
    figure that is no size's side of two or more."""
    if ("x" not in raw and "×" not in raw) or not is_size(raw):
        return None
    return f"size side {len(_SIDE.findall(raw))} from the end"


def size_sides_in(text: str) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Each size in `text` ("at 131.6 x 69.3 x 9.8 mm"): its sides' spans, each running from
    the side's number to the unit ("131.6 x 69.3 x 9.8 mm", "69.3 x 9.8 mm", "9.8 mm"), so a
    side's text is on the page and carries the unit (normalize reads its first number)."""
    out = []
    for size in _SIZE_SPAN.finditer(text):
        end = size.end()
        sides = []
        pos = size.start()
        while True:
            side = _SIDE.match(text, pos)
            if side is None:
                break
            sides.append((side.start(), end))
            nxt = re.compile(r"\s?[x×]\s?").match(text, side.end())
            if nxt is None:
                break
            pos = nxt.end()
        out.append(tuple(sides))
    return tuple(out)
